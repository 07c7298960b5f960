// Can a VPC-attached caller reach bedrock-runtime in its call region, and if not, which piece is missing?
//
// Order of the decision, as DNS and routing work:
// 1. A bedrock-runtime interface endpoint with private DNS in the caller's VPC captures every call
//    (the default hostname resolves to its private IPs), so only the security groups matter; the
//    same holds when the caller points the SDK at the endpoint itself.
// 2. Otherwise the call goes to the public endpoint: every caller subnet needs 0.0.0.0/0 to a working
//    NAT gateway, or to an internet gateway with a public IP, and the caller's group must allow
//    outbound 443.
// 3. When that fails, say why in the user's terms: a runtime endpoint whose private DNS is off, an
//    endpoint for another Bedrock service, or no route at all.
import type { Str } from '../types.js';
import { publicPathFromSubnet, type SubnetPath } from './routes.js';
import { checkGroups, cidrRange, viewGroups, type Peer } from './security-groups.js';
import { isOtherBedrockService, parseServiceName, runtimeServiceFor } from './service.js';
import type { Blame, EndpointQuery, NetworkModel, NetworkProblem, Reachability, RouteQuery, VpcEndpoint } from './types.js';
import { isUnknown, parseCidr, refKey, show, type Range } from './values.js';

interface EndpointIndex {
  count: number;
  byVpc: Map<string, VpcEndpoint[]>;
  /** Subnets listed by endpoints but not defined in the inputs (describe-vpc-endpoints IDs, parameters) → that endpoint's VPC. */
  subnetVpc: Map<string, Str>;
}

// Built once per model on first use; rebuilt if endpoints were appended (e.g. describe-vpc-endpoints input).
const indexes = new WeakMap<NetworkModel, EndpointIndex>();

function endpointIndex(net: NetworkModel): EndpointIndex {
  const cached = indexes.get(net);
  if (cached && cached.count === net.endpoints.length) return cached;
  const idx: EndpointIndex = { count: net.endpoints.length, byVpc: new Map(), subnetVpc: new Map() };
  for (const ep of net.endpoints) {
    if (!ep.vpc) continue;
    const key = refKey(ep.vpc);
    let list = idx.byVpc.get(key);
    if (!list) idx.byVpc.set(key, (list = []));
    list.push(ep);
    // Subnets the template does not define (literal IDs, or the same parameter the caller uses).
    for (const s of ep.subnets) if (!net.subnets?.has(s.value)) idx.subnetVpc.set(refKey(s), ep.vpc);
  }
  indexes.set(net, idx);
  return idx;
}

/** The caller's VPC, from its subnets (they all sit in one VPC). */
function callerVpc(q: EndpointQuery, net: NetworkModel, idx: EndpointIndex): Str | undefined {
  for (const s of q.attachment.subnets) {
    const subnet = isUnknown(s) ? undefined : net.subnets?.get(s.value);
    if (subnet?.vpc) return subnet.vpc;
    const fromEndpoint = idx.subnetVpc.get(refKey(s));
    if (fromEndpoint) return fromEndpoint;
  }
  return undefined;
}

interface Classified {
  /** Interface endpoints for the runtime service the caller needs, in its region. */
  runtime: VpcEndpoint[];
  /** Bedrock endpoints that do not serve the caller's calls, with why. */
  other: { endpoint: VpcEndpoint; why: string }[];
  /** Endpoints whose service, region or type is unknown. */
  unclear: string[];
}

function classify(endpoints: VpcEndpoint[], q: EndpointQuery): Classified {
  const needed = runtimeServiceFor(q.useFips);
  const out: Classified = { runtime: [], other: [], unclear: [] };
  for (const ep of endpoints) {
    const sn = parseServiceName(ep.serviceName);
    if (!sn) continue; // not an AWS service name (a partner or own endpoint service)
    if (sn.service === undefined) {
      out.unclear.push(`the service of endpoint ${ep.id} (${show(ep.serviceName)}) is not known`);
      continue;
    }
    if (sn.service === needed) {
      if (sn.region !== undefined && q.region !== undefined && sn.region !== q.region) {
        out.other.push({ endpoint: ep, why: `serves ${needed} in ${sn.region}, but the calls go to ${q.region}` });
      } else if (ep.type === 'Interface') {
        out.runtime.push(ep);
      } else if (ep.type === 'unknown') {
        out.unclear.push(`the VpcEndpointType of endpoint ${ep.id} is not known`);
      } else {
        out.other.push({ endpoint: ep, why: `is a ${ep.type} endpoint (VpcEndpointType defaults to Gateway); ${needed} needs an Interface endpoint` });
      }
    } else if (isOtherBedrockService(sn.service, needed)) {
      out.other.push({ endpoint: ep, why: `serves ${sn.service}, which does not serve InvokeModel/Converse; those need ${needed}` });
    }
  }
  return out;
}

