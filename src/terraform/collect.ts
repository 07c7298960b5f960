// Collects the resources of a `terraform show -json` plan: one entry per resource instance, with
// its planned values (unknown-after-apply values turned into UnknownNodes from `after_unknown`)
// and its block in `configuration` (expressions, references, provider key).
import { get, str } from '../load/node.js';
import type { Loc, MapEntry, MapNode, Node, UnknownNode } from '../types.js';

export interface PlanResource {
  /** Instance address: `module.a[0].aws_iam_role.x["k"]`. */
  address: string;
  /** Address of the configuration block: instance keys removed (`module.a.aws_iam_role.x`). */
  configAddress: string;
  /** Module instance prefix with trailing dot (`module.a[0].`), '' at the root. */
  moduleInstance: string;
  /** Module path without instance keys (`module.a`), '' at the root. */
  modulePath: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** Instance key as written in addresses (`[0]`, `["k"]`), '' when the block has no count/for_each. */
  index: string;
  values: MapNode;
  /** Where the resource is: its `address` in the values section the model uses. */
  loc: Loc;
  /** The resource's block in `configuration`, when the plan has one. */
  config?: MapNode;
}

/** Configuration blocks by full address, modules by path, and module calls by the called module's path. */
export interface ConfigIndex {
  resources: Map<string, MapNode>;
  modules: Map<string, MapNode>;
  calls: Map<string, MapNode>;
}

export const AFTER_APPLY_HINT = 'Terraform computes it during apply, so the plan does not hold it; set it to a literal in the configuration or declare the call under `invocations:` in .bedrock-lint.yaml';

export function indexConfiguration(configuration: Node | undefined): ConfigIndex {
  const index: ConfigIndex = { resources: new Map(), modules: new Map(), calls: new Map() };
  const walk = (mod: Node | undefined, path: string, depth: number) => {
    if (mod?.kind !== 'map' || depth > 50) return;
    index.modules.set(path, mod);
    const prefix = path ? `${path}.` : '';
    const resources = get(mod, 'resources');
    if (resources?.kind === 'seq') {
      for (const r of resources.items) {
        const addr = str(get(r, 'address'));
        if (addr && r.kind === 'map') index.resources.set(prefix + addr, r);
      }
    }
    const calls = get(mod, 'module_calls');
    if (calls?.kind === 'map') {
      for (const e of calls.entries) {
        if (e.value.kind !== 'map') continue;
        const child = `${prefix}module.${e.key}`;
        index.calls.set(child, e.value);
        walk(get(e.value, 'module'), child, depth + 1);
      }
    }
  };
  walk(get(configuration, 'root_module'), '', 0);
  return index;
}

/** Instance key of a resource object (`index` field) as addresses write it. */
function indexKey(node: Node | undefined): string {
  if (node?.kind !== 'scalar' || node.value === null) return '';
  return typeof node.value === 'number' ? `[${node.value}]` : `[${JSON.stringify(String(node.value))}]`;
}

export const stripKeys = (address: string): string => address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');

interface Draft {
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index: string;
  moduleInstance: string;
  values?: MapNode;
  loc?: Loc;
  afterUnknown?: Node;
  deleted?: boolean;
}

/**
 * Every resource instance that exists after apply: managed resources from `planned_values`
 * (or `resource_changes[].change.after`), data sources from `planned_values` or `prior_state`.
 * Order follows the file, so output is deterministic.
 */
