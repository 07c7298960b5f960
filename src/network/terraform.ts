// Terraform network resources into the same network model as CloudFormation. Input is the planned
// values of `terraform show -json`, with ID attributes already turned into the addresses of the
// plan resources they name (src/terraform/link-ids.ts), so links work the way logical IDs do.
//
// Where Terraform differs from CloudFormation, and what this reads it as:
// - aws_security_group has no default egress rule: "When creating a new Security Group inside a VPC,
//   Terraform will remove this default rule, and require you specifically re-create it" (AWS provider
//   docs, aws_security_group, "NOTE on Egress rules"). A group's egress is its `egress` blocks plus
//   the separate rule resources that name it, nothing else.
// - aws_security_group `ingress`/`egress`, aws_route_table `route` and aws_vpc_endpoint `policy` are
//   optional computed attributes: a create plan marks them unknown when the configuration does not
//   set them. As SPEC §3 says for such attributes, a wholly unknown value is read as not set: the
//   group or table holds what the plan's separate rule/route resources add (the provider docs forbid
//   mixing inline and separate rules), and the endpoint keeps the default full-access policy unless an
//   aws_vpc_endpoint_policy sets one. Values inside configured blocks stay unknown where unknown.
// - Unset optional arguments are null at the top level and "" inside inline route/rule blocks.
// - A separate rule, route or association whose target is not known may belong to any group, table
//   or subnet of the plan: those get an entry that keeps answers unknown instead of "blocked".
import { parsePolicyNode } from '../iam/parse.js';
import type { ResolvedResource } from '../model/resource.js';
import { UNKNOWN_MARK, type Loc, type Node, type Str } from '../types.js';
import type { NetworkModel, Route, RouteTable, RouteTargetKind, SecurityGroup, SgRule, Subnet, Vpc, VpcEndpoint } from './types.js';
import { isUnknown, prop, propKeyLoc, protocolAndPorts, toBool, toStr, toStrList } from './values.js';

/** Terraform types this module reads; buildNetwork hands every `aws_*` resource here. */
export function isTerraformType(type: string): boolean {
  return type.startsWith('aws_');
}

// ---- values ----------------------------------------------------------------------------------

/** A set value: null and "" (Terraform's "not set" inside blocks) count as absent. */
function setValue(p: Node | undefined, key: string): Node | undefined {
  const n = prop(p, key);
  if (!n || (n.kind === 'scalar' && (n.value === null || n.value === ''))) return undefined;
  return n;
}

const tfStr = (p: Node | undefined, key: string): Str | undefined => toStr(setValue(p, key));
const tfBool = (p: Node | undefined, key: string): boolean | 'unknown' | undefined => toBool(setValue(p, key));

/** Items of a list argument; a list known only after apply is one unknown item. */
function tfStrs(p: Node | undefined, key: string): Str[] {
  return toStrList(setValue(p, key)).filter((s) => s.value !== '');
}

/** Blocks of a nested block list. A wholly unknown list gives none: not configured (see the header). */
function blocks(p: Node | undefined, key: string): Node[] {
  const n = prop(p, key);
  return n?.kind === 'seq' ? n.items : [];
}

const isKnown = (s: Str | undefined): s is Str => s !== undefined && !isUnknown(s);

// ---- security group rules --------------------------------------------------------------------

/** Attribute names of one rule shape: inline blocks and aws_security_group_rule, or aws_vpc_security_group_*_rule. */
interface RuleKeys {
  protocol: string;
  cidrs: string;
  cidrsV6: string;
  prefixLists: string;
  groups: string;
  self?: string;
}

const CLASSIC_KEYS: RuleKeys = { protocol: 'protocol', cidrs: 'cidr_blocks', cidrsV6: 'ipv6_cidr_blocks', prefixLists: 'prefix_list_ids', groups: 'security_groups', self: 'self' };
const SG_RULE_KEYS: RuleKeys = { ...CLASSIC_KEYS, groups: 'source_security_group_id' };
const VPC_RULE_KEYS: RuleKeys = { protocol: 'ip_protocol', cidrs: 'cidr_ipv4', cidrsV6: 'cidr_ipv6', prefixLists: 'prefix_list_id', groups: 'referenced_security_group_id' };

