// Unknown values: wholly unknown ones are UnknownNode; strings with unknown pieces are scalars
// containing UNKNOWN_MARK. ScalarNode has no field for the reason of its unknown pieces, so it is
// kept on the side (unknownReason reads it).

import type { Loc, Node, ScalarNode, UnknownNode } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';

const partialReasons = new WeakMap<Node, { reason: string; hint?: string }>();

export function unknownNode(reason: string, loc: Loc, hint?: string): UnknownNode {
  return hint ? { kind: 'unknown', reason, hint, loc } : { kind: 'unknown', reason, loc };
}

/** A string scalar with unknown pieces (UNKNOWN_MARK), remembering why they are unknown. */
export function partialScalar(value: string, loc: Loc, reason: string, hint?: string): ScalarNode {
  const node: ScalarNode = { kind: 'scalar', value, loc };
  partialReasons.set(node, hint ? { reason, hint } : { reason });
  return node;
}

/** Why a value is wholly or partly unknown; undefined for a known value. */
export function unknownReason(node: Node): string | undefined {
  if (node.kind === 'unknown') return node.reason;
  if (node.kind === 'scalar' && typeof node.value === 'string' && node.value.includes(UNKNOWN_MARK)) {
    return partialReasons.get(node)?.reason ?? 'partly unknown';
  }
  return undefined;
}

/** How the user can supply a wholly or partly unknown value, when there is a way. */
export function unknownHint(node: Node): string | undefined {
  return node.kind === 'unknown' ? node.hint : partialReasons.get(node)?.hint;
}

/** True when nothing in the tree is unknown. */
export function isFullyKnown(node: Node): boolean {
  switch (node.kind) {
    case 'unknown':
      return false;
    case 'scalar':
      return typeof node.value !== 'string' || !node.value.includes(UNKNOWN_MARK);
    case 'seq':
      return node.items.every(isFullyKnown);
    case 'map':
      return node.entries.every((e) => isFullyKnown(e.value));
  }
}

/** A copy of the tree with every location (keys too) set to `loc`: a value used away from where it is defined. */
export function relocate(node: Node, loc: Loc): Node {
  let out: Node;
  switch (node.kind) {
    case 'unknown':
      return { ...node, loc };
    case 'scalar':
      out = { ...node, loc };
      break;
    case 'seq':
      return { kind: 'seq', items: node.items.map((item) => relocate(item, loc)), loc };
    case 'map':
      return { kind: 'map', entries: node.entries.map((e) => ({ key: e.key, keyLoc: loc, value: relocate(e.value, loc) })), loc };
  }
  const partial = partialReasons.get(node);
  if (partial) partialReasons.set(out, partial);
  return out;
}
