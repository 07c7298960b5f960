import { unreachableRule } from '../src/network/unreachable-rule.js';

export const networkWrongEndpointService = unreachableRule(
  {
    id: 'network-wrong-endpoint-service',
    description: 'The VPC has a Bedrock endpoint for another service (bedrock, bedrock-agent…) but none for bedrock-runtime, and no other route',
    defaultSeverity: 'error',
    family: 'network',
  },
  'wrong-endpoint-service',
);
