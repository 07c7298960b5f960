// Terraform IAM resources → roles with every policy attached to them (SPEC §5):
// aws_iam_role (inline_policy, managed_policy_arns, permissions_boundary, assume_role_policy),
// aws_iam_role_policy, aws_iam_policy with aws_iam_role_policy_attachment / aws_iam_policy_attachment,
// and data "aws_iam_policy_document" / data "aws_iam_policy" documents they use.
//
// A role's computed `inline_policy` / `managed_policy_arns` that the configuration does not set
// mirror the plan's aws_iam_role_policy and attachment resources, so an unknown one adds nothing
// and a known one adds only what no plan resource already attaches (SPEC §3).
import { managedPolicy } from '../iam/managed.js';
import { parsePolicyNode } from '../iam/parse.js';
import type { PolicyDoc, PolicyKind } from '../iam/types.js';
import { get, str } from '../load/node.js';
import { SYMBOLIC_ACCOUNT, unknownPolicy } from '../model/template.js';
import type { Role } from '../model/types.js';
import type { Loc, MapEntry, MapNode, Node, Str } from '../types.js';
import type { PlanResource } from './collect.js';
import { partitionOf, propsOf, toStr, type PlanContext } from './context.js';
import { parseEmbeddedJson } from './embedded-json.js';

export interface IamModel {
  roles: Map<string, Role>;
  /** The role an attribute of `res` names: by configuration reference, else by ARN or name. */
  findRole(res: PlanResource, path: (string | number)[]): { role?: Role; ref?: Str };
}

interface Meta {
  id: string;
  name: string;
  kind: PolicyKind;
  owner: string;
}

/** A policy held as a JSON string (or an unknown value) → PolicyDoc located inside the string. */
export function policyFromValue(node: Node | undefined, meta: Meta): PolicyDoc | undefined {
  if (!node) return undefined;
  if (node.kind === 'unknown') return { ...unknownPolicy(meta.id, meta.name, node.loc, node.reason), kind: meta.kind, owner: meta.owner };
  if (node.kind === 'scalar') {
    if (node.value === null || node.value === '') return undefined;
    const parsed = typeof node.value === 'string' ? parseEmbeddedJson(node) : undefined;
    return parsePolicyNode(parsed ?? node, meta);
  }
  return parsePolicyNode(node, meta);
}