/** One SgRule per peer (the model's rule has one peer; Terraform's lists several). */
function readRules(node: Node | undefined, keys: RuleKeys, resource: string, group: string, loc: Loc): SgRule[] {
  const base: SgRule = { resource, loc, ...protocolAndPorts(tfStr(node, keys.protocol), prop(node, 'from_port'), prop(node, 'to_port')) };
  const out: SgRule[] = [];
  for (const cidr of tfStrs(node, keys.cidrs)) out.push({ ...base, cidr });
  for (const cidrV6 of tfStrs(node, keys.cidrsV6)) out.push({ ...base, cidrV6 });
  for (const prefixList of tfStrs(node, keys.prefixLists)) out.push({ ...base, prefixList });
  for (const peerGroup of tfStrs(node, keys.groups)) out.push({ ...base, peerGroup });
  if (keys.self) {
    const self = tfBool(node, keys.self);
    const selfLoc = prop(node, keys.self)?.loc ?? loc;
    if (self === true) out.push({ ...base, peerGroup: { value: group, loc: selfLoc } });
    else if (self === 'unknown') out.push({ ...base, peerGroup: { value: UNKNOWN_MARK, loc: selfLoc, unknown: `whether ${resource} applies to its own group` } });
  }
  return out;
}

function readGroup(r: ResolvedResource): SecurityGroup {
  const p = r.props;
  const sg: SecurityGroup = {
    id: r.id,
    file: r.file,
    loc: r.loc,
    vpc: tfStr(p, 'vpc_id'),
    ingress: [],
    egress: [],
    // No default allow-all egress in Terraform (see the header).
    egressDeclared: true,
    // An unconfigured (unknown) list has no key in the file worth pointing at: the group's address is.
    ingressLoc: prop(p, 'ingress')?.kind === 'seq' ? propKeyLoc(p, 'ingress') : undefined,
    egressLoc: prop(p, 'egress')?.kind === 'seq' ? propKeyLoc(p, 'egress') : undefined,
  };
  for (const b of blocks(p, 'ingress')) sg.ingress.push(...readRules(b, CLASSIC_KEYS, r.id, r.id, b.loc));
  for (const b of blocks(p, 'egress')) sg.egress.push(...readRules(b, CLASSIC_KEYS, r.id, r.id, b.loc));
  return sg;
}

/** A rule that may belong to this group: its real protocol and ports, an unknown peer. */
function maybeRule(rule: SgRule, why: string): SgRule {
  const { resource, loc, portLoc, protocol, fromPort, toPort, portsUnknown } = rule;
  return { resource, loc, portLoc, protocol, fromPort, toPort, portsUnknown, cidr: { value: UNKNOWN_MARK, loc, unknown: why } };
}

// ---- routes ----------------------------------------------------------------------------------

/**
 * Route targets in the order they are checked. `network_interface_id` and `instance_id` come last:
 * aws_route computes them, so a create plan has them unknown beside the target actually set.
 */
const TARGETS: [string, RouteTargetKind][] = [
  ['gateway_id', 'unknown'], // classified by what it names
  ['nat_gateway_id', 'nat'],
  ['transit_gateway_id', 'transit-gateway'],
  ['vpc_peering_connection_id', 'peering'],
  ['egress_only_gateway_id', 'egress-only-igw'],
  ['vpc_endpoint_id', 'gateway-endpoint'],
  ['local_gateway_id', 'local-gateway'],
  ['carrier_gateway_id', 'carrier-gateway'],
  ['core_network_arn', 'core-network'],
  ['network_interface_id', 'network-interface'],
  ['instance_id', 'instance'],
];

function readRoute(id: string, loc: Loc, p: Node | undefined, destKey: string, gatewayKind: (ref: Str) => RouteTargetKind): Route {
  const route: Route = { id, loc, destination: tfStr(p, destKey), prefixList: tfStr(p, 'destination_prefix_list_id'), target: 'unknown' };
  const v6Key = destKey === 'cidr_block' ? 'ipv6_cidr_block' : 'destination_ipv6_cidr_block';
  if (!route.destination && !route.prefixList && setValue(p, v6Key)) route.ipv6Only = true;
  // A known target first; an unknown one only when no known one is set.
  for (const pass of ['known', 'unknown'] as const) {
    for (const [key, kind] of TARGETS) {
      const ref = tfStr(p, key);
      if (!ref || (pass === 'known') === isUnknown(ref)) continue;
      route.targetRef = ref;
      route.target = key === 'gateway_id' ? gatewayKind(ref) : kind;
      return route;
    }
  }
  return route;
}

// ---- endpoints -------------------------------------------------------------------------------