export function collectResources(root: MapNode, config: ConfigIndex): PlanResource[] {
  const drafts = new Map<string, Draft>();
  const draftOf = (r: Node): Draft | undefined => {
    const address = str(get(r, 'address'));
    const type = str(get(r, 'type'));
    const name = str(get(r, 'name'));
    if (!address || !type || !name) return undefined;
    let d = drafts.get(address);
    if (!d) {
      const mode = str(get(r, 'mode')) === 'data' ? 'data' : 'managed';
      const index = indexKey(get(r, 'index'));
      const local = `${mode === 'data' ? 'data.' : ''}${type}.${name}${index}`;
      const moduleInstance = address.endsWith(local) ? address.slice(0, address.length - local.length) : '';
      d = { address, mode, type, name, index, moduleInstance };
      drafts.set(address, d);
    }
    return d;
  };
  const take = (d: Draft, values: Node | undefined, r: Node) => {
    if (d.values || values?.kind !== 'map') return;
    d.values = values;
    d.loc = get(r, 'address')!.loc;
  };
  const walkModule = (mod: Node | undefined, dataOnly: boolean, depth: number) => {
    if (mod?.kind !== 'map' || depth > 50) return;
    const resources = get(mod, 'resources');
    if (resources?.kind === 'seq') {
      for (const r of resources.items) {
        if (dataOnly && str(get(r, 'mode')) !== 'data') continue;
        const d = draftOf(r);
        if (d) take(d, get(r, 'values'), r);
      }
    }
    const children = get(mod, 'child_modules');
    if (children?.kind === 'seq') for (const c of children.items) walkModule(c, dataOnly, depth + 1);
  };

  walkModule(get(get(root, 'planned_values'), 'root_module'), false, 0);
  const changes = get(root, 'resource_changes');
  if (changes?.kind === 'seq') {
    for (const rc of changes.items) {
      if (get(rc, 'deposed')) continue; // a deposed object is on its way out
      const d = draftOf(rc);
      if (!d) continue;
      const change = get(rc, 'change');
      const actions = get(change, 'actions');
      const acts = actions?.kind === 'seq' ? actions.items.map(str) : [];
      if (acts.length === 1 && acts[0] === 'delete') {
        if (!d.values) d.deleted = true;
        continue;
      }
      take(d, get(change, 'after'), rc);
      d.afterUnknown ??= get(change, 'after_unknown');
    }
  }
  // Data sources read while planning live in prior_state.
  walkModule(get(get(get(root, 'prior_state'), 'values'), 'root_module'), true, 0);

  const out: PlanResource[] = [];
  for (const d of drafts.values()) {
    if (d.deleted || !d.values || !d.loc) continue;
    const overlaid = d.afterUnknown ? overlayUnknown(d.values, d.afterUnknown, d.address) : d.values;
    const values = overlaid?.kind === 'map' ? overlaid : d.values;
    const modulePath = stripKeys(d.moduleInstance).replace(/\.$/, '');
    const configAddress = stripKeys(d.address);
    const cfg = config.resources.get(configAddress);
    out.push({
      address: d.address,
      configAddress,
      moduleInstance: d.moduleInstance,
      modulePath,
      mode: d.mode,
      type: d.type,
      name: d.name,
      index: d.index,
      values,
      loc: d.loc,
      ...(cfg ? { config: cfg } : {}),
    });
  }
  return out;
}

function unknownAt(what: string, loc: Loc): UnknownNode {
  return { kind: 'unknown', reason: `${what} is known only after apply`, hint: AFTER_APPLY_HINT, loc };
}

/**
 * Marks values that `after_unknown` says are unknown. `after_unknown` mirrors `after` with `true`
 * where a value is unknown; Terraform leaves such values out of `after` (or null in lists), so
 * they are added back as UnknownNodes. Subtrees without unknowns are returned as they are.
 */
export function overlayUnknown(v: Node | undefined, u: Node | undefined, what: string, keyLoc?: Loc): Node | undefined {
  if (!u) return v;
  if (u.kind === 'scalar') return u.value === true ? unknownAt(what, v?.loc ?? keyLoc ?? u.loc) : v;
  const absent = !v || (v.kind === 'scalar' && v.value === null);
  if (u.kind === 'map') {
    if (!absent && v.kind !== 'map') return v;
    const base: MapEntry[] = v?.kind === 'map' ? v.entries : [];
    const unknownByKey = new Map(u.entries.map((x) => [x.key, x]));
    const baseKeys = new Set(base.map((e) => e.key));
    let changed = false;
    const entries = base.map((e) => {
      const ue = unknownByKey.get(e.key);
      if (!ue) return e;
      const nv = overlayUnknown(e.value, ue.value, `${what}.${e.key}`, e.keyLoc);
      if (nv === e.value || !nv) return e;
      changed = true;
      return { ...e, value: nv };
    });
    for (const ue of u.entries) {
      if (baseKeys.has(ue.key)) continue;
      const nv = overlayUnknown(undefined, ue.value, `${what}.${ue.key}`, ue.keyLoc);
      if (!nv) continue;
      changed = true;
      entries.push({ key: ue.key, keyLoc: ue.keyLoc, value: nv });
    }
    if (!changed) return v;
    return { kind: 'map', entries, loc: v?.loc ?? u.loc };
  }
  if (u.kind === 'seq') {
    if (!absent && v.kind !== 'seq') return v;
    const base: Node[] = v?.kind === 'seq' ? v.items : [];
    let changed = false;
    const items: Node[] = [];
    const n = Math.max(base.length, u.items.length);
    for (let i = 0; i < n; i++) {
      const item = base[i];
      const nv = overlayUnknown(item, u.items[i], `${what}[${i}]`, u.items[i]?.loc);
      if (nv !== item) changed = true;
      if (nv) items.push(nv);
    }
    if (!changed) return v;
    return { kind: 'seq', items, loc: v?.loc ?? u.loc };
  }
  return v;
}
