// References between resources, read from `configuration` expressions. They are known even when
// the referenced value (a new role's ARN, a new subnet's ID) is known only after apply, so they are
// how a function is tied to its role, an attachment to its role, an endpoint to its subnets.
//
// A reference list names the traversal and its prefixes (`aws_iam_role.x.arn`, `aws_iam_role.x`).
// `var.*` inside a module follows the module call's argument; `module.m.out` follows the module's
// output expression; locals are not in the plan JSON and are not followed.
import { get, str } from '../load/node.js';
import type { MapNode, Node } from '../types.js';
import type { ConfigIndex, PlanResource } from './collect.js';

const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const KEY = '\\[(?:"(?:[^"\\\\]|\\\\.)*"|[^\\]]*)\\]';
const RESOURCE_RE = new RegExp(`^(data\\.)?(${NAME})\\.(${NAME})(${KEY})?`);
const MODULE_RE = new RegExp(`^module\\.(${NAME})(${KEY})?\\.(${NAME})`);
const VAR_RE = new RegExp(`^var\\.(${NAME})`);
const NOT_RESOURCE = new Set(['var', 'local', 'each', 'count', 'path', 'terraform', 'self', 'module']);
const MAX_DEPTH = 12;

export class References {
  private readonly byConfig = new Map<string, PlanResource[]>();

  constructor(
    resources: PlanResource[],
    private readonly index: ConfigIndex,
  ) {
    for (const r of resources) {
      const list = this.byConfig.get(r.configAddress);
      if (list) list.push(r);
      else this.byConfig.set(r.configAddress, [r]);
    }
  }

  /**
   * The expression in a resource's configuration at a path of attribute names and block indexes.
   * A path that goes below an expression object (a map argument written as one expression) stops
   * at that expression, which covers everything inside it.
   */
  expression(res: PlanResource, path: (string | number)[]): MapNode | undefined {
    let node: Node | undefined = get(res.config, 'expressions');
    for (const step of path) {
      if (isExpression(node)) return node as MapNode;
      if (typeof step === 'number') node = node?.kind === 'seq' ? node.items[step] : undefined;
      else node = get(node, step);
      if (!node) return undefined;
    }
    return node?.kind === 'map' ? node : undefined;
  }

  /** true when the configuration sets the attribute at all (a constant, a reference or a block). */
  isConfigured(res: PlanResource, attr: string): boolean {
    const e = get(get(res.config, 'expressions'), attr);
    if (!e) return false;
    return e.kind === 'seq' ? e.items.length > 0 : true;
  }

  /**
   * Resources referenced by the expression at `path` (deduplicated, in reference order). With
   * `attrs`, only those referred to through one of these attributes (or only bare, as a splat
   * `aws_subnet.x[*].id` is listed): `subnet_id = aws_instance.x.subnet_id` does not name the instance.
   */
  referenced(res: PlanResource, path: (string | number)[], types?: string[], attrs?: string[]): PlanResource[] {
    const expr = this.expression(res, path);
    const found = new Map<string, { r: PlanResource; attrs: Set<string> }>();
    for (const ref of referenceStrings(expr)) {
      for (const { r, attr } of this.resolve(ref, res.modulePath, res.moduleInstance, 0)) {
        if (types && !types.includes(r.type)) continue;
        const f = found.get(r.address);
        if (f) f.attrs.add(attr);
        else found.set(r.address, { r, attrs: new Set([attr]) });
      }
    }
    const out: PlanResource[] = [];
    for (const { r, attrs: used } of found.values()) {
      const named = [...used].filter((a) => a !== '');
      if (attrs && named.length && !named.some((a) => attrs.includes(a))) continue;
      out.push(r);
    }
    return out;
  }

  /**
   * The one resource a single-valued attribute refers to: the only candidate, or the candidate with
   * the referencing resource's own instance key (the `count.index` / `each.key` pattern).
   */
  referencedOne(res: PlanResource, path: (string | number)[], types?: string[], attrs?: string[]): PlanResource | undefined {
    const list = this.referenced(res, path, types, attrs);
    if (list.length === 1) return list[0];
    if (list.length > 1 && res.index) {
      const same = list.filter((r) => r.index === res.index);
      if (same.length === 1) return same[0];
    }
    return undefined;
  }

  /** The resources a reference string denotes, each with the attribute it reads ('' for a bare reference). */
  private resolve(ref: string, modulePath: string, instance: string | undefined, depth: number): { r: PlanResource; attr: string }[] {
    if (depth > MAX_DEPTH) return [];
    const prefix = modulePath ? `${modulePath}.` : '';
    const v = VAR_RE.exec(ref);
    if (v) {
      if (!modulePath) return [];
      const arg = get(get(this.index.calls.get(modulePath), 'expressions'), v[1]!);
      const parent = modulePath.replace(/\.?module\.[^.]+$/, '');
      const parentInstance = instance?.replace(/module\.[^.[]+(?:\[[^\]]*\])?\.$/, '');
      return referenceStrings(arg).flatMap((r) => this.resolve(r, parent, parentInstance, depth + 1));
    }
    const m = MODULE_RE.exec(ref);
    if (m) {
      const child = `${prefix}module.${m[1]}`;
      const out = get(get(get(this.index.modules.get(child), 'outputs'), m[3]!), 'expression');
      const childInstance = instance !== undefined && m[2] ? `${instance}module.${m[1]}${m[2]}.` : !this.hasInstances(child) && instance !== undefined ? `${instance}module.${m[1]}.` : undefined;
      return referenceStrings(out).flatMap((r) => this.resolve(r, child, childInstance, depth + 1));
    }
    const r = RESOURCE_RE.exec(ref);
    if (!r || (!r[1] && NOT_RESOURCE.has(r[2]!))) return [];
    const configAddress = `${prefix}${r[1] ?? ''}${r[2]}.${r[3]}`;
    let list = this.byConfig.get(configAddress) ?? [];
    if (instance !== undefined && list.length > 1) {
      const local = list.filter((x) => x.moduleInstance === instance);
      if (local.length) list = local;
    }
    if (r[4]) list = list.filter((x) => x.index === normalizeKey(r[4]!));
    const attr = /^\.([A-Za-z0-9_-]+)/.exec(ref.slice(r[0].length))?.[1] ?? '';
    return list.map((x) => ({ r: x, attr }));
  }

  /** Whether a module path is instantiated with count/for_each (its instance prefixes carry keys). */
  private hasInstances(modulePath: string): boolean {
    const call = this.index.calls.get(modulePath);
    return !!(get(call, 'count_expression') ?? get(call, 'for_each_expression'));
  }
}

function isExpression(node: Node | undefined): boolean {
  return node?.kind === 'map' && node.entries.some((e) => e.key === 'references' || e.key === 'constant_value');
}

export function referenceStrings(expr: Node | undefined): string[] {
  const refs = get(expr, 'references');
  if (refs?.kind !== 'seq') return [];
  return refs.items.map(str).filter((s): s is string => !!s);
}

/** `[0]`, `["k"]` as plan addresses write them. */
function normalizeKey(key: string): string {
  const inner = key.slice(1, -1).trim();
  if (/^\d+$/.test(inner)) return `[${Number(inner)}]`;
  return inner.startsWith('"') ? `[${inner}]` : `[${JSON.stringify(inner)}]`;
}