export function buildIam(ctx: PlanContext): IamModel {
  const { file, dep, refs } = ctx;
  const pushed = new Set<PolicyDoc>();
  const publish = (doc: PolicyDoc | undefined): PolicyDoc | undefined => {
    if (doc && !pushed.has(doc) && !doc.managedArn) {
      pushed.add(doc);
      dep.policies.push(doc);
    }
    return doc;
  };
  const accountOf = () => ctx.account ?? SYMBOLIC_ACCOUNT;
  const ofType = (...types: string[]) => ctx.resources.filter((r) => types.includes(r.type));

  // 1. Policy documents rendered by data sources: their JSON when known, else their statement blocks.
  const dataDocs = new Map<string, { doc: PolicyDoc; json?: string }>();
  for (const r of ofType('aws_iam_policy_document')) {
    if (r.mode !== 'data') continue;
    const meta: Meta = { id: `${file}#${r.address}`, name: r.address, kind: 'identity', owner: r.address };
    const json = get(r.values, 'json');
    const doc = json?.kind === 'scalar' && typeof json.value === 'string' ? policyFromValue(json, meta)! : documentFromBlocks(r, meta);
    dataDocs.set(r.address, { doc, ...(json?.kind === 'scalar' && typeof json.value === 'string' ? { json: json.value } : {}) });
  }
  // Data documents are published at the end, except those used only as trust policies.
  const usedAs = new Map<PolicyDoc, Set<PolicyKind>>();

  /**
   * The document of a policy attribute: the data source it references when the value is unknown or
   * is that data source's JSON (one document, one set of findings), else the value itself.
   */
  const docFor = (res: PlanResource, path: (string | number)[], value: Node | undefined, meta: Meta): PolicyDoc | undefined => {
    const ds = refs.referencedOne(res, path, ['aws_iam_policy_document']);
    const data = ds && ds.mode === 'data' ? dataDocs.get(ds.address) : undefined;
    if (data && (value?.kind === 'unknown' || (value?.kind === 'scalar' && value.value === data.json))) {
      const kinds = usedAs.get(data.doc) ?? new Set<PolicyKind>();
      kinds.add(meta.kind);
      usedAs.set(data.doc, kinds);
      return data.doc;
    }
    return policyFromValue(value, meta);
  };

  // 2. Customer managed policies.
  const policyByAddress = new Map<string, PolicyDoc>();
  const policyByArn = new Map<string, PolicyDoc>();
  const arnOfPolicy = new Map<PolicyDoc, string>();
  for (const r of ofType('aws_iam_policy')) {
    const p = propsOf(ctx, r);
    const name = str(get(p, 'name'));
    const doc = docFor(r, ['policy'], get(p, 'policy'), { id: `${file}#${r.address}`, name: name ?? r.address, kind: 'identity', owner: r.address });
    if (!doc) continue;
    if (r.mode === 'managed') publish(doc);
    policyByAddress.set(r.address, doc);
    const path = str(get(p, 'path')) ?? '/';
    const arn = str(get(p, 'arn')) ?? (name ? `arn:${partitionOf(ctx.regionOf(r))}:iam::${accountOf()}:policy${path}${name}` : undefined);
    if (arn) {
      policyByArn.set(arn, doc);
      arnOfPolicy.set(doc, arn);
    }
  }

  /** The policy an ARN attribute names: a plan policy (by reference or ARN), an AWS managed one, or unknown. */
  const policyAt = (res: PlanResource, path: (string | number)[], value: Node | undefined, kind: PolicyKind = 'identity', byReference = true): PolicyDoc | undefined => {
    const target = byReference ? refs.referencedOne(res, path, ['aws_iam_policy']) : undefined;
    let doc = target ? policyByAddress.get(target.address) : undefined;
    if (!doc) {
      const s = toStr(value);
      if (!s) return undefined;
      if (s.unknown) doc = unknownPolicy(`${file}#${res.address}/${path.join('/')}`, `policy ARN of ${res.address}`, s.loc, `policy ARN ${s.unknown}`);
      else doc = policyByArn.get(s.value) ?? managedPolicy(s.value) ?? unknownPolicy(`${file}#${res.address}/${s.value}`, s.value, s.loc, `customer managed policy ${s.value} is not in the inputs`);
    }
    return kind === 'identity' ? doc : { ...doc, kind };
  };

  // 3. Roles.
  const roles = new Map<string, Role>();
  const rolesByName = new Map<string, Role>();
  const rolesByArn = new Map<string, Role>();
  const roleRes = new Map<Role, PlanResource>();
  for (const r of ofType('aws_iam_role')) {
    if (r.mode !== 'managed') continue;
    const p = propsOf(ctx, r);
    const name = str(get(p, 'name'));
    const path = str(get(p, 'path')) ?? '/';
    const arn = str(get(p, 'arn')) ?? `arn:${partitionOf(ctx.regionOf(r))}:iam::${accountOf()}:role${path}${name ?? `{{${r.address}}}`}`;
    const role: Role = { id: r.address, type: r.type, file, loc: r.loc, stack: ctx.stackOf(r), policies: [], arn, ...(name ? { name } : {}) };
    const trust = docFor(r, ['assume_role_policy'], get(p, 'assume_role_policy'), { id: `${file}#${r.address}/trust`, name: `${r.address} trust policy`, kind: 'trust', owner: r.address });
    if (trust) role.trust = trust.kind === 'trust' ? trust : { ...trust, kind: 'trust' };
    const pb = get(p, 'permissions_boundary');
    if (pb && !(pb.kind === 'scalar' && (pb.value === null || pb.value === ''))) {
      // Not published again: the document is the plan's aws_iam_policy (published) or not in the inputs.
      role.boundary = policyAt(r, ['permissions_boundary'], pb, 'boundary');
    }
    roles.set(r.address, role);
    if (name) rolesByName.set(name, role);
    rolesByArn.set(arn, role);
    roleRes.set(role, r);
    dep.roles.push(role);
  }

  const findRole = (res: PlanResource, path: (string | number)[]): { role?: Role; ref?: Str } => {
    const t = refs.referencedOne(res, path, ['aws_iam_role']);
    if (t && roles.has(t.address)) return { role: roles.get(t.address)! };
    let value: Node | undefined = propsOf(ctx, res);
    for (const step of path) value = typeof step === 'number' ? (value?.kind === 'seq' ? value.items[step] : undefined) : get(value, step);
    const s = toStr(value);
    if (!s) return {};
    if (s.unknown) return { ref: s };
    const byArn = rolesByArn.get(s.value);
    if (byArn) return { role: byArn };
    const m = /:role\/(?:.*\/)?([^/]+)$/.exec(s.value);
    const byName = rolesByName.get(m ? m[1]! : s.value);
    return byName ? { role: byName } : { ref: s };
  };

  const attached = new Map<Role, { names: Set<string>; arns: Set<string> }>();
  const attach = (role: Role, doc: PolicyDoc, inlineName?: string) => {
    let a = attached.get(role);
    if (!a) attached.set(role, (a = { names: new Set(), arns: new Set() }));
    if (inlineName) a.names.add(inlineName);
    const arn = doc.managedArn ?? arnOfPolicy.get(doc);
    if (arn) a.arns.add(arn);
    if (!role.policies.includes(doc)) role.policies.push(doc);
  };

  // 4. Inline role policies and attachments.
  for (const r of ofType('aws_iam_role_policy')) {
    if (r.mode !== 'managed') continue;
    const p = propsOf(ctx, r);
    const name = str(get(p, 'name'));
    const doc = publish(docFor(r, ['policy'], get(p, 'policy'), { id: `${file}#${r.address}`, name: name ?? r.address, kind: 'identity', owner: r.address }));
    const { role } = findRole(r, ['role']);
    if (doc && role) attach(role, doc, name);
  }
  for (const r of ofType('aws_iam_role_policy_attachment')) {
    if (r.mode !== 'managed') continue;
    const doc = policyAt(r, ['policy_arn'], get(propsOf(ctx, r), 'policy_arn'));
    const { role } = findRole(r, ['role']);
    if (doc && role) attach(role, doc);
  }
  for (const r of ofType('aws_iam_policy_attachment')) {
    if (r.mode !== 'managed') continue;
    const p = propsOf(ctx, r);
    const doc = policyAt(r, ['policy_arn'], get(p, 'policy_arn'));
    if (!doc) continue;
    const targets = new Set<Role>();
    for (const t of refs.referenced(r, ['roles'], ['aws_iam_role'])) if (roles.has(t.address)) targets.add(roles.get(t.address)!);
    const list = get(p, 'roles');
    if (list?.kind === 'seq') for (const n of list.items) {
      const role = rolesByName.get(str(n) ?? '');
      if (role) targets.add(role);
    }
    for (const role of targets) attach(role, doc);
  }

  // 5. The role's own inline_policy / managed_policy_arns, less what plan resources already attach.
  for (const [role, r] of roleRes) {
    const p = propsOf(ctx, r);
    const a = attached.get(role);
    const inline = get(p, 'inline_policy');
    if (inline?.kind === 'unknown') {
      if (refs.isConfigured(r, 'inline_policy')) attach(role, publish(unknownPolicy(`${file}#${r.address}/inline_policy`, `${r.address} inline_policy`, inline.loc, inline.reason))!);
    } else if (inline?.kind === 'seq') {
      inline.items.forEach((item, i) => {
        const name = str(get(item, 'name'));
        if (name && a?.names.has(name)) return;
        const doc = docFor(r, ['inline_policy', i, 'policy'], get(item, 'policy'), { id: `${file}#${r.address}/inline_policy/${i}`, name: name || `${r.address} inline_policy[${i}]`, kind: 'identity', owner: r.address });
        if (doc) attach(role, publish(doc)!, name);
      });
    }
    const managed = get(p, 'managed_policy_arns');
    const configured = refs.isConfigured(r, 'managed_policy_arns');
    const referenced = refs
      .referenced(r, ['managed_policy_arns'], ['aws_iam_policy'])
      .map((t) => policyByAddress.get(t.address))
      .filter((d): d is PolicyDoc => !!d && !role.policies.includes(d));
    if (managed?.kind === 'unknown') {
      if (!configured) continue;
      for (const d of referenced) attach(role, d);
      if (!referenced.length) attach(role, unknownPolicy(`${file}#${r.address}/managed_policy_arns`, `${r.address} managed_policy_arns`, managed.loc, managed.reason));
    } else if (managed?.kind === 'seq') {
      let next = 0;
      managed.items.forEach((item, i) => {
        const s = toStr(item);
        if (!s) return;
        if (!s.unknown) {
          if (a?.arns.has(s.value)) return;
          // A list is one expression: its references say nothing about which item is which.
          attach(role, policyAt(r, ['managed_policy_arns', i], item, 'identity', false)!);
          return;
        }
        if (!configured) return;
        const d = referenced[next++];
        attach(role, d ?? unknownPolicy(`${file}#${r.address}/managed_policy_arns/${i}`, `${r.address} managed_policy_arns[${i}]`, s.loc, s.unknown));
      });
    }
  }

  for (const { doc } of dataDocs.values()) {
    const kinds = usedAs.get(doc);
    if (!kinds || [...kinds].some((k) => k !== 'trust')) publish(doc);
  }
  return { roles, findRole };
}

