import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/network/build.js';
import { endpointOnPath, findRouteToBedrock } from '../../src/network/reach.js';
import type { Reachability, VpcAttachment } from '../../src/network/types.js';
import {
  PUBLIC_WITH_NAT,
  VPC,
  attach,
  resources,
  route,
  runtimeEndpoint,
  sg,
  str,
  subnet,
  table,
  tcp443From,
  type Spec,
} from './helpers.js';

type Specs = Record<string, [string, Record<string, Spec>?]>;

/** Two isolated subnets sharing one route table with only the local route. */
const ISOLATED: Specs = {
  ...VPC,
  ...table('PrivRt'),
  ...subnet('PrivA', '10.0.1.0/24', 'PrivRt'),
  ...subnet('PrivB', '10.0.2.0/24', 'PrivRt'),
  ...sg('FnSg'),
};

const WITH_ENDPOINT: Specs = {
  ...ISOLATED,
  ...sg('EndpointSg', { ingress: [tcp443From({ SourceSecurityGroupId: 'FnSg' })] }),
  ...runtimeEndpoint('RuntimeEp'),
};

function reach(specs: Specs, att: VpcAttachment = attach(['PrivA', 'PrivB'], ['FnSg']), extra: { override?: boolean; region?: string } = {}): Reachability {
  return findRouteToBedrock(
    {
      attachment: att,
      action: 'bedrock:InvokeModel',
      caller: 'Fn',
      region: extra.region ?? 'us-east-1',
      ...(extra.override ? { endpointUrlOverride: true } : {}),
    },
    buildNetwork(resources(specs)),
  );
}

function summary(r: Reachability): string {
  switch (r.kind) {
    case 'unreachable':
      return `unreachable:${r.missing}:${r.blame.resource}`;
    case 'endpoint':
      return `endpoint:${r.endpoint.id}`;
    case 'unknown':
      return 'unknown';
    default:
      return r.kind;
  }
}