function endpointsFor(q: EndpointQuery, net: NetworkModel): { vpc?: Str; classified: Classified } {
  const idx = endpointIndex(net);
  const vpc = callerVpc(q, net, idx);
  const endpoints = vpc ? idx.byVpc.get(refKey(vpc)) ?? [] : [];
  return { vpc, classified: classify(endpoints, q) };
}

/** The endpoint the calls go through: a runtime endpoint with private DNS, or any runtime endpoint when the caller sets the endpoint URL. */
function pickEndpoint(c: Classified, q: EndpointQuery): VpcEndpoint | undefined {
  return c.runtime.find((e) => e.privateDns === true) ?? (q.endpointUrlOverride ? c.runtime[0] : undefined);
}

/** Where the calls of a site enter AWS, for IAM evaluation (endpoint policy layer, aws:SourceVpce / aws:SourceVpc). */
export interface EndpointPath {
  /** The endpoint the calls go through. */
  endpoint?: VpcEndpoint;
  /** Set when it cannot be told whether the calls go through an endpoint. */
  unknown?: string[];
}

/**
 * The VPC endpoint on the path of these calls, whatever the security groups say. `{}` means the
 * calls do not go through an endpoint (they use NAT, an internet gateway, or nothing at all).
 */
export function endpointOnPath(q: EndpointQuery, net: NetworkModel): EndpointPath {
  const { vpc, classified } = endpointsFor(q, net);
  const endpoint = pickEndpoint(classified, q);
  if (endpoint) return { endpoint };
  const unknown = [...classified.unclear];
  for (const e of classified.runtime) if (e.privateDns === 'unknown') unknown.push(`whether endpoint ${e.id} has private DNS is not known`);
  if (!vpc) unknown.push(`the VPC of subnets ${q.attachment.subnets.map(show).join(', ')} is not known`);
  return unknown.length > 0 ? { unknown } : {};
}

