// Small read helpers over located Node trees, so model builders never poke at `entries` by hand.
//
// Location convention (both loaders): line and column are 1-based and count UTF-16 code units;
// endLine/endColumn is the position just AFTER the node's last character (exclusive end).

import type { Json, Loc, MapEntry, MapNode, Node, ScalarNode, SeqNode, UnknownNode } from '../types.js';

export function isMap(node: Node | undefined): node is MapNode {
  return node?.kind === 'map';
}
export function isSeq(node: Node | undefined): node is SeqNode {
  return node?.kind === 'seq';
}
export function isScalar(node: Node | undefined): node is ScalarNode {
  return node?.kind === 'scalar';
}
export function isUnknown(node: Node | undefined): node is UnknownNode {
  return node?.kind === 'unknown';
}

/** The value of the first entry named `key` in a map; undefined for anything else. */
export function get(node: Node | undefined, key: string): Node | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const entry of node.entries) if (entry.key === key) return entry.value;
  return undefined;
}

/** The map entry (with its key location) named `key`. */
export function getEntry(node: Node | undefined, key: string): MapEntry | undefined {
  if (node?.kind !== 'map') return undefined;
  for (const entry of node.entries) if (entry.key === key) return entry;
  return undefined;
}

/** Follows map keys (strings) and sequence indexes (numbers). */
export function getPath(node: Node | undefined, ...keys: (string | number)[]): Node | undefined {
  let current = node;
  for (const key of keys) {
    if (current === undefined) return undefined;
    if (typeof key === 'number') current = current.kind === 'seq' ? current.items[key] : undefined;
    else current = get(current, key);
  }
  return current;
}

/** A scalar as a string (numbers and booleans stringified); undefined for null, collections and unknowns. */
export function str(node: Node | undefined): string | undefined {
  if (node?.kind !== 'scalar' || node.value === null) return undefined;
  return typeof node.value === 'string' ? node.value : String(node.value);
}

export function entries(node: Node | undefined): MapEntry[] {
  return node?.kind === 'map' ? node.entries : [];
}

export function items(node: Node | undefined): Node[] {
  return node?.kind === 'seq' ? node.items : [];
}

/** IAM-style "one value or a list": a sequence gives its items, anything else is a one-item list. */
export function asList(node: Node | undefined): Node[] {
  if (node === undefined) return [];
  return node.kind === 'seq' ? node.items : [node];
}

export function locOf(node: Node): Loc {
  return node.loc;
}

/** From the start of `a` to the end of `b` (same file assumed; `a`'s file is used). */
export function spanLoc(a: Loc, b: Loc): Loc {
  return { file: a.file, line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

/** Assigns an own property even for `__proto__`, which plain assignment would treat as the prototype. */
export function setOwn(target: { [k: string]: Json }, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Plain JSON value of a tree, like JSON.parse would give; unknown values become null. */
export function toPlain(node: Node): Json {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'unknown':
      return null;
    case 'seq':
      return node.items.map(toPlain);
    case 'map': {
      const out: { [k: string]: Json } = {};
      for (const entry of node.entries) setOwn(out, entry.key, toPlain(entry.value));
      return out;
    }
  }
}

/**
 * A located tree for data that has no positions of its own (e.g. a JSON string embedded in a
 * property): every node gets `loc`. Values JSON cannot hold become null; cycles become unknown.
 */
export function fromPlain(value: unknown, loc: Loc): Node {
  return fromPlainInner(value, loc, new Set());
}

function fromPlainInner(value: unknown, loc: Loc, ancestors: Set<object>): Node {
  if (value === null || value === undefined) return { kind: 'scalar', value: null, loc };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { kind: 'scalar', value, loc };
  if (typeof value === 'bigint') return { kind: 'scalar', value: value.toString(), loc };
  if (typeof value !== 'object') return { kind: 'scalar', value: null, loc };
  if (ancestors.has(value)) return { kind: 'unknown', reason: 'circular value', loc };
  ancestors.add(value);
  let node: Node;
  if (Array.isArray(value)) {
    node = { kind: 'seq', items: value.map((item) => fromPlainInner(item, loc, ancestors)), loc };
  } else {
    const out: MapEntry[] = [];
    for (const key of Object.keys(value)) {
      out.push({ key, keyLoc: loc, value: fromPlainInner((value as Record<string, unknown>)[key], loc, ancestors) });
    }
    node = { kind: 'map', entries: out, loc };
  }
  ancestors.delete(value);
  return node;
}