describe('findRouteToBedrock', () => {
  it('NAT path: private subnets → NAT gateway in a subnet that routes to an internet gateway', () => {
    const r = reach({ ...ISOLATED, ...PUBLIC_WITH_NAT, ...route('PrivDefault', 'PrivRt', { NatGatewayId: 'Nat' }) });
    expect(r).toEqual({
      kind: 'nat',
      evidence: [
        'subnet PrivA → route table PrivRt → 0.0.0.0/0 via NAT gateway Nat → subnet PublicA → route table PublicRt → 0.0.0.0/0 via internet gateway Igw (public NAT gateway Nat has a public IP)',
        'subnet PrivB → route table PrivRt → 0.0.0.0/0 via NAT gateway Nat → subnet PublicA → route table PublicRt → 0.0.0.0/0 via internet gateway Igw (public NAT gateway Nat has a public IP)',
      ],
    });
  });

  it('no NAT and no endpoint: no-route, pointing at the first subnet of the function', () => {
    const att = attach(['PrivA', 'PrivB'], ['FnSg']);
    const r = reach(ISOLATED, att);
    expect(r.kind).toBe('unreachable');
    if (r.kind !== 'unreachable') return;
    expect(r.missing).toBe('no-route');
    expect(r.blame.loc).toEqual(att.subnets[0]!.loc);
    expect(r.detail).toBe(
      'Fn has no network path to bedrock-runtime in us-east-1: route table PrivRt of subnets PrivA, PrivB has no 0.0.0.0/0 route; VPC Vpc has no bedrock-runtime interface endpoint either, so calls time out',
    );
  });

  it('internet gateway without a public IP (Lambda) is no route', () => {
    const r = reach({ ...VPC, ...PUBLIC_WITH_NAT, ...sg('FnSg') }, attach(['PublicA'], ['FnSg']));
    expect(summary(r)).toBe('unreachable:no-route:Fn');
    if (r.kind !== 'unreachable') return;
    expect(r.detail).toContain('0.0.0.0/0 via internet gateway Igw, but Fn has no public IP (Lambda network interfaces never get one)');
    expect(r.blame.fix).toContain('put Fn in private subnets whose route table sends 0.0.0.0/0 to a NAT gateway');
  });

  it('internet gateway with a public IP (ECS AssignPublicIp) is an internet path', () => {
    const r = reach({ ...VPC, ...PUBLIC_WITH_NAT, ...sg('FnSg') }, attach(['PublicA'], ['FnSg'], true));
    expect(r).toEqual({
      kind: 'internet',
      evidence: ['subnet PublicA → route table PublicRt → 0.0.0.0/0 via internet gateway Igw (Fn has a public IP)'],
    });
  });

  it('public IP decided by a parameter is unknown', () => {
    expect(summary(reach({ ...VPC, ...PUBLIC_WITH_NAT, ...sg('FnSg') }, attach(['PublicA'], ['FnSg'], 'unknown')))).toBe('unknown');
  });

  it('bedrock-runtime endpoint with private DNS and 443 both ways', () => {
    const r = reach(WITH_ENDPOINT);
    expect(r.kind).toBe('endpoint');
    if (r.kind !== 'endpoint') return;
    expect(r.endpoint.id).toBe('RuntimeEp');
    expect(r.evidence).toEqual([
      'interface endpoint RuntimeEp (com.amazonaws.us-east-1.bedrock-runtime) with private DNS',
      'TCP 443 allowed from FnSg to EndpointSg',
    ]);
    expect(r.problems).toEqual([]);
  });

  it('endpoint for the control plane only: wrong-endpoint-service at its ServiceName', () => {
    const specs: Specs = { ...WITH_ENDPOINT, ...runtimeEndpoint('RuntimeEp', { ServiceName: 'com.amazonaws.us-east-1.bedrock' }) };
    const r = reach(specs);
    expect(summary(r)).toBe('unreachable:wrong-endpoint-service:RuntimeEp');
    if (r.kind !== 'unreachable') return;
    expect(r.detail).toMatch(/^VPC Vpc has no bedrock-runtime interface endpoint: RuntimeEp serves bedrock, which does not serve InvokeModel\/Converse/);
    expect(r.blame.loc).toEqual(r.endpoint!.serviceName.loc);
  });

  it.each(['bedrock-agent', 'bedrock-agent-runtime', 'bedrock-mantle'])('endpoint for %s is the wrong service', (service) => {
    const specs: Specs = { ...WITH_ENDPOINT, ...runtimeEndpoint('RuntimeEp', { ServiceName: `com.amazonaws.us-east-1.${service}` }) };
    expect(summary(reach(specs))).toBe('unreachable:wrong-endpoint-service:RuntimeEp');
  });

  it('wrong-service endpoint does not matter when a NAT route exists', () => {
    const specs: Specs = {
      ...WITH_ENDPOINT,
      ...runtimeEndpoint('RuntimeEp', { ServiceName: 'com.amazonaws.us-east-1.bedrock' }),
      ...PUBLIC_WITH_NAT,
      ...route('PrivDefault', 'PrivRt', { NatGatewayId: 'Nat' }),
    };
    expect(summary(reach(specs))).toBe('nat');
  });

  it('runtime endpoint for another Region is the wrong service', () => {
    expect(summary(reach(WITH_ENDPOINT, undefined, { region: 'us-west-2' }))).toBe('unreachable:wrong-endpoint-service:RuntimeEp');
  });

  it('runtime endpoint without VpcEndpointType is a Gateway endpoint (the CloudFormation default)', () => {
    const specs: Specs = { ...WITH_ENDPOINT };
    const props = { ...(specs.RuntimeEp![1] as Record<string, Spec>) };
    delete props.VpcEndpointType;
    specs.RuntimeEp = ['AWS::EC2::VPCEndpoint', props];
    const r = reach(specs);
    expect(summary(r)).toBe('unreachable:wrong-endpoint-service:RuntimeEp');
    if (r.kind === 'unreachable') expect(r.detail).toContain('is a Gateway endpoint (VpcEndpointType defaults to Gateway)');
  });

  it('private DNS off: private-dns-disabled at the PrivateDnsEnabled value', () => {
    const r = reach({ ...WITH_ENDPOINT, ...runtimeEndpoint('RuntimeEp', { PrivateDnsEnabled: false }) });
    expect(summary(r)).toBe('unreachable:private-dns-disabled:RuntimeEp');
    if (r.kind !== 'unreachable') return;
    expect(r.blame.loc).toEqual(r.endpoint!.privateDnsLoc);
    expect(r.detail).toMatch(/^endpoint RuntimeEp has PrivateDnsEnabled: false, so Fn's SDK resolves bedrock-runtime.us-east-1.amazonaws.com to public addresses/);
  });

  it('private DNS not set counts as off (CloudFormation default false)', () => {
    const specs: Specs = { ...WITH_ENDPOINT };
    const props = { ...(specs.RuntimeEp![1] as Record<string, Spec>) };
    delete props.PrivateDnsEnabled;
    specs.RuntimeEp = ['AWS::EC2::VPCEndpoint', props];
    const r = reach(specs);
    expect(summary(r)).toBe('unreachable:private-dns-disabled:RuntimeEp');
    if (r.kind === 'unreachable') expect(r.detail).toContain('does not set PrivateDnsEnabled (the CloudFormation default is false)');
  });

  it('private DNS off but the caller sets the endpoint URL: through the endpoint', () => {
    const r = reach({ ...WITH_ENDPOINT, ...runtimeEndpoint('RuntimeEp', { PrivateDnsEnabled: false }) }, undefined, { override: true });
    expect(summary(r)).toBe('endpoint:RuntimeEp');
    if (r.kind === 'endpoint') expect(r.evidence[0]).toContain('through the endpoint URL the caller sets');
  });

  it('private DNS off with a NAT route: the public path works', () => {
    const specs: Specs = {
      ...WITH_ENDPOINT,
      ...runtimeEndpoint('RuntimeEp', { PrivateDnsEnabled: false }),
      ...PUBLIC_WITH_NAT,
      ...route('PrivDefault', 'PrivRt', { NatGatewayId: 'Nat' }),
    };
    expect(summary(reach(specs))).toBe('nat');
  });

  it('endpoint SG admits TCP 80, not 443: security-group pointing at the port', () => {
    const specs: Specs = { ...WITH_ENDPOINT, ...sg('EndpointSg', { ingress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: 'FnSg' }] }) };
    const net = buildNetwork(resources(specs));
    const r = findRouteToBedrock({ attachment: attach(['PrivA', 'PrivB'], ['FnSg']), action: 'bedrock:InvokeModel', caller: 'Fn', region: 'us-east-1' }, net);
    expect(summary(r)).toBe('unreachable:security-group:EndpointSg');
    if (r.kind !== 'unreachable') return;
    expect(r.detail).toBe("endpoint RuntimeEp's security group EndpointSg allows inbound TCP 80 from FnSg, not TCP 443");
    expect(r.blame.loc).toEqual(net.securityGroups!.get('EndpointSg')!.ingress[0]!.portLoc);
    expect(r.blame.fix).toBe('allow inbound TCP 443 from FnSg (SourceSecurityGroupId) or the caller\'s subnet CIDRs (FromPort 443, ToPort 443) instead of TCP 80');
  });

  it('a private-DNS endpoint captures the calls even with a NAT route, so its SG still decides', () => {
    const specs: Specs = {
      ...WITH_ENDPOINT,
      ...sg('EndpointSg', { ingress: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: 'FnSg' }] }),
      ...PUBLIC_WITH_NAT,
      ...route('PrivDefault', 'PrivRt', { NatGatewayId: 'Nat' }),
    };
    expect(summary(reach(specs))).toBe('unreachable:security-group:EndpointSg');
  });

  it('SG-to-SG reference in a separate AWS::EC2::SecurityGroupIngress resource', () => {
    const ok: Specs = {
      ...WITH_ENDPOINT,
      ...sg('EndpointSg'),
      FromFn: ['AWS::EC2::SecurityGroupIngress', { GroupId: 'EndpointSg', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: 'FnSg' }],
    };
    expect(summary(reach(ok))).toBe('endpoint:RuntimeEp');
    const wrongPort: Specs = { ...ok, FromFn: ['AWS::EC2::SecurityGroupIngress', { GroupId: 'EndpointSg', IpProtocol: 'tcp', FromPort: 8443, ToPort: 8443, SourceSecurityGroupId: 'FnSg' }] };
    expect(summary(reach(wrongPort))).toBe('unreachable:security-group:FromFn');
    const otherGroup: Specs = { ...ok, ...sg('OtherSg'), FromFn: ['AWS::EC2::SecurityGroupIngress', { GroupId: 'EndpointSg', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: 'OtherSg' }] };
    const r = reach(otherGroup);
    expect(summary(r)).toBe('unreachable:security-group:EndpointSg');
    if (r.kind === 'unreachable') expect(r.detail).toBe("endpoint RuntimeEp's security group EndpointSg allows no inbound TCP 443 from FnSg");
  });

  it('CIDR rules: the VPC CIDR (literal or GetAtt Vpc.CidrBlock) covers the caller; another range does not', () => {
    const withIngress = (peer: Record<string, Spec>): Specs => ({ ...WITH_ENDPOINT, ...sg('EndpointSg', { ingress: [tcp443From(peer)] }) });
    expect(summary(reach(withIngress({ CidrIp: '10.0.0.0/16' })))).toBe('endpoint:RuntimeEp');
    expect(summary(reach(withIngress({ CidrIp: 'Vpc' })))).toBe('endpoint:RuntimeEp');
    expect(summary(reach(withIngress({ CidrIp: '10.0.1.0/24' })))).toBe('unknown'); // covers PrivA only: depends on the ENI's subnet
    expect(summary(reach(withIngress({ CidrIp: '192.168.0.0/16' })))).toBe('unreachable:security-group:EndpointSg');
    expect(summary(reach(withIngress({ CidrIpv6: '::/0' })))).toBe('unreachable:security-group:EndpointSg');
    expect(summary(reach(withIngress({ SourcePrefixListId: 'pl-123' })))).toBe('unknown');
  });

  it('caller SG egress: default allow-all, explicit 443, and a group that allows only port 80', () => {
    expect(summary(reach(WITH_ENDPOINT))).toBe('endpoint:RuntimeEp'); // no SecurityGroupEgress: default allow-all
    const egress = (rules: Spec[]): Specs => ({ ...WITH_ENDPOINT, ...sg('FnSg', { egress: rules }) });
    expect(summary(reach(egress([{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }])))).toBe('endpoint:RuntimeEp');
    expect(summary(reach(egress([{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, DestinationSecurityGroupId: 'EndpointSg' }])))).toBe('endpoint:RuntimeEp');
    expect(summary(reach(egress([{ IpProtocol: '6', FromPort: '0', ToPort: '65535', CidrIp: '10.0.0.0/8' }])))).toBe('endpoint:RuntimeEp');
    const r = reach(egress([{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }]));
    expect(summary(r)).toBe('unreachable:security-group:FnSg');
    if (r.kind === 'unreachable') expect(r.detail).toBe("Fn's security group FnSg allows outbound TCP 80 to endpoint RuntimeEp, not TCP 443");
    // An empty list keeps the default rule.
    expect(summary(reach(egress([])))).toBe('endpoint:RuntimeEp');
  });

  it('caller SG egress limited to private ranges blocks the NAT path', () => {
    const base: Specs = { ...ISOLATED, ...PUBLIC_WITH_NAT, ...route('PrivDefault', 'PrivRt', { NatGatewayId: 'Nat' }) };
    const r = reach({ ...base, ...sg('FnSg', { egress: [tcp443From({ CidrIp: '10.0.0.0/8' })] }) });
    expect(summary(r)).toBe('unreachable:security-group:FnSg');
    if (r.kind === 'unreachable') expect(r.detail).toBe("Fn's security group FnSg allows no outbound TCP 443 to the internet");
    expect(summary(reach({ ...base, ...sg('FnSg', { egress: [tcp443From({ CidrIp: '0.0.0.0/0' })] }) }))).toBe('nat');
  });

  it('endpoint without SecurityGroupIds uses the VPC default group, which admits only its own members', () => {
    const specs: Specs = { ...WITH_ENDPOINT, ...runtimeEndpoint('RuntimeEp', { SecurityGroupIds: [] }) };
    const r = reach(specs);
    expect(summary(r)).toBe('unreachable:security-group:RuntimeEp');
    if (r.kind === 'unreachable') expect(r.detail).toBe("endpoint RuntimeEp's default security group of VPC Vpc allows no inbound TCP 443 from FnSg");
    // A caller that is itself in the default group (GetAtt Vpc.DefaultSecurityGroup) gets in.
    expect(summary(reach(specs, attach(['PrivA', 'PrivB'], ['Vpc'])))).toBe('endpoint:RuntimeEp');
  });

  it('transit gateway route is unknown, not absent', () => {
    const r = reach({ ...ISOLATED, ...route('ToTgw', 'PrivRt', { TransitGatewayId: 'tgw-0abc' }) });
    expect(r).toEqual({
      kind: 'unknown',
      reasons: [
        'subnet PrivA → route table PrivRt → 0.0.0.0/0 via transit gateway tgw-0abc (route ToTgw); what lies beyond it is not in the inputs',
        'subnet PrivB → route table PrivRt → 0.0.0.0/0 via transit gateway tgw-0abc (route ToTgw); what lies beyond it is not in the inputs',
      ],
    });
  });

  it.each([
    ['VpcPeeringConnectionId', 'pcx-1'],
    ['InstanceId', 'i-1'],
    ['NetworkInterfaceId', 'eni-1'],
    ['GatewayId', 'vgw-1'],
  ])('route via %s is unknown', (key, value) => {
    expect(summary(reach({ ...ISOLATED, ...route('R', 'PrivRt', { [key]: value }) }))).toBe('unknown');
  });

  it('subnets imported with Fn::ImportValue are unknown, with the reason', () => {
    const r = reach(ISOLATED, attach([str('', 'Fn::ImportValue core-network-PrivateSubnetIds')], [str('', 'Fn::ImportValue core-network-AppSg')]));
    expect(r).toEqual({ kind: 'unknown', reasons: ['subnet <Fn::ImportValue core-network-PrivateSubnetIds> is not known'] });
  });

  it('a literal subnet ID not in the inputs is unknown', () => {
    expect(reach(ISOLATED, attach(['subnet-0abc'], ['sg-1']))).toEqual({ kind: 'unknown', reasons: ['subnet subnet-0abc is not defined in the inputs'] });
  });

  it('subnet without association falls back to the main route table (local route only)', () => {
    const specs: Specs = { ...VPC, Lonely: ['AWS::EC2::Subnet', { VpcId: 'Vpc', CidrBlock: '10.0.9.0/24' }], ...sg('FnSg') };
    const r = reach(specs, attach(['Lonely'], ['FnSg']));
    expect(summary(r)).toBe('unreachable:no-route:Fn');
    if (r.kind === 'unreachable') expect(r.evidence).toEqual(['subnet Lonely has no route table association, so it uses the main route table of VPC Vpc, which has only the local route']);
    // …unless its VPC is imported: then the main route table is unknown.
    const imported: Specs = { Lonely: ['AWS::EC2::Subnet', { VpcId: { $unknown: 'parameter VpcId' }, CidrBlock: '10.0.9.0/24' }], ...sg('FnSg') };
    expect(summary(reach(imported, attach(['Lonely'], ['FnSg'])))).toBe('unknown');
  });

  it('per-subnet route tables (CDK style): the subnet without a NAT route is named', () => {
    const specs: Specs = {
      ...VPC,
      ...PUBLIC_WITH_NAT,
      ...table('RtA'),
      ...table('RtB'),
      ...subnet('PrivA', '10.0.1.0/24', 'RtA'),
      ...subnet('PrivB', '10.0.2.0/24', 'RtB'),
      ...route('DefaultA', 'RtA', { NatGatewayId: 'Nat' }),
      ...sg('FnSg'),
    };
    const att = attach(['PrivA', 'PrivB'], ['FnSg']);
    const r = reach(specs, att);
    expect(summary(r)).toBe('unreachable:no-route:Fn');
    if (r.kind !== 'unreachable') return;
    expect(r.evidence).toEqual(['route table RtB of subnet PrivB has no 0.0.0.0/0 route']);
    expect(r.blame.loc).toEqual(att.subnets[1]!.loc);
    expect(summary(reach({ ...specs, ...route('DefaultB', 'RtB', { NatGatewayId: 'Nat' }) }, att))).toBe('nat');
  });

  it('a NAT gateway in a subnet without an internet gateway route is no path', () => {
    const specs: Specs = {
      ...ISOLATED,
      ...table('NatRt'),
      ...subnet('NatSubnet', '10.0.50.0/24', 'NatRt'),
      Nat: ['AWS::EC2::NatGateway', { SubnetId: 'NatSubnet' }],
      ...route('PrivDefault', 'PrivRt', { NatGatewayId: 'Nat' }),
    };
    const r = reach(specs);
    expect(summary(r)).toBe('unreachable:no-route:Fn');
    if (r.kind === 'unreachable') {
      expect(r.evidence[0]).toBe(
        'subnet PrivA → route table PrivRt → 0.0.0.0/0 via NAT gateway Nat, but NAT gateway Nat cannot reach the internet: route table NatRt of subnet NatSubnet has no 0.0.0.0/0 route',
      );
    }
  });

  it('a private NAT gateway in a public subnet has no public IP', () => {
    const specs: Specs = {
      ...ISOLATED,
      ...PUBLIC_WITH_NAT,
      Nat: ['AWS::EC2::NatGateway', { SubnetId: 'PublicA', ConnectivityType: 'private' }],
      ...route('PrivDefault', 'PrivRt', { NatGatewayId: 'Nat' }),
    };
    expect(summary(reach(specs))).toBe('unreachable:no-route:Fn');
  });

  it('a route only to a private range does not help; a prefix-list route makes it unknown', () => {
    expect(summary(reach({ ...ISOLATED, ...PUBLIC_WITH_NAT, ...route('R', 'PrivRt', { NatGatewayId: 'Nat' }, '10.1.0.0/16') }))).toBe(
      'unreachable:no-route:Fn',
    );
    const pl: Specs = { ...ISOLATED, ...PUBLIC_WITH_NAT, R: ['AWS::EC2::Route', { RouteTableId: 'PrivRt', DestinationPrefixListId: 'pl-1', NatGatewayId: 'Nat' }] };
    expect(summary(reach(pl))).toBe('unknown');
  });

  it('subnets whose VPC comes from a parameter find the endpoint in that same parameter VPC', () => {
    const vpcParam = { $unknown: 'parameter VpcId' } as const;
    const specs: Specs = {
      PrivA: ['AWS::EC2::Subnet', { VpcId: vpcParam, CidrBlock: '10.0.1.0/24' }],
      ...sg('FnSg'),
      ...sg('EndpointSg', { ingress: [tcp443From({ SourceSecurityGroupId: 'FnSg' })] }),
      ...runtimeEndpoint('RuntimeEp', { VpcId: vpcParam, SubnetIds: ['PrivA'] }),
    };
    expect(summary(reach(specs, attach(['PrivA'], ['FnSg'])))).toBe('endpoint:RuntimeEp');
  });

  it('a caller and an endpoint in the same parameter subnet share a VPC', () => {
    const subnetParam = { $unknown: 'parameter SubnetId has no default' } as const;
    const specs: Specs = {
      ...sg('SharedSg', { ingress: [tcp443From({ CidrIp: '0.0.0.0/0' })] }),
      ...runtimeEndpoint('RuntimeEp', { VpcId: { $unknown: 'parameter VpcId has no default' }, SubnetIds: [subnetParam], SecurityGroupIds: ['SharedSg'] }),
    };
    const att = attach([str('', 'parameter SubnetId has no default')], ['SharedSg']);
    expect(summary(reach(specs, att))).toBe('endpoint:RuntimeEp');
    // A different parameter is a different subnet.
    expect(summary(reach(specs, attach([str('', 'parameter OtherSubnet has no default')], ['SharedSg'])))).toBe('unknown');
  });

  it('an endpoint whose private DNS comes from a parameter leaves a failing path unknown', () => {
    expect(summary(reach({ ...WITH_ENDPOINT, ...runtimeEndpoint('RuntimeEp', { PrivateDnsEnabled: { $unknown: 'parameter Dns' } }) }))).toBe('unknown');
  });

  it('private DNS needs EnableDnsHostnames on the VPC: reported as a problem of the endpoint path', () => {
    const specs: Specs = { ...WITH_ENDPOINT, Vpc: ['AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }] };
    const r = reach(specs);
    expect(r.kind).toBe('endpoint');
    if (r.kind === 'endpoint') {
      expect(r.problems.map((p) => [p.kind, p.resource, p.detail])).toEqual([
        [
          'vpc-dns-hostnames',
          'Vpc',
          'endpoint RuntimeEp enables private DNS, which needs EnableDnsHostnames: true on VPC Vpc (not set; the default is false); the endpoint cannot be created',
        ],
      ]);
    }
  });

  it('no subnets at all is unknown', () => {
    expect(reach(ISOLATED, attach([], []))).toEqual({ kind: 'unknown', reasons: ['the VPC configuration of Fn lists no subnets'] });
  });
});

