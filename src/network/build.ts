// Builds the network model from resolved CloudFormation/SAM/CDK resources in one pass (plus one pass
// over the rules and routes that point at other resources), so cost is linear in the number of resources.
import { parsePolicyNode } from '../iam/parse.js';
import type { ResolvedResource } from '../model/resource.js';
import type { Loc, Node, Str } from '../types.js';
import type {
  InternetGateway,
  NatGateway,
  NetworkModel,
  Route,
  RouteTargetKind,
  SecurityGroup,
  SgRule,
  Subnet,
  Vpc,
  VpcEndpoint,
} from './types.js';
import { addTerraformNetwork, isTerraformType } from './terraform.js';
import { isUnknown, prop, propKeyLoc, protocolAndPorts, toBool, toStr, toStrList } from './values.js';

export { parseDescribeVpcEndpoints } from './describe.js';

/** The network model of the file that defines `compute` (logical IDs are per template). */
export function networkFor(dep: { network: NetworkModel; networks?: Map<string, NetworkModel> }, file: string): NetworkModel {
  return dep.networks?.get(file) ?? dep.network;
}

export function emptyNetwork(): NetworkModel {
  return {
    endpoints: [],
    vpcs: new Map(),
    subnets: new Map(),
    routeTables: new Map(),
    subnetRouteTables: new Map(),
    natGateways: new Map(),
    internetGateways: new Map(),
    securityGroups: new Map(),
  };
}

