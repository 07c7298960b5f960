import { unreachableRule } from '../src/network/unreachable-rule.js';

export const networkSecurityGroupBlocks = unreachableRule(
  {
    id: 'network-security-group-blocks',
    description: "A security group blocks TCP 443 between the caller and bedrock-runtime (endpoint inbound or caller outbound)",
    defaultSeverity: 'error',
    family: 'network',
  },
  'security-group',
);
