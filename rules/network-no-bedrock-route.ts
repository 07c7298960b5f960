import { unreachableRule } from '../src/network/unreachable-rule.js';

export const networkNoBedrockRoute = unreachableRule(
  {
    id: 'network-no-bedrock-route',
    description: 'VPC-attached compute has neither a NAT route nor a bedrock-runtime interface endpoint with private DNS (calls time out)',
    defaultSeverity: 'error',
    family: 'network',
  },
  'no-route',
);