export function buildNetwork(resources: ResolvedResource[]): NetworkModel {
  const net = emptyNetwork();
  const vpcs = net.vpcs!;
  const typeById = new Map<string, string>();
  // Resources that point at others are handled after every target exists, whatever the order.
  const later: ResolvedResource[] = [];
  // Terraform plan resources (`aws_*`) keep their own shapes: terraform.ts reads them.
  const terraform: ResolvedResource[] = [];

  for (const r of resources) {
    typeById.set(r.id, r.type);
    if (isTerraformType(r.type)) {
      terraform.push(r);
      continue;
    }
    const p = r.props;
    switch (r.type) {
      case 'AWS::EC2::VPC': {
        const cidr = toStr(prop(p, 'CidrBlock'));
        const vpc: Vpc = { id: r.id, file: r.file, loc: r.loc, cidrs: [] };
        if (cidr && !isUnknown(cidr)) vpc.cidrs.push(cidr.value);
        else vpc.cidrUnknown = true;
        vpc.dnsHostnames = toBool(prop(p, 'EnableDnsHostnames'));
        vpc.dnsHostnamesLoc = prop(p, 'EnableDnsHostnames')?.loc;
        vpcs.set(r.id, vpc);
        break;
      }
      case 'AWS::EC2::Subnet': {
        const cidr = toStr(prop(p, 'CidrBlock'));
        const subnet: Subnet = { id: r.id, file: r.file, loc: r.loc, vpc: toStr(prop(p, 'VpcId')) };
        if (cidr && !isUnknown(cidr)) subnet.cidr = cidr.value;
        net.subnets!.set(r.id, subnet);
        break;
      }
      case 'AWS::EC2::RouteTable':
        net.routeTables!.set(r.id, { id: r.id, file: r.file, loc: r.loc, vpc: toStr(prop(p, 'VpcId')), routes: [] });
        break;
      case 'AWS::EC2::InternetGateway': {
        const igw: InternetGateway = { id: r.id, loc: r.loc };
        net.internetGateways!.set(r.id, igw);
        break;
      }
      case 'AWS::EC2::NatGateway': {
        const ct = toStr(prop(p, 'ConnectivityType'));
        const connectivity = !ct ? 'public' : isUnknown(ct) ? 'unknown' : ct.value === 'private' ? 'private' : 'public';
        const nat: NatGateway = { id: r.id, loc: r.loc, subnet: toStr(prop(p, 'SubnetId')), connectivity };
        net.natGateways!.set(r.id, nat);
        break;
      }
      case 'AWS::EC2::SecurityGroup': {
        const egressNode = prop(p, 'SecurityGroupEgress');
        const sg: SecurityGroup = {
          id: r.id,
          file: r.file,
          loc: r.loc,
          vpc: toStr(prop(p, 'VpcId')),
          ingress: [],
          egress: [],
          // An empty list keeps the default allow-all egress rule; only listed rules replace it.
          egressDeclared: egressNode !== undefined && !(egressNode.kind === 'seq' && egressNode.items.length === 0),
          ingressLoc: propKeyLoc(p, 'SecurityGroupIngress'),
          egressLoc: propKeyLoc(p, 'SecurityGroupEgress'),
        };
        for (const item of seqItems(prop(p, 'SecurityGroupIngress'))) sg.ingress.push(readSgRule(item, r.id, 'ingress', item.loc));
        for (const item of seqItems(egressNode)) sg.egress.push(readSgRule(item, r.id, 'egress', item.loc));
        // An unresolvable rule list is one rule nobody can read: it keeps answers unknown, never "blocked".
        if (prop(p, 'SecurityGroupIngress')?.kind === 'unknown') sg.ingress.push(unknownRule(r.id, prop(p, 'SecurityGroupIngress')!));
        if (egressNode?.kind === 'unknown') sg.egress.push(unknownRule(r.id, egressNode));
        net.securityGroups!.set(r.id, sg);
        break;
      }
      case 'AWS::EC2::VPCEndpoint':
        net.endpoints.push(readEndpoint(r));
        break;
      case 'AWS::EC2::VPCCidrBlock':
      case 'AWS::EC2::Route':
      case 'AWS::EC2::SubnetRouteTableAssociation':
      case 'AWS::EC2::SecurityGroupIngress':
      case 'AWS::EC2::SecurityGroupEgress':
        later.push(r);
        break;
    }
  }

  for (const r of later) {
    const p = r.props;
    switch (r.type) {
      case 'AWS::EC2::VPCCidrBlock': {
        const vpc = vpcs.get(toStr(prop(p, 'VpcId'))?.value ?? '');
        const cidr = toStr(prop(p, 'CidrBlock'));
        if (vpc && cidr && !isUnknown(cidr)) vpc.cidrs.push(cidr.value);
        break;
      }
      case 'AWS::EC2::Route': {
        const table = net.routeTables!.get(toStr(prop(p, 'RouteTableId'))?.value ?? '');
        if (table) table.routes.push(readRoute(r.id, r.loc, p, typeById, net));
        break;
      }
      case 'AWS::EC2::SubnetRouteTableAssociation': {
        const subnet = toStr(prop(p, 'SubnetId'));
        const table = toStr(prop(p, 'RouteTableId'));
        if (subnet && table && !isUnknown(subnet)) net.subnetRouteTables!.set(subnet.value, table.value);
        break;
      }
      case 'AWS::EC2::SecurityGroupIngress':
      case 'AWS::EC2::SecurityGroupEgress': {
        const group = net.securityGroups!.get(toStr(prop(p, 'GroupId'))?.value ?? '');
        if (!group) break;
        const direction = r.type === 'AWS::EC2::SecurityGroupIngress' ? 'ingress' : 'egress';
        group[direction].push(readSgRule(p, r.id, direction, r.loc));
        break;
      }
    }
  }
  if (terraform.length > 0) addTerraformNetwork(net, terraform);
  return net;
}

function seqItems(node: Node | undefined): Node[] {
  return node && node.kind === 'seq' ? node.items : [];
}

function unknownRule(resource: string, node: Node): SgRule {
  return { resource, loc: node.loc, protocol: undefined, portsUnknown: true };
}

function readSgRule(node: Node | undefined, resource: string, direction: 'ingress' | 'egress', loc: Loc): SgRule {
  const rule: SgRule = {
    resource,
    loc,
    ...protocolAndPorts(toStr(prop(node, 'IpProtocol')), prop(node, 'FromPort'), prop(node, 'ToPort')),
    cidr: toStr(prop(node, 'CidrIp')),
    cidrV6: toStr(prop(node, 'CidrIpv6')),
  };
  if (direction === 'ingress') {
    rule.peerGroup = toStr(prop(node, 'SourceSecurityGroupId'));
    rule.prefixList = toStr(prop(node, 'SourcePrefixListId'));
  } else {
    rule.peerGroup = toStr(prop(node, 'DestinationSecurityGroupId'));
    rule.prefixList = toStr(prop(node, 'DestinationPrefixListId'));
  }
  return rule;
}

