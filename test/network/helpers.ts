// Builds resolved resources by hand for network tests: references are written as the logical ID
// strings the resolver produces, `{ $unknown: reason }` stands for an unresolvable value, and every
// node gets a distinct line so tests can tell which value a finding points at.
import type { ResolvedResource } from '../../src/model/resource.js';
import type { VpcAttachment } from '../../src/network/types.js';
import { UNKNOWN_MARK, type Loc, type Node, type Str } from '../../src/types.js';

export type Spec = string | number | boolean | null | { $unknown: string } | Spec[] | { [k: string]: Spec };

let line = 0;
function nextLoc(file: string): Loc {
  line += 1;
  return { file, line, column: 1, endLine: line, endColumn: 2 };
}

export function node(spec: Spec, file = 'net.yaml'): Node {
  const loc = nextLoc(file);
  if (Array.isArray(spec)) return { kind: 'seq', items: spec.map((s) => node(s, file)), loc };
  if (spec !== null && typeof spec === 'object') {
    if ('$unknown' in spec && typeof spec.$unknown === 'string') return { kind: 'unknown', reason: spec.$unknown, loc };
    return {
      kind: 'map',
      entries: Object.entries(spec as Record<string, Spec>).map(([key, v]) => ({ key, keyLoc: loc, value: node(v, file) })),
      loc,
    };
  }
  return { kind: 'scalar', value: spec, loc };
}

/** `{ Id: ['AWS::EC2::Subnet', { VpcId: 'Vpc' }] }` → resolved resources. */
export function resources(specs: Record<string, [string, Record<string, Spec>?]>): ResolvedResource[] {
  return Object.entries(specs).map(([id, [type, props]]) => ({
    id,
    type,
    file: 'net.yaml',
    loc: nextLoc('net.yaml'),
    ...(props ? { props: node(props) } : {}),
  }));
}

export function str(value: string, unknown?: string): Str {
  return { value: unknown ? UNKNOWN_MARK : value, loc: nextLoc('fn.yaml'), ...(unknown ? { unknown } : {}) };
}

export function attach(subnets: (string | Str)[], securityGroups: (string | Str)[], assignPublicIp?: boolean | 'unknown'): VpcAttachment {
  const s = (x: string | Str) => (typeof x === 'string' ? str(x) : x);
  return {
    subnets: subnets.map(s),
    securityGroups: securityGroups.map(s),
    ...(assignPublicIp !== undefined ? { assignPublicIp } : {}),
    loc: nextLoc('fn.yaml'),
  };
}

// ---- building blocks -------------------------------------------------------------------------

export const VPC = { Vpc: ['AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true }] } as const;

export function subnet(id: string, cidr: string, table: string): Record<string, [string, Record<string, Spec>]> {
  return {
    [id]: ['AWS::EC2::Subnet', { VpcId: 'Vpc', CidrBlock: cidr }],
    [`${id}Assoc`]: ['AWS::EC2::SubnetRouteTableAssociation', { SubnetId: id, RouteTableId: table }],
  };
}

export function table(id: string): Record<string, [string, Record<string, Spec>]> {
  return { [id]: ['AWS::EC2::RouteTable', { VpcId: 'Vpc' }] };
}

export function route(id: string, tableId: string, target: Record<string, Spec>, dest = '0.0.0.0/0'): Record<string, [string, Record<string, Spec>]> {
  return { [id]: ['AWS::EC2::Route', { RouteTableId: tableId, DestinationCidrBlock: dest, ...target }] };
}

/** A public subnet with an internet gateway and a NAT gateway in it. */
export const PUBLIC_WITH_NAT = {
  Igw: ['AWS::EC2::InternetGateway'],
  IgwAttach: ['AWS::EC2::VPCGatewayAttachment', { VpcId: 'Vpc', InternetGatewayId: 'Igw' }],
  ...table('PublicRt'),
  ...route('PublicDefault', 'PublicRt', { GatewayId: 'Igw' }),
  ...subnet('PublicA', '10.0.100.0/24', 'PublicRt'),
  Nat: ['AWS::EC2::NatGateway', { SubnetId: 'PublicA', AllocationId: 'Eip' }],
} as Record<string, [string, Record<string, Spec>?]>;

export function sg(id: string, rules: { ingress?: Spec[]; egress?: Spec[] } = {}): Record<string, [string, Record<string, Spec>]> {
  return {
    [id]: [
      'AWS::EC2::SecurityGroup',
      {
        GroupDescription: id,
        VpcId: 'Vpc',
        ...(rules.ingress ? { SecurityGroupIngress: rules.ingress } : {}),
        ...(rules.egress ? { SecurityGroupEgress: rules.egress } : {}),
      },
    ],
  };
}

export function runtimeEndpoint(id: string, extra: Record<string, Spec> = {}): Record<string, [string, Record<string, Spec>]> {
  return {
    [id]: [
      'AWS::EC2::VPCEndpoint',
      {
        VpcEndpointType: 'Interface',
        VpcId: 'Vpc',
        ServiceName: 'com.amazonaws.us-east-1.bedrock-runtime',
        PrivateDnsEnabled: true,
        SubnetIds: ['PrivA', 'PrivB'],
        SecurityGroupIds: ['EndpointSg'],
        ...extra,
      },
    ],
  };
}

export const tcp443From = (peer: Record<string, Spec>): Spec => ({ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, ...peer });