/**
 * A policy document from data "aws_iam_policy_document" statement blocks, for when its rendered
 * JSON is known only after apply (typically a resource ARN in it is): the actions stay known.
 */
function documentFromBlocks(r: PlanResource, meta: Meta): PolicyDoc {
  const v = r.values;
  const entries: MapEntry[] = [];
  const add = (into: MapEntry[], key: string, node: Node | undefined, keyLoc: Loc) => {
    if (!node || (node.kind === 'scalar' && node.value === null) || (node.kind === 'seq' && node.items.length === 0)) return;
    into.push({ key, keyLoc, value: node });
  };
  const keyLoc = (n: Node, key: string): Loc => (n.kind === 'map' ? (n.entries.find((e) => e.key === key)?.keyLoc ?? n.loc) : n.loc);
  const version = get(v, 'version');
  if (version) add(entries, 'Version', version, keyLoc(v, 'version'));
  const statements = get(v, 'statement');
  if (statements?.kind === 'seq') {
    const items: Node[] = statements.items.map((s): Node => {
      if (s.kind !== 'map') return s;
      const st: MapEntry[] = [];
      add(st, 'Sid', blankToNull(get(s, 'sid')), keyLoc(s, 'sid'));
      const effect = get(s, 'effect');
      add(st, 'Effect', effect && !(effect.kind === 'scalar' && (effect.value === null || effect.value === '')) ? effect : { kind: 'scalar', value: 'Allow', loc: s.loc }, keyLoc(s, 'effect'));
      add(st, 'Action', get(s, 'actions'), keyLoc(s, 'actions'));
      add(st, 'NotAction', get(s, 'not_actions'), keyLoc(s, 'not_actions'));
      add(st, 'Resource', get(s, 'resources'), keyLoc(s, 'resources'));
      add(st, 'NotResource', get(s, 'not_resources'), keyLoc(s, 'not_resources'));
      add(st, 'Principal', principals(get(s, 'principals')), keyLoc(s, 'principals'));
      add(st, 'NotPrincipal', principals(get(s, 'not_principals')), keyLoc(s, 'not_principals'));
      add(st, 'Condition', conditions(get(s, 'condition')), keyLoc(s, 'condition'));
      return { kind: 'map', entries: st, loc: s.loc };
    });
    add(entries, 'Statement', { kind: 'seq', items, loc: statements.loc }, keyLoc(v, 'statement'));
  } else if (statements?.kind === 'unknown') {
    add(entries, 'Statement', statements, keyLoc(v, 'statement'));
  }
  const doc = parsePolicyNode({ kind: 'map', entries, loc: r.loc }, meta);
  const merged = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'].filter((k) => {
    const n = get(v, k);
    return n && !(n.kind === 'scalar' && (n.value === null || n.value === '')) && !(n.kind === 'seq' && n.items.length === 0);
  });
  if (merged.length) doc.unknown = [doc.unknown, `${r.address} merges ${merged.join(', ')}, known only after apply`].filter(Boolean).join('; ');
  return doc;
}