/** Target properties of AWS::EC2::Route, in the order CloudFormation documents them. */
const TARGET_PROPS: [string, RouteTargetKind][] = [
  ['NatGatewayId', 'nat'],
  ['TransitGatewayId', 'transit-gateway'],
  ['VpcPeeringConnectionId', 'peering'],
  ['InstanceId', 'instance'],
  ['NetworkInterfaceId', 'network-interface'],
  ['VpcEndpointId', 'gateway-endpoint'],
  ['LocalGatewayId', 'local-gateway'],
  ['CarrierGatewayId', 'carrier-gateway'],
  ['CoreNetworkArn', 'core-network'],
  ['EgressOnlyInternetGatewayId', 'egress-only-igw'],
];

function readRoute(
  id: string,
  loc: Loc,
  p: Node | undefined,
  typeById: Map<string, string>,
  net: NetworkModel,
): Route {
  const route: Route = {
    id,
    loc,
    destination: toStr(prop(p, 'DestinationCidrBlock')),
    prefixList: toStr(prop(p, 'DestinationPrefixListId')),
    target: 'unknown',
  };
  if (!route.destination && !route.prefixList && prop(p, 'DestinationIpv6CidrBlock')) route.ipv6Only = true;
  const gateway = toStr(prop(p, 'GatewayId'));
  if (gateway) {
    route.targetRef = gateway;
    route.target = classifyGateway(gateway, typeById, net);
    return route;
  }
  for (const [key, kind] of TARGET_PROPS) {
    const ref = toStr(prop(p, key));
    if (ref) {
      route.targetRef = ref;
      route.target = kind;
      return route;
    }
  }
  return route;
}

/** GatewayId names an internet gateway or a virtual private gateway (or "local"). */
function classifyGateway(ref: Str, typeById: Map<string, string>, net: NetworkModel): RouteTargetKind {
  if (isUnknown(ref)) return 'unknown';
  if (net.internetGateways!.has(ref.value)) return 'igw';
  const type = typeById.get(ref.value);
  if (type === 'AWS::EC2::VPNGateway') return 'vpn-gateway';
  if (type === 'AWS::EC2::InternetGateway') return 'igw';
  if (ref.value === 'local') return 'local';
  if (ref.value.startsWith('igw-')) return 'igw';
  if (ref.value.startsWith('vgw-')) return 'vpn-gateway';
  return 'unknown';
}

function readEndpoint(r: ResolvedResource): VpcEndpoint {
  const p = r.props;
  const typeStr = toStr(prop(p, 'VpcEndpointType'));
  let type: VpcEndpoint['type'];
  if (!typeStr) type = 'Gateway'; // CloudFormation default for VpcEndpointType
  else if (isUnknown(typeStr)) type = 'unknown';
  else if (typeStr.value === 'Interface' || typeStr.value === 'Gateway' || typeStr.value === 'GatewayLoadBalancer') type = typeStr.value;
  else type = 'unknown';
  const dnsNode = prop(p, 'PrivateDnsEnabled');
  const endpoint: VpcEndpoint = {
    id: r.id,
    file: r.file,
    loc: r.loc,
    serviceName: toStr(prop(p, 'ServiceName')) ?? { value: '', loc: r.loc },
    type,
    vpc: toStr(prop(p, 'VpcId')),
    subnets: toStrList(prop(p, 'SubnetIds')),
    securityGroups: toStrList(prop(p, 'SecurityGroupIds')),
    privateDns: toBool(dnsNode),
    privateDnsLoc: dnsNode?.loc,
  };
  if (r.stack !== undefined) endpoint.stack = r.stack;
  const policy = prop(p, 'PolicyDocument');
  if (policy) {
    endpoint.policyNode = policy;
    endpoint.policy = parsePolicyNode(policy, {
      id: `${r.file}#${r.id}/PolicyDocument`,
      name: `endpoint policy of ${r.id}`,
      kind: 'endpoint',
      owner: r.id,
    });
  }
  return endpoint;
}