interface EndpointDraft {
  endpoint: VpcEndpoint;
  /** `subnet_ids` / `security_group_ids` were wholly unknown (not configured, or not resolvable). */
  subnetsUnknown: boolean;
  groupsUnknown: boolean;
  policyNode?: Node;
}

function readEndpoint(r: ResolvedResource): EndpointDraft {
  const p = r.props;
  const typeStr = tfStr(p, 'vpc_endpoint_type');
  let type: VpcEndpoint['type'];
  if (!typeStr) type = 'Gateway'; // the provider's default for vpc_endpoint_type
  else if (typeStr.value === 'Interface' || typeStr.value === 'Gateway' || typeStr.value === 'GatewayLoadBalancer') type = typeStr.value;
  else type = 'unknown';
  const dns = setValue(p, 'private_dns_enabled');
  const endpoint: VpcEndpoint = {
    id: r.id,
    file: r.file,
    loc: r.loc,
    serviceName: tfStr(p, 'service_name') ?? { value: '', loc: r.loc },
    type,
    vpc: tfStr(p, 'vpc_id'),
    subnets: tfStrs(p, 'subnet_ids'),
    securityGroups: tfStrs(p, 'security_group_ids'),
    privateDns: toBool(dns),
    privateDnsLoc: dns?.loc,
  };
  if (r.stack !== undefined) endpoint.stack = r.stack;
  const planId = tfStr(p, 'id');
  if (isKnown(planId) && planId.value.startsWith('vpce-')) endpoint.endpointId = planId.value;
  const policy = setValue(p, 'policy');
  return {
    endpoint,
    subnetsUnknown: prop(p, 'subnet_ids')?.kind === 'unknown',
    groupsUnknown: prop(p, 'security_group_ids')?.kind === 'unknown',
    // Known only after apply: the default policy (see the header).
    ...(policy && policy.kind !== 'unknown' ? { policyNode: policy } : {}),
  };
}

function setPolicy(endpoint: VpcEndpoint, node: Node, from: string, file: string): void {
  endpoint.policyNode = node;
  endpoint.policy = parsePolicyNode(node, { id: `${file}#${from}/policy`, name: `endpoint policy of ${endpoint.id}`, kind: 'endpoint', owner: from });
}

// ---- the model -------------------------------------------------------------------------------