export function findRouteToBedrock(q: RouteQuery, net: NetworkModel): Reachability {
  const who = q.caller ?? 'the caller';
  const att = q.attachment;
  if (att.subnets.length === 0) return { kind: 'unknown', reasons: [`the VPC configuration of ${who} lists no subnets`] };
  const { vpc, classified } = endpointsFor(q, net);
  const vpcKey = vpc ? refKey(vpc) : undefined;
  const vpcName = vpc ? show(vpc) : 'its VPC';

  const chosen = pickEndpoint(classified, q);
  if (chosen) return throughEndpoint(chosen, q, net, vpcKey, who);

  const paths: { subnet: Str; path: SubnetPath }[] = att.subnets.map((subnet) => ({
    subnet,
    path: publicPathFromSubnet(subnet, att.assignPublicIp ?? false, net, who),
  }));
  const failing = paths.filter((p) => p.path.kind === 'none');
  const unknowns = paths.flatMap((p) => (p.path.kind === 'unknown' ? [p.path.reason] : []));
  const dnsUnknown = classified.runtime.filter((e) => e.privateDns === 'unknown');
  const dnsReasons = dnsUnknown.map((e) => `whether endpoint ${e.id} has private DNS is not known`);

  if (failing.length === 0) {
    if (unknowns.length > 0 || dnsUnknown.length > 0) return { kind: 'unknown', reasons: [...unknowns, ...dnsReasons] };
    const evidence = paths.map((p) => (p.path.kind === 'nat' || p.path.kind === 'internet' ? p.path.evidence : ''));
    const groups = viewGroups(att.securityGroups, vpcKey, net);
    const egress = checkGroups(groups.groups, groups.unknown, 'egress', { kind: 'public' }, net, {
      owner: `${who}'s`,
      peerName: 'to the internet',
      fixPeer: 'to 0.0.0.0/0',
      fallbackBlame: { resource: who, loc: att.loc, fix: 'attach a security group that allows outbound TCP 443' },
    });
    if (egress.result === 'unknown') return { kind: 'unknown', reasons: egress.reasons };
    if (egress.result === 'no') {
      return { kind: 'unreachable', missing: 'security-group', detail: egress.detail!, evidence, blame: egress.blame! };
    }
    return { kind: paths.some((p) => p.path.kind === 'nat') ? 'nat' : 'internet', evidence };
  }

  // Some subnet has no public path. An unclear endpoint might still be a private-DNS runtime endpoint.
  if (classified.unclear.length > 0 || dnsUnknown.length > 0) return { kind: 'unknown', reasons: [...classified.unclear, ...dnsReasons] };

  const evidence = failureEvidence(failing);
  const region = q.region ?? '<region>';
  const needed = runtimeServiceFor(q.useFips);
  const runtime = classified.runtime[0];
  if (runtime) {
    // Terraform endpoints (addresses like aws_vpc_endpoint.x) use Terraform's attribute names.
    const tf = /^(module\.|aws_)/.test(runtime.id);
    const state = tf
      ? runtime.privateDns === false ? 'has private_dns_enabled = false' : 'does not set private_dns_enabled (the provider default is false)'
      : runtime.privateDns === false ? 'has PrivateDnsEnabled: false' : 'does not set PrivateDnsEnabled (the CloudFormation default is false)';
    return {
      kind: 'unreachable',
      missing: 'private-dns-disabled',
      endpoint: runtime,
      detail: `endpoint ${runtime.id} ${state}, so ${who}'s SDK resolves ${needed}.${region}.amazonaws.com to public addresses it cannot reach (${evidence.join('; ')})`,
      evidence,
      blame: {
        resource: runtime.id,
        loc: runtime.privateDnsLoc ?? runtime.loc,
        fix: `set ${tf ? 'private_dns_enabled = true' : 'PrivateDnsEnabled: true'} on ${runtime.id}, or set the caller's endpoint URL to the endpoint's DNS name`,
      },
    };
  }
  const other = classified.other[0];
  if (other) {
    return {
      kind: 'unreachable',
      missing: 'wrong-endpoint-service',
      endpoint: other.endpoint,
      detail: `VPC ${vpcName} has no ${needed} interface endpoint: ${other.endpoint.id} ${other.why} (${evidence.join('; ')})`,
      evidence,
      blame: {
        resource: other.endpoint.id,
        loc: other.endpoint.serviceName.loc,
        fix: `add an Interface endpoint for com.amazonaws.${region}.${needed} with PrivateDnsEnabled: true in VPC ${vpcName} (keep ${other.endpoint.id} if something else uses it)`,
      },
    };
  }
  const firstFailing = failing[0]!;
  const publicSubnet = firstFailing.path.kind === 'none' && firstFailing.path.publicSubnet;
  const blame: Blame = {
    resource: who,
    loc: firstFailing.subnet.loc,
    fix: publicSubnet
      ? `put ${who} in private subnets whose route table sends 0.0.0.0/0 to a NAT gateway, or add an Interface endpoint for com.amazonaws.${region}.${needed} with PrivateDnsEnabled: true in VPC ${vpcName}`
      : `add a 0.0.0.0/0 route to a NAT gateway in a public subnet, or an Interface endpoint for com.amazonaws.${region}.${needed} with PrivateDnsEnabled: true in VPC ${vpcName}`,
  };
  return {
    kind: 'unreachable',
    missing: 'no-route',
    detail: `${who} has no network path to ${needed}${q.region ? ` in ${q.region}` : ''}: ${evidence.join('; ')}; VPC ${vpcName} has no ${needed} interface endpoint either, so calls time out`,
    evidence,
    blame,
  };
}

/** One line per failing subnet, except that subnets sharing a route table without a default route share a line. */
function failureEvidence(failing: { subnet: Str; path: SubnetPath }[]): string[] {
  const lines: { detail?: string; table?: string; subnets: string[] }[] = [];
  const byTable = new Map<string, { subnets: string[] }>();
  for (const { subnet, path } of failing) {
    if (path.kind !== 'none') continue;
    if (!path.noDefaultRoute || path.routeTable === undefined) {
      lines.push({ detail: path.detail, subnets: [] });
      continue;
    }
    const shared = byTable.get(path.routeTable);
    if (shared) shared.subnets.push(show(subnet));
    else {
      const line = { table: path.routeTable, subnets: [show(subnet)] };
      byTable.set(path.routeTable, line);
      lines.push(line);
    }
  }
  return lines.map((l) =>
    l.detail ?? `route table ${l.table} of subnet${l.subnets.length > 1 ? 's' : ''} ${l.subnets.join(', ')} has no 0.0.0.0/0 route`,
  );
}

