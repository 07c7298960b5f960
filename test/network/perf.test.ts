// Linear cost: a 2,000-resource template with 200 subnets analyses in well under a second.
import { describe, expect, it } from 'vitest';
import type { ResolvedResource } from '../../src/model/resource.js';
import { buildNetwork } from '../../src/network/build.js';
import { findRouteToBedrock } from '../../src/network/reach.js';
import type { Reachability } from '../../src/network/types.js';
import { attach, resources, type Spec } from './helpers.js';

function bigTemplate(): { res: ResolvedResource[]; functions: { subnets: string[]; sg: string }[] } {
  const specs: Record<string, [string, Record<string, Spec>?]> = {
    Vpc: ['AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsHostnames: true }],
    Igw: ['AWS::EC2::InternetGateway'],
    PublicRt: ['AWS::EC2::RouteTable', { VpcId: 'Vpc' }],
    PublicDefault: ['AWS::EC2::Route', { RouteTableId: 'PublicRt', DestinationCidrBlock: '0.0.0.0/0', GatewayId: 'Igw' }],
    Public: ['AWS::EC2::Subnet', { VpcId: 'Vpc', CidrBlock: '10.0.255.0/24' }],
    PublicAssoc: ['AWS::EC2::SubnetRouteTableAssociation', { SubnetId: 'Public', RouteTableId: 'PublicRt' }],
    Nat: ['AWS::EC2::NatGateway', { SubnetId: 'Public' }],
  };
  const functions: { subnets: string[]; sg: string }[] = [];
  for (let i = 0; i < 200; i++) {
    specs[`Subnet${i}`] = ['AWS::EC2::Subnet', { VpcId: 'Vpc', CidrBlock: `10.0.${i}.0/24` }];
    specs[`Rt${i}`] = ['AWS::EC2::RouteTable', { VpcId: 'Vpc' }];
    specs[`Assoc${i}`] = ['AWS::EC2::SubnetRouteTableAssociation', { SubnetId: `Subnet${i}`, RouteTableId: `Rt${i}` }];
    // Every other subnet has a NAT route.
    if (i % 2 === 0) specs[`Default${i}`] = ['AWS::EC2::Route', { RouteTableId: `Rt${i}`, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'Nat' }];
    specs[`Sg${i}`] = ['AWS::EC2::SecurityGroup', { VpcId: 'Vpc', GroupDescription: 'x', SecurityGroupEgress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }] }];
    specs[`SgIn${i}`] = ['AWS::EC2::SecurityGroupIngress', { GroupId: `Sg${i}`, IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: `Sg${(i + 1) % 200}` }];
    specs[`Fn${i}`] = ['AWS::Lambda::Function', { Handler: 'index.handler' }];
    specs[`Role${i}`] = ['AWS::IAM::Role', {}];
    specs[`Other${i}`] = ['AWS::S3::Bucket', {}];
    specs[`Param${i}`] = ['AWS::SSM::Parameter', { Value: 'x' }];
    specs[`Log${i}`] = ['AWS::Logs::LogGroup', {}];
    // Function i is attached to two neighbouring subnets.
    functions.push({ subnets: [`Subnet${(2 * i) % 200}`, `Subnet${(2 * i + 2) % 200}`], sg: `Sg${i}` });
  }
  return { res: resources(specs), functions };
}

describe('performance', () => {
  it('builds and analyses 2,000+ resources with 200 subnets well under a second', () => {
    const { res, functions } = bigTemplate();
    expect(res.length).toBeGreaterThanOrEqual(2000);
    const start = performance.now();
    const net = buildNetwork(res);
    const results: Reachability[] = functions.map((f) =>
      findRouteToBedrock({ attachment: attach(f.subnets, [f.sg]), region: 'us-east-1', action: 'bedrock:InvokeModel' }, net),
    );
    const ms = performance.now() - start;
    expect(results.every((r) => r.kind === 'nat')).toBe(true);
    expect(net.subnets!.size).toBe(201);
    expect(ms).toBeLessThan(500);
  });
});