function blankToNull(n: Node | undefined): Node | undefined {
  return n?.kind === 'scalar' && n.value === '' ? undefined : n;
}

/** principals { type = "AWS", identifiers = [...] } blocks → { "AWS": [...] }; type "*" → "*". */
function principals(n: Node | undefined): Node | undefined {
  if (n?.kind !== 'seq' || n.items.length === 0) return n?.kind === 'unknown' ? n : undefined;
  const entries: MapEntry[] = [];
  for (const p of n.items) {
    const type = str(get(p, 'type'));
    const ids = get(p, 'identifiers');
    if (type === '*') return { kind: 'scalar', value: '*', loc: p.loc };
    if (!type || !ids) return { kind: 'unknown', reason: 'principal block known only after apply', loc: p.loc };
    const existing = entries.find((e) => e.key === type);
    if (existing && existing.value.kind === 'seq' && ids.kind === 'seq') existing.value = { ...existing.value, items: [...existing.value.items, ...ids.items] };
    else entries.push({ key: type, keyLoc: p.loc, value: ids });
  }
  return { kind: 'map', entries, loc: n.loc };
}

/** condition { test, variable, values } blocks → { test: { variable: values } }. */
function conditions(n: Node | undefined): Node | undefined {
  if (n?.kind !== 'seq' || n.items.length === 0) return n?.kind === 'unknown' ? n : undefined;
  const ops: MapEntry[] = [];
  for (const c of n.items) {
    const test = str(get(c, 'test'));
    const variable = str(get(c, 'variable'));
    const values = get(c, 'values');
    if (!test || !variable || !values) return { kind: 'unknown', reason: 'condition block known only after apply', loc: c.loc };
    let op = ops.find((e) => e.key === test);
    if (!op) ops.push((op = { key: test, keyLoc: c.loc, value: { kind: 'map', entries: [], loc: c.loc } }));
    (op.value as MapNode).entries.push({ key: variable, keyLoc: c.loc, value: values });
  }
  return { kind: 'map', entries: ops, loc: n.loc };
}
