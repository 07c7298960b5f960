// Turns resource-ID attributes (`vpc_id`, `subnet_ids`, `security_group_ids`, `route_table_id`,
// `nat_gateway_id`…) into the addresses of the resources they name, so the network model links
// Terraform resources by address the way it links CloudFormation resources by logical ID:
// - a known ID equal to a managed resource's planned `id` becomes that resource's address;
// - an ID known only after apply becomes the address its configuration expression refers to.
// Anything else (a literal `subnet-0abc…` of an existing subnet, a data source's ID) stays as it is.
import type { MapEntry, MapNode, Node, SeqNode } from '../types.js';
import { get, str } from '../load/node.js';
import type { PlanResource } from './collect.js';
import type { References } from './refs.js';

const ID_ATTR = /(?:^|_)ids?$|^subnets$|^security_groups$/;

export function linkIds(res: PlanResource, refs: References, addressById: Map<string, string>): MapNode {
  // Only `x.id` (or a bare/splat reference) names the resource x itself.
  const targetsOf = (path: (string | number)[]) => refs.referenced(res, path, undefined, ['id']).filter((r) => r.mode === 'managed');

  const scalarFor = (n: Node, path: (string | number)[]): Node => {
    if (n.kind === 'scalar' && typeof n.value === 'string') {
      const addr = addressById.get(n.value);
      return addr && addr !== res.address ? { kind: 'scalar', value: addr, loc: n.loc } : n;
    }
    if (n.kind !== 'unknown') return n;
    const one = refs.referencedOne(res, path, undefined, ['id']);
    return one?.mode === 'managed' ? { kind: 'scalar', value: one.address, loc: n.loc } : n;
  };

  const linkValue = (n: Node, path: (string | number)[]): Node => {
    if (n.kind === 'seq') {
      const known = mapSeq(n, (item) => (item.kind === 'unknown' ? item : scalarFor(item, path)));
      const unknownCount = known.items.filter((i) => i.kind === 'unknown').length;
      if (!unknownCount) return known;
      // Unknown items map, in order, onto the referenced resources the known items do not already name.
      const named = new Set(known.items.map(str));
      const rest = targetsOf(path).filter((t) => !named.has(t.address));
      if (rest.length !== unknownCount) return known;
      let k = 0;
      return mapSeq(known, (item) => (item.kind === 'unknown' ? { kind: 'scalar', value: rest[k++]!.address, loc: item.loc } : item));
    }
    if (n.kind === 'unknown' && /ids$|^subnets$|^security_groups$/.test(String(path[path.length - 1]))) {
      // A whole list known only after apply: one address per referenced resource.
      const targets = targetsOf(path);
      if (targets.length > 0) return { kind: 'seq', items: targets.map((t) => ({ kind: 'scalar', value: t.address, loc: n.loc })), loc: n.loc };
    }
    return scalarFor(n, path);
  };

  const walk = (node: MapNode, path: (string | number)[]): MapNode => {
    let changed = false;
    const entries = node.entries.map((e): MapEntry => {
      const p = [...path, e.key];
      let value = e.value;
      // The resource's own `id` is not a link.
      if (ID_ATTR.test(e.key) && !(path.length === 0 && e.key === 'id')) value = linkValue(e.value, p);
      else if (e.value.kind === 'seq') value = mapSeq(e.value, (item, i) => (item.kind === 'map' ? walk(item, [...p, i]) : item));
      else if (e.value.kind === 'map' && e.key !== 'tags' && e.key !== 'tags_all') value = walk(e.value, p);
      if (value !== e.value) changed = true;
      return value === e.value ? e : { ...e, value };
    });
    return changed ? { ...node, entries } : node;
  };

  return walk(res.values, []);
}

function mapSeq(seq: SeqNode, f: (item: Node, i: number) => Node): SeqNode {
  let changed = false;
  const items = seq.items.map((item, i) => {
    const v = f(item, i);
    if (v !== item) changed = true;
    return v;
  });
  return changed ? { ...seq, items } : seq;
}

/** Planned `id` → address, for managed resources whose ID is known (existing VPCs, subnets…). */
export function addressesById(resources: PlanResource[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    const id = str(get(r.values, 'id'));
    if (id && !out.has(id)) out.set(id, r.address);
  }
  return out;
}