/** Adds the Terraform resources among `resources` to `net` (which may already hold CloudFormation ones). */
export function addTerraformNetwork(net: NetworkModel, resources: ResolvedResource[]): void {
  const vpcs = net.vpcs!;
  const subnets = net.subnets!;
  const tables = net.routeTables!;
  const groups = net.securityGroups!;
  const typeById = new Map<string, string>();
  /** Known `main_route_table_id` / `default_route_table_id` of a VPC → its address. */
  const vpcByMainTable = new Map<string, string>();
  const endpoints = new Map<string, EndpointDraft>();
  // What this plan adds, for the "may belong to any of them" entries.
  const tfVpcs: Vpc[] = [];
  const tfSubnets: Subnet[] = [];
  const tfGroups: SecurityGroup[] = [];
  const tfTables: RouteTable[] = [];
  const later: ResolvedResource[] = [];

  for (const r of resources) {
    typeById.set(r.id, r.type);
    const p = r.props;
    switch (r.type) {
      case 'aws_vpc': {
        const cidr = tfStr(p, 'cidr_block');
        const dns = setValue(p, 'enable_dns_hostnames');
        const vpc: Vpc = {
          id: r.id,
          file: r.file,
          loc: r.loc,
          cidrs: isKnown(cidr) ? [cidr.value] : [],
          ...(isKnown(cidr) ? {} : { cidrUnknown: true }),
          dnsHostnames: toBool(dns),
          dnsHostnamesLoc: dns?.loc,
        };
        vpcs.set(r.id, vpc);
        tfVpcs.push(vpc);
        for (const key of ['main_route_table_id', 'default_route_table_id']) {
          const t = tfStr(p, key);
          if (isKnown(t)) vpcByMainTable.set(t.value, r.id);
        }
        break;
      }
      case 'aws_subnet': {
        // map_public_ip_on_launch is not read: Lambda interfaces never get a public IP, and ECS
        // tasks take theirs from assign_public_ip.
        const cidr = tfStr(p, 'cidr_block');
        const subnet: Subnet = { id: r.id, file: r.file, loc: r.loc, vpc: tfStr(p, 'vpc_id'), ...(isKnown(cidr) ? { cidr: cidr.value } : {}) };
        subnets.set(r.id, subnet);
        tfSubnets.push(subnet);
        break;
      }
      case 'aws_route_table':
      case 'aws_default_route_table': {
        const table: RouteTable = { id: r.id, file: r.file, loc: r.loc, vpc: tfStr(p, 'vpc_id'), routes: [] };
        tables.set(r.id, table);
        tfTables.push(table);
        later.push(r); // inline routes need the gateways
        break;
      }
      case 'aws_internet_gateway':
        net.internetGateways!.set(r.id, { id: r.id, loc: r.loc });
        break;
      case 'aws_nat_gateway': {
        const ct = tfStr(p, 'connectivity_type');
        const connectivity = !ct ? 'public' : isUnknown(ct) ? 'unknown' : ct.value === 'private' ? 'private' : 'public';
        net.natGateways!.set(r.id, { id: r.id, loc: r.loc, subnet: tfStr(p, 'subnet_id'), connectivity });
        break;
      }
      case 'aws_security_group': {
        const sg = readGroup(r);
        groups.set(r.id, sg);
        tfGroups.push(sg);
        break;
      }
      case 'aws_vpc_endpoint': {
        const draft = readEndpoint(r);
        endpoints.set(r.id, draft);
        net.endpoints.push(draft.endpoint);
        break;
      }
      default:
        later.push(r);
    }
  }

  const gatewayKind = (ref: Str): RouteTargetKind => {
    if (isUnknown(ref)) return 'unknown';
    if (net.internetGateways!.has(ref.value) || ref.value.startsWith('igw-')) return 'igw';
    if (typeById.get(ref.value) === 'aws_vpn_gateway' || ref.value.startsWith('vgw-')) return 'vpn-gateway';
    return ref.value === 'local' ? 'local' : 'unknown';
  };

  const orphanRoutes: Route[] = [];
  const orphanRules: { direction: 'ingress' | 'egress'; rules: SgRule[]; why: string }[] = [];
  const orphanAssociations: string[] = [];
  const mainTables: { vpc: Str | undefined; table: string; from: ResolvedResource; explicit: boolean }[] = [];
  const endpointPolicies: ResolvedResource[] = [];

  const addRules = (groupRef: Str | undefined, direction: 'ingress' | 'egress', rules: SgRule[], r: ResolvedResource) => {
    if (!groupRef || isUnknown(groupRef)) {
      orphanRules.push({ direction, rules, why: `${r.id} may belong to this group (its security_group_id is not known)` });
      return;
    }
    groups.get(groupRef.value)?.[direction].push(...rules);
  };

  for (const r of later) {
    const p = r.props;
    switch (r.type) {
      case 'aws_route_table':
      case 'aws_default_route_table': {
        const table = tables.get(r.id)!;
        blocks(p, 'route').forEach((b, i) => table.routes.push(readRoute(`${r.id}/routes/${i}`, b.loc, b, 'cidr_block', gatewayKind)));
        if (r.type === 'aws_default_route_table') {
          const id = tfStr(p, 'default_route_table_id');
          const vpc = isKnown(table.vpc) ? table.vpc : (isKnown(id) && vpcByMainTable.has(id.value) ? { value: vpcByMainTable.get(id.value)!, loc: id.loc } : undefined);
          mainTables.push({ vpc, table: r.id, from: r, explicit: false });
        }
        break;
      }
      case 'aws_route': {
        const route = readRoute(r.id, r.loc, p, 'destination_cidr_block', gatewayKind);
        const tableRef = tfStr(p, 'route_table_id');
        if (isKnown(tableRef)) tables.get(tableRef.value)?.routes.push(route);
        else if (!route.ipv6Only) orphanRoutes.push(route);
        break;
      }
      case 'aws_route_table_association': {
        const subnet = tfStr(p, 'subnet_id');
        const table = tfStr(p, 'route_table_id');
        if (!subnet) break; // a gateway (edge) association
        if (isUnknown(subnet)) orphanAssociations.push(r.id);
        // An unknown table is looked up, not found, and leaves the subnet's path unknown.
        else net.subnetRouteTables!.set(subnet.value, isKnown(table) ? table.value : `${r.id}.route_table_id`);
        break;
      }
      case 'aws_main_route_table_association': {
        const table = tfStr(p, 'route_table_id');
        mainTables.push({ vpc: tfStr(p, 'vpc_id'), table: isKnown(table) ? table.value : `${r.id}.route_table_id`, from: r, explicit: true });
        break;
      }
      case 'aws_vpc_ipv4_cidr_block_association': {
        const vpc = tfStr(p, 'vpc_id');
        const cidr = tfStr(p, 'cidr_block');
        const target = isKnown(vpc) ? vpcs.get(vpc.value) : undefined;
        if (target && isKnown(cidr)) target.cidrs.push(cidr.value);
        else if (target) target.cidrUnknown = true;
        break;
      }
      case 'aws_security_group_rule': {
        const type = tfStr(p, 'type');
        const group = tfStr(p, 'security_group_id');
        const directions: ('ingress' | 'egress')[] = isKnown(type) ? (type.value === 'egress' ? ['egress'] : type.value === 'ingress' ? ['ingress'] : []) : ['ingress', 'egress'];
        for (const d of directions) {
          const rules = readRules(p, SG_RULE_KEYS, r.id, group && isKnown(group) ? group.value : r.id, r.loc);
          addRules(group, d, isKnown(type) ? rules : rules.map((x) => maybeRule(x, `whether ${r.id} is an ingress or an egress rule is not known`)), r);
        }
        break;
      }
      case 'aws_vpc_security_group_ingress_rule':
      case 'aws_vpc_security_group_egress_rule': {
        const group = tfStr(p, 'security_group_id');
        const direction = r.type === 'aws_vpc_security_group_ingress_rule' ? 'ingress' : 'egress';
        addRules(group, direction, readRules(p, VPC_RULE_KEYS, r.id, r.id, r.loc), r);
        break;
      }
      case 'aws_vpc_endpoint_policy':
        endpointPolicies.push(r);
        break;
      case 'aws_vpc_endpoint_subnet_association':
      case 'aws_vpc_endpoint_security_group_association': {
        const ep = tfStr(p, 'vpc_endpoint_id');
        const draft = isKnown(ep) ? endpoints.get(ep.value) : undefined;
        const bySubnet = r.type === 'aws_vpc_endpoint_subnet_association';
        const ref = tfStr(p, bySubnet ? 'subnet_id' : 'security_group_id');
        if (!draft || !ref) break;
        // The endpoint's computed list mirrors these associations: its unknown entry gives way.
        if (bySubnet) {
          if (draft.subnetsUnknown) draft.endpoint.subnets = draft.endpoint.subnets.filter((s) => !isUnknown(s));
          draft.subnetsUnknown = false;
          draft.endpoint.subnets.push(ref);
        } else {
          if (draft.groupsUnknown) draft.endpoint.securityGroups = draft.endpoint.securityGroups.filter((s) => !isUnknown(s));
          draft.groupsUnknown = false;
          draft.endpoint.securityGroups.push(ref);
        }
        break;
      }
    }
  }

  // Main route tables: aws_default_route_table first, so an explicit association wins.
  mainTables.sort((a, b) => Number(a.explicit) - Number(b.explicit));
  for (const m of mainTables) {
    const vpc = isKnown(m.vpc) ? vpcs.get(m.vpc.value) : undefined;
    if (vpc) vpc.mainRouteTable = m.table;
    else if (!m.vpc || isUnknown(m.vpc)) {
      // Any VPC of the plan might be the one: their main tables become unknown (looked up, not found).
      for (const v of tfVpcs) if (v.mainRouteTable === undefined) v.mainRouteTable = `${m.from.id}.vpc_id`;
    }
  }

  for (const draft of endpoints.values()) {
    if (draft.policyNode) setPolicy(draft.endpoint, draft.policyNode, draft.endpoint.id, draft.endpoint.file);
  }
  for (const r of endpointPolicies) {
    const ep = tfStr(r.props, 'vpc_endpoint_id');
    const draft = isKnown(ep) ? endpoints.get(ep.value) : undefined;
    const policy = setValue(r.props, 'policy');
    if (draft && policy) setPolicy(draft.endpoint, policy, r.id, r.file);
  }

  for (const o of orphanRules) {
    for (const g of tfGroups) g[o.direction].push(...o.rules.map((x) => maybeRule(x, o.why)));
  }
  for (const route of orphanRoutes) {
    const why = `${route.id} may belong to this route table (its route_table_id is not known)`;
    for (const t of tfTables) t.routes.push({ ...route, destination: { value: UNKNOWN_MARK, loc: route.loc, unknown: why } });
  }
  for (const assoc of orphanAssociations) {
    for (const s of tfSubnets) {
      if (!net.subnetRouteTables!.has(s.id)) net.subnetRouteTables!.set(s.id, `${assoc}.route_table_id`);
    }
  }
}
