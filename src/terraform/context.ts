// What the Terraform model builders share while reading one plan file.
import { get } from '../load/node.js';
import type { Deployment } from '../model/types.js';
import type { Loc, MapNode, Node, Str } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import type { PlanResource } from './collect.js';
import type { References } from './refs.js';

export interface PlanContext {
  file: string;
  cwd: string;
  dep: Deployment;
  resources: PlanResource[];
  refs: References;
  /** Planned values with resource-ID attributes turned into addresses (see link-ids.ts), by address. */
  props: Map<string, MapNode>;
  /** Name of the Stack a resource belongs to (one per provider region). */
  stackOf(res: PlanResource): string;
  /** Region of the resource's provider (or the deployment region given by --region/config). */
  regionOf(res: PlanResource): string | undefined;
  /** Account ID from data "aws_caller_identity", when the plan has it. */
  account?: string;
}

export function propsOf(ctx: PlanContext, res: PlanResource): MapNode {
  return ctx.props.get(res.address) ?? res.values;
}

export function partitionOf(region: string | undefined): string {
  return region?.startsWith('cn-') ? 'aws-cn' : region?.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** First block of a Terraform nested block list (`environment[0]`); a single-object value is returned as is. */
export function block(node: Node | undefined, key: string): Node | undefined {
  const v = get(node, key);
  if (v?.kind === 'seq') return v.items[0];
  return v;
}

/** A value as a located string: unknown values become UNKNOWN_MARK with the reason; null and collections are absent. */
export function toStr(n: Node | undefined): Str | undefined {
  if (!n) return undefined;
  if (n.kind === 'unknown') return { value: UNKNOWN_MARK, loc: n.loc, unknown: n.reason };
  if (n.kind !== 'scalar' || n.value === null) return undefined;
  return { value: String(n.value), loc: n.loc };
}

/** Items of a list value as located strings; a list known only after apply is one unknown item. */
export function toStrList(n: Node | undefined): Str[] {
  if (!n) return [];
  if (n.kind === 'seq') return n.items.map(toStr).filter((s): s is Str => !!s);
  const s = toStr(n);
  return s ? [s] : [];
}

export function scalar(value: string, loc: Loc): Node {
  return { kind: 'scalar', value, loc };
}
