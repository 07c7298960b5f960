// Do the security groups let TCP 443 through? Three-valued: a rule whose peer, protocol or port is
// unresolvable makes the answer unknown unless another rule already allows the traffic.
import type { Loc, Str } from '../types.js';
import type { Blame, NetworkModel, SecurityGroup, SgRule } from './types.js';
import { contains, isDefaultRoute, isPrivate, isUnknown, overlaps, parseCidr, refKey, show, type Range } from './values.js';

export type Tri = 'yes' | 'no' | 'unknown';

/** A security group as the analysis sees it: one from the inputs, or a VPC's default group. */
export interface GroupView {
  key: string;
  /** For messages: "EndpointSecurityGroup" or "default security group of VPC AppVpc". */
  name: string;
  group: SecurityGroup;
  isDefault: boolean;
}

/** The other side of the connection. `ranges` undefined = its addresses are unknown. */
export type Peer =
  | { kind: 'public' }
  | { kind: 'private'; groups: Set<string>; ranges: Range[] | undefined; describe: string };

export interface GroupCheck {
  result: Tri;
  /** Why unknown. */
  reasons: string[];
  /** Why blocked, for people. */
  detail?: string;
  /** What to edit when blocked. */
  blame?: Blame;
}

const ANY_LOC: Loc = { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * Looks up security groups by reference. No groups at all means the VPC's default group, whose rules
 * as created are: inbound from members of the same group, outbound to anywhere.
 */
export function viewGroups(refs: Str[], vpcKey: string | undefined, net: NetworkModel): { groups: GroupView[]; unknown: string[] } {
  const groups: GroupView[] = [];
  const unknown: string[] = [];
  if (refs.length === 0) {
    const vpc = vpcKey !== undefined ? net.vpcs?.get(vpcKey) : undefined;
    if (vpc) groups.push(defaultGroup(vpc.id, vpc.loc));
    else unknown.push('no security groups are given, so the VPC default security group applies, and its VPC is not in the inputs');
    return { groups, unknown };
  }
  for (const ref of refs) {
    if (isUnknown(ref)) {
      unknown.push(`security group ${show(ref)} is not known`);
      continue;
    }
    const sg = net.securityGroups?.get(ref.value);
    if (sg) {
      groups.push({ key: sg.id, name: sg.id, group: sg, isDefault: false });
      continue;
    }
    // GetAtt Vpc.DefaultSecurityGroup resolves to the VPC's logical ID.
    const vpc = net.vpcs?.get(ref.value);
    if (vpc) groups.push(defaultGroup(vpc.id, vpc.loc));
    else unknown.push(`security group ${ref.value} is not defined in the inputs`);
  }
  return { groups, unknown };
}

function defaultGroup(vpcId: string, loc: Loc): GroupView {
  const self: Str = { value: vpcId, loc };
  const group: SecurityGroup = {
    id: vpcId,
    file: loc.file,
    loc,
    ingress: [{ resource: vpcId, loc, protocol: '-1', peerGroup: self }],
    egress: [{ resource: vpcId, loc, protocol: '-1', cidr: { value: '0.0.0.0/0', loc } }],
    egressDeclared: true,
  };
  return { key: vpcId, name: `default security group of VPC ${vpcId}`, group, isDefault: true };
}

/** IPv4 range of a CIDR written literally or as GetAtt Vpc.CidrBlock / Subnet.CidrBlock (resolved to the logical ID). */
export function cidrRange(s: Str, net: NetworkModel): Range | undefined {
  if (isUnknown(s)) return undefined;
  const direct = parseCidr(s.value);
  if (direct) return direct;
  const vpc = net.vpcs?.get(s.value);
  if (vpc && !vpc.cidrUnknown && vpc.cidrs[0]) return parseCidr(vpc.cidrs[0]);
  const subnet = net.subnets?.get(s.value);
  if (subnet?.cidr) return parseCidr(subnet.cidr);
  return undefined;
}

function portsInclude443(rule: SgRule): Tri {
  if (rule.protocol === undefined) return 'unknown';
  if (rule.protocol === '-1') return 'yes';
  if (rule.protocol !== 'tcp') return 'no';
  if (rule.portsUnknown) return 'unknown';
  if (rule.fromPort === undefined || rule.toPort === undefined || rule.fromPort === -1) return 'yes';
  return rule.fromPort <= 443 && 443 <= rule.toPort ? 'yes' : 'no';
}

function peerMatches(rule: SgRule, peer: Peer, net: NetworkModel): Tri {
  if (rule.cidr) {
    const range = cidrRange(rule.cidr, net);
    if (!range) return 'unknown';
    if (peer.kind === 'public') return isDefaultRoute(range) ? 'yes' : isPrivate(range) ? 'no' : 'unknown';
    if (isDefaultRoute(range)) return 'yes';
    if (!peer.ranges) return 'unknown';
    if (peer.ranges.every((r) => contains(range, r))) return 'yes';
    return peer.ranges.some((r) => overlaps(range, r)) ? 'unknown' : 'no';
  }
  if (rule.peerGroup) {
    if (isUnknown(rule.peerGroup)) return 'unknown';
    if (peer.kind === 'public') return 'no';
    return peer.groups.has(refKey(rule.peerGroup)) ? 'yes' : 'no';
  }
  if (rule.cidrV6) return 'no'; // the SDK reaches bedrock-runtime over IPv4 by default
  return 'unknown'; // prefix lists, group names
}

function and(a: Tri, b: Tri): Tri {
  if (a === 'no' || b === 'no') return 'no';
  return a === 'yes' && b === 'yes' ? 'yes' : 'unknown';
}

function describeRule(rule: SgRule): string {
  if (rule.protocol === '-1') return 'all traffic';
  const proto = (rule.protocol ?? '?').toUpperCase();
  if (rule.fromPort === undefined) return proto;
  return rule.fromPort === rule.toPort ? `${proto} ${rule.fromPort}` : `${proto} ${rule.fromPort}-${rule.toPort}`;
}

const ALLOW_ALL_EGRESS = (key: string): SgRule => ({
  resource: key,
  loc: ANY_LOC,
  protocol: '-1',
  cidr: { value: '0.0.0.0/0', loc: ANY_LOC },
});

/**
 * Does any of `groups` allow TCP 443 in `direction` to/from `peer`?
 * `peerName` and `fixPeer` word the message and the fix ("from QaFunctionSecurityGroup").
 */
export function checkGroups(
  groups: GroupView[],
  unknownGroups: string[],
  direction: 'ingress' | 'egress',
  peer: Peer,
  net: NetworkModel,
  words: { owner: string; peerName: string; fixPeer: string; fallbackBlame: Blame },
): GroupCheck {
  const reasons = [...unknownGroups];
  let nearMiss: { rule: SgRule; group: GroupView } | undefined;
  let anyUnknown = unknownGroups.length > 0;
  for (const g of groups) {
    const rules =
      direction === 'egress' && !g.group.egressDeclared ? [...g.group.egress, ALLOW_ALL_EGRESS(g.key)] : g.group[direction];
    for (const rule of rules) {
      const peerOk = peerMatches(rule, peer, net);
      const portOk = portsInclude443(rule);
      const v = and(peerOk, portOk);
      if (v === 'yes') return { result: 'yes', reasons: [] };
      if (v === 'unknown') {
        anyUnknown = true;
        reasons.push(`an ${direction} rule of ${g.name} cannot be evaluated (${unknownPart(rule, peerOk, portOk)})`);
      }
      if (peerOk === 'yes' && portOk === 'no' && !nearMiss) nearMiss = { rule, group: g };
    }
  }
  if (anyUnknown) return { result: 'unknown', reasons };

  const dir = direction === 'ingress' ? 'inbound' : 'outbound';
  const names = groups.map((g) => g.name).join(', ');
  if (nearMiss) {
    const what = describeRule(nearMiss.rule);
    return {
      result: 'no',
      reasons: [],
      detail: `${words.owner} ${groupWord(nearMiss.group)}${nearMiss.group.name} allows ${dir} ${what} ${words.peerName}, not TCP 443`,
      blame: {
        resource: nearMiss.rule.resource,
        loc: nearMiss.rule.portLoc ?? nearMiss.rule.loc,
        // Terraform rules (addresses like aws_security_group.x) use Terraform's attribute names.
        fix: `allow ${dir} TCP 443 ${words.fixPeer} (${/^(module\.|aws_)/.test(nearMiss.rule.resource) ? 'from_port = 443, to_port = 443' : 'FromPort 443, ToPort 443'}) instead of ${what}`,
      },
    };
  }
  const first = groups.find((g) => !g.isDefault);
  const blame: Blame = first
    ? {
        resource: first.group.id,
        loc: (direction === 'ingress' ? first.group.ingressLoc : first.group.egressLoc) ?? first.group.loc,
        fix: `add an ${dir} rule to ${first.name} allowing TCP 443 ${words.fixPeer}`,
      }
    : words.fallbackBlame;
  return {
    result: 'no',
    reasons: [],
    detail: `${words.owner} ${groups.some((g) => g.isDefault) ? '' : groups.length > 1 ? 'security groups ' : 'security group '}${names} allow${groups.length > 1 ? '' : 's'} no ${dir} TCP 443 ${words.peerName}`,
    blame,
  };
}

function groupWord(g: GroupView): string {
  return g.isDefault ? '' : 'security group ';
}

function unknownPart(rule: SgRule, peerOk: Tri, portOk: Tri): string {
  if (portOk === 'unknown') return 'protocol or port unknown';
  if (rule.prefixList) return `prefix list ${show(rule.prefixList)}`;
  if (rule.cidr) return `CIDR ${show(rule.cidr)}`;
  if (rule.peerGroup) return `security group ${show(rule.peerGroup)}`;
  return peerOk === 'unknown' ? 'peer unknown' : 'unknown';
}
