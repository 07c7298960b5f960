import { describe, expect, it } from 'vitest';
import { parseJson } from '../../src/load/json.js';
import { buildNetwork, parseDescribeVpcEndpoints } from '../../src/network/build.js';
import { endpointOnPath, findRouteToBedrock } from '../../src/network/reach.js';
import { attach, resources } from './helpers.js';

// Shape of `aws ec2 describe-vpc-endpoints` output (fields the analysis reads, plus some it ignores).
const OUTPUT = `{
  "VpcEndpoints": [
    {
      "VpcEndpointId": "vpce-0a1b2c3d4e5f60718",
      "VpcEndpointType": "Interface",
      "VpcId": "vpc-0123456789abcdef0",
      "ServiceName": "com.amazonaws.us-east-1.bedrock-runtime",
      "State": "available",
      "PolicyDocument": "{\\"Version\\":\\"2008-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}",
      "RouteTableIds": [],
      "SubnetIds": ["subnet-0aaa", "subnet-0bbb"],
      "Groups": [{ "GroupId": "sg-0endpoint", "GroupName": "bedrock-endpoint" }],
      "PrivateDnsEnabled": true,
      "RequesterManaged": false,
      "NetworkInterfaceIds": ["eni-1", "eni-2"],
      "CreationTimestamp": "2026-05-01T10:00:00.000Z",
      "OwnerId": "111122223333"
    },
    {
      "VpcEndpointId": "vpce-0deleted",
      "VpcEndpointType": "Interface",
      "VpcId": "vpc-0123456789abcdef0",
      "ServiceName": "com.amazonaws.us-east-1.bedrock",
      "State": "deleted",
      "SubnetIds": [],
      "Groups": [],
      "PrivateDnsEnabled": true
    },
    {
      "VpcEndpointId": "vpce-0s3",
      "VpcEndpointType": "Gateway",
      "VpcId": "vpc-0123456789abcdef0",
      "ServiceName": "com.amazonaws.us-east-1.s3",
      "State": "available",
      "RouteTableIds": ["rtb-1"],
      "SubnetIds": [],
      "Groups": []
    }
  ]
}`;

function parsed() {
  const { root } = parseJson(OUTPUT, 'endpoints.json');
  return parseDescribeVpcEndpoints(root!, 'endpoints.json');
}

describe('parseDescribeVpcEndpoints', () => {
  it('reads live endpoints and leaves out deleted ones', () => {
    const eps = parsed();
    expect(eps.map((e) => [e.id, e.endpointId, e.type, e.serviceName.value, e.vpc?.value, e.privateDns])).toEqual([
      ['vpce-0a1b2c3d4e5f60718', 'vpce-0a1b2c3d4e5f60718', 'Interface', 'com.amazonaws.us-east-1.bedrock-runtime', 'vpc-0123456789abcdef0', true],
      ['vpce-0s3', 'vpce-0s3', 'Gateway', 'com.amazonaws.us-east-1.s3', 'vpc-0123456789abcdef0', false],
    ]);
    const ep = eps[0]!;
    expect(ep.subnets.map((s) => s.value)).toEqual(['subnet-0aaa', 'subnet-0bbb']);
    expect(ep.securityGroups.map((s) => s.value)).toEqual(['sg-0endpoint']);
    expect(ep.file).toBe('endpoints.json');
    expect(ep.serviceName.loc.line).toBe(7);
  });

  it('parses the policy string into an endpoint PolicyDoc', () => {
    const policy = parsed()[0]!.policy!;
    expect(policy.kind).toBe('endpoint');
    expect(policy.version).toBe('2008-10-17');
    expect(policy.statements.map((s) => [s.effect, s.principal?.any, s.action?.map((a) => a.value)])).toEqual([['Allow', true, ['*']]]);
  });

  it('lets a function in literal subnets find the endpoint of its VPC', () => {
    const net = buildNetwork([]);
    const withDescribe = { ...net, endpoints: parsed() };
    const q = { attachment: attach(['subnet-0aaa'], ['sg-0fn']), region: 'us-east-1' };
    expect(endpointOnPath(q, withDescribe).endpoint?.endpointId).toBe('vpce-0a1b2c3d4e5f60718');
    // The endpoint is on the path, but its security group rules are not in the inputs: unknown, not blocked.
    expect(findRouteToBedrock({ ...q, action: 'bedrock:InvokeModel', caller: 'Fn' }, withDescribe)).toEqual({
      kind: 'unknown',
      reasons: ['security group sg-0endpoint is not defined in the inputs', 'security group sg-0fn is not defined in the inputs'],
    });
    // A subnet the output does not list stays unknown.
    expect(endpointOnPath({ ...q, attachment: attach(['subnet-0zzz'], []) }, withDescribe).unknown).toEqual([
      'the VPC of subnets subnet-0zzz is not known',
    ]);
  });

  it('joins template subnets whose VpcId is the literal VPC of a described endpoint', () => {
    const net = buildNetwork(
      resources({
        PrivA: ['AWS::EC2::Subnet', { VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.1.0/24' }],
      }),
    );
    const withDescribe = { ...net, endpoints: parsed() };
    expect(endpointOnPath({ attachment: attach(['PrivA'], []), region: 'us-east-1' }, withDescribe).endpoint?.id).toBe('vpce-0a1b2c3d4e5f60718');
  });
});