function subnetRanges(refs: Str[], net: NetworkModel): Range[] | undefined {
  const out: Range[] = [];
  for (const ref of refs) {
    const r = isUnknown(ref) ? undefined : cidrRange(ref, net);
    if (!r) return undefined;
    out.push(r);
  }
  return out;
}

function endpointRanges(ep: VpcEndpoint, vpcKey: string | undefined, net: NetworkModel): Range[] | undefined {
  if (ep.subnets.length > 0) {
    const r = subnetRanges(ep.subnets, net);
    if (r) return r;
  }
  const vpc = vpcKey !== undefined ? net.vpcs?.get(vpcKey) : undefined;
  if (!vpc || vpc.cidrUnknown || vpc.cidrs.length === 0) return undefined;
  const ranges = vpc.cidrs.map((c) => parseCidr(c));
  return ranges.every((r) => r !== undefined) ? (ranges as Range[]) : undefined;
}

function throughEndpoint(ep: VpcEndpoint, q: RouteQuery, net: NetworkModel, vpcKey: string | undefined, who: string): Reachability {
  const att = q.attachment;
  const callerGroups = viewGroups(att.securityGroups, vpcKey, net);
  const endpointGroups = viewGroups(ep.securityGroups, vpcKey, net);
  const callerNames = callerGroups.groups.map((g) => g.name).join(', ') || 'the caller';
  const endpointNames = endpointGroups.groups.map((g) => g.name).join(', ') || 'the endpoint';
  const via = q.endpointUrlOverride && ep.privateDns !== true ? 'through the endpoint URL the caller sets' : 'with private DNS';
  const evidence = [`interface endpoint ${ep.id} (${show(ep.serviceName)}) ${via}`];

  const toEndpoint: Peer = {
    kind: 'private',
    groups: new Set(endpointGroups.groups.map((g) => g.key)),
    ranges: endpointRanges(ep, vpcKey, net),
    describe: `endpoint ${ep.id}`,
  };
  const fromCaller: Peer = {
    kind: 'private',
    groups: new Set(callerGroups.groups.map((g) => g.key)),
    ranges: subnetRanges(att.subnets, net),
    describe: who,
  };
  const ingress = checkGroups(endpointGroups.groups, endpointGroups.unknown, 'ingress', fromCaller, net, {
    owner: `endpoint ${ep.id}'s`,
    peerName: `from ${callerNames}`,
    fixPeer: `from ${callerNames} (${/^(module\.|aws_)/.test(ep.id) ? 'source_security_group_id' : 'SourceSecurityGroupId'}) or the caller's subnet CIDRs`,
    fallbackBlame: {
      resource: ep.id,
      loc: ep.loc,
      fix: `give ${ep.id} SecurityGroupIds with a group that allows inbound TCP 443 from ${callerNames}`,
    },
  });
  const egress = checkGroups(callerGroups.groups, callerGroups.unknown, 'egress', toEndpoint, net, {
    owner: `${who}'s`,
    peerName: `to endpoint ${ep.id}`,
    fixPeer: `to ${endpointNames} or the VPC CIDR`,
    fallbackBlame: { resource: who, loc: att.loc, fix: `attach a security group that allows outbound TCP 443 to ${endpointNames}` },
  });
  for (const check of [ingress, egress]) {
    if (check.result === 'no') {
      return { kind: 'unreachable', missing: 'security-group', endpoint: ep, detail: check.detail!, evidence, blame: check.blame! };
    }
  }
  if (ingress.result === 'unknown' || egress.result === 'unknown') {
    return { kind: 'unknown', reasons: [...ingress.reasons, ...egress.reasons] };
  }
  evidence.push(`TCP 443 allowed from ${callerNames} to ${endpointNames}`);
  return { kind: 'endpoint', endpoint: ep, evidence, problems: endpointProblems(ep, vpcKey, net) };
}

function endpointProblems(ep: VpcEndpoint, vpcKey: string | undefined, net: NetworkModel): NetworkProblem[] {
  const vpc = vpcKey !== undefined ? net.vpcs?.get(vpcKey) : undefined;
  if (!vpc || ep.privateDns !== true || vpc.dnsHostnames === true || vpc.dnsHostnames === 'unknown') return [];
  return [
    {
      kind: 'vpc-dns-hostnames',
      detail: `endpoint ${ep.id} enables private DNS, which needs EnableDnsHostnames: true on VPC ${vpc.id} (${vpc.dnsHostnames === false ? 'it is false' : 'not set; the default is false'}); the endpoint cannot be created`,
      resource: vpc.id,
      loc: vpc.dnsHostnamesLoc ?? vpc.loc,
    },
  ];
}