describe('endpointOnPath', () => {
  const query = (att: VpcAttachment, region = 'us-east-1') => ({ attachment: att, region });

  it('returns the private-DNS runtime endpoint, whatever the security groups say', () => {
    const net = buildNetwork(resources({ ...WITH_ENDPOINT, ...sg('EndpointSg') }));
    expect(endpointOnPath(query(attach(['PrivA'], ['FnSg'])), net).endpoint?.id).toBe('RuntimeEp');
  });

  it('returns {} when the calls do not go through an endpoint', () => {
    const net = buildNetwork(resources({ ...WITH_ENDPOINT, ...runtimeEndpoint('RuntimeEp', { PrivateDnsEnabled: false }) }));
    expect(endpointOnPath(query(attach(['PrivA'], ['FnSg'])), net)).toEqual({});
    expect(endpointOnPath({ ...query(attach(['PrivA'], ['FnSg'])), endpointUrlOverride: true }, net).endpoint?.id).toBe('RuntimeEp');
  });

  it('is unknown when the caller VPC is unknown', () => {
    const net = buildNetwork(resources(WITH_ENDPOINT));
    expect(endpointOnPath(query(attach([str('', 'Fn::ImportValue subnets')], [])), net)).toEqual({
      unknown: ['the VPC of subnets <Fn::ImportValue subnets> is not known'],
    });
  });

  it('carries the endpoint policy as a PolicyDoc', () => {
    const policy: Spec = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'bedrock:InvokeModel', Resource: '*' }] };
    const net = buildNetwork(resources({ ...WITH_ENDPOINT, ...runtimeEndpoint('RuntimeEp', { PolicyDocument: policy }) }));
    const ep = endpointOnPath(query(attach(['PrivA'], ['FnSg'])), net).endpoint!;
    expect(ep.policy?.kind).toBe('endpoint');
    expect(ep.policy?.owner).toBe('RuntimeEp');
    expect(ep.policy?.statements.map((s) => [s.effect, s.action?.map((a) => a.value)])).toEqual([['Allow', ['bedrock:InvokeModel']]]);
  });
});
