// The public path from one subnet: its route table (explicit association or the VPC's main table),
// the 0.0.0.0/0 route, and where it leads (internet gateway with a public IP, or a NAT gateway whose
// own subnet reaches an internet gateway). Routes into transit gateways, peering, instances or VPNs
// lead outside the inputs: unknown, never absent.
import type { Str } from '../types.js';
import type { NetworkModel, Route, RouteTargetKind } from './types.js';
import { isDefaultRoute, isPrivate, isUnknown, parseCidr, show } from './values.js';

export type SubnetPath =
  | { kind: 'nat' | 'internet'; evidence: string }
  | { kind: 'none'; detail: string; routeTable?: string; publicSubnet?: boolean; noDefaultRoute?: boolean }
  | { kind: 'unknown'; reason: string };

const TARGET_NAMES: Record<RouteTargetKind, string> = {
  igw: 'internet gateway',
  nat: 'NAT gateway',
  local: 'the local route',
  'transit-gateway': 'transit gateway',
  peering: 'VPC peering connection',
  instance: 'instance',
  'network-interface': 'network interface',
  'vpn-gateway': 'virtual private gateway',
  'gateway-endpoint': 'Gateway Load Balancer endpoint',
  'local-gateway': 'local gateway',
  'carrier-gateway': 'carrier gateway',
  'core-network': 'Cloud WAN core network',
  'egress-only-igw': 'egress-only internet gateway',
  unknown: 'an unknown target',
};

/** NAT chains are short in practice; the bound keeps a malformed cycle from looping. */
const MAX_HOPS = 3;

export function publicPathFromSubnet(
  subnetRef: Str,
  publicIp: boolean | 'unknown',
  net: NetworkModel,
  who: string,
  hops = 0,
): SubnetPath {
  if (isUnknown(subnetRef)) return { kind: 'unknown', reason: `subnet ${show(subnetRef)} is not known` };
  const subnet = net.subnets?.get(subnetRef.value);
  if (!subnet) return { kind: 'unknown', reason: `subnet ${subnetRef.value} is not defined in the inputs` };

  let tableId = net.subnetRouteTables?.get(subnet.id);
  let via = `subnet ${subnet.id} → route table ${tableId}`;
  if (tableId === undefined) {
    const vpc = subnet.vpc && !isUnknown(subnet.vpc) ? net.vpcs?.get(subnet.vpc.value) : undefined;
    if (!vpc) {
      return {
        kind: 'unknown',
        reason: `subnet ${subnet.id} has no route table association in the inputs and its VPC ${show(subnet.vpc)} is not in them, so its main route table is unknown`,
      };
    }
    if (vpc.mainRouteTable === undefined) {
      return {
        kind: 'none',
        detail: `subnet ${subnet.id} has no route table association, so it uses the main route table of VPC ${vpc.id}, which has only the local route`,
      };
    }
    tableId = vpc.mainRouteTable;
    via = `subnet ${subnet.id} → main route table ${tableId} of VPC ${vpc.id}`;
  }
  const table = net.routeTables?.get(tableId);
  if (!table) return { kind: 'unknown', reason: `route table ${tableId} of subnet ${subnet.id} is not defined in the inputs` };

  const { route, uncertain } = defaultRoute(table.routes);
  if (!route) {
    if (uncertain) {
      return { kind: 'unknown', reason: `route table ${table.id} has a route whose destination is not known (${uncertain.id}) and no 0.0.0.0/0 route` };
    }
    return { kind: 'none', detail: `route table ${table.id} of subnet ${subnet.id} has no 0.0.0.0/0 route`, routeTable: table.id, noDefaultRoute: true };
  }

  const target = route.targetRef ? show(route.targetRef) : '?';
  const step = `${via} → 0.0.0.0/0 via ${TARGET_NAMES[route.target]} ${target}`;
  if (route.target === 'igw') {
    if (publicIp === true) return { kind: 'internet', evidence: `${step} (${who} has a public IP)` };
    if (publicIp === 'unknown') return { kind: 'unknown', reason: `${step}, and whether ${who} gets a public IP is not known` };
    return {
      kind: 'none',
      detail: `${step}, but ${who} has no public IP${hops === 0 ? ' (Lambda network interfaces never get one)' : ''}`,
      routeTable: table.id,
      publicSubnet: true,
    };
  }
  if (route.target === 'nat') {
    if (!route.targetRef || isUnknown(route.targetRef)) return { kind: 'unknown', reason: `${step}: the NAT gateway is not known` };
    const nat = net.natGateways?.get(route.targetRef.value);
    if (!nat || !nat.subnet) return { kind: 'unknown', reason: `${step}: NAT gateway ${target} is not defined in the inputs` };
    if (hops >= MAX_HOPS) return { kind: 'unknown', reason: `${step}: too many NAT hops` };
    const natIp = nat.connectivity === 'unknown' ? 'unknown' : nat.connectivity === 'public';
    const onward = publicPathFromSubnet(nat.subnet, natIp, net, `${nat.connectivity} NAT gateway ${nat.id}`, hops + 1);
    if (onward.kind === 'unknown') return { kind: 'unknown', reason: `${step}: ${onward.reason}` };
    if (onward.kind !== 'none') return { kind: 'nat', evidence: `${step} → ${onward.evidence}` };
    return {
      kind: 'none',
      detail: `${step}, but NAT gateway ${nat.id} cannot reach the internet: ${onward.detail}`,
      routeTable: onward.routeTable ?? table.id,
    };
  }
  return {
    kind: 'unknown',
    reason: `${step} (route ${route.id}); what lies beyond it is not in the inputs`,
  };
}

/**
 * The 0.0.0.0/0 route, and a route that might also carry traffic to public addresses (unknown or
 * prefix-list destination, or a public CIDR narrower than /0) when there is no default route.
 */
function defaultRoute(routes: Route[]): { route?: Route; uncertain?: Route } {
  let uncertain: Route | undefined;
  for (const r of routes) {
    if (r.ipv6Only) continue;
    if (r.prefixList) {
      uncertain ??= r;
      continue;
    }
    if (!r.destination) continue;
    const range = isUnknown(r.destination) ? undefined : parseCidr(r.destination.value);
    if (!range) {
      uncertain ??= r;
      continue;
    }
    if (isDefaultRoute(range)) return { route: r };
    if (!isPrivate(range)) uncertain ??= r;
  }
  return { uncertain };
}
