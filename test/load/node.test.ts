import { describe, expect, it } from 'vitest';
import { asList, entries, fromPlain, get, getPath, isMap, isScalar, isSeq, isUnknown, items, spanLoc, str, toPlain } from '../../src/load/node.js';
import { parseJson } from '../../src/load/json.js';
import type { Loc, Node } from '../../src/types.js';

const LOC: Loc = { file: 'f.json', line: 2, column: 3, endLine: 2, endColumn: 9 };

describe('node helpers', () => {
  const root = parseJson('{"a": {"b": [10, "x", true, null]}, "s": "one"}', 'f.json').root!;

  it('reads maps, sequences and scalars', () => {
    expect(str(getPath(root, 'a', 'b', 0))).toBe('10');
    expect(str(getPath(root, 'a', 'b', 1))).toBe('x');
    expect(str(getPath(root, 'a', 'b', 2))).toBe('true');
    expect(str(getPath(root, 'a', 'b', 3))).toBeUndefined();
    expect(getPath(root, 'a', 'b', 9)).toBeUndefined();
    expect(getPath(root, 'a', 0)).toBeUndefined();
    expect(get(getPath(root, 'a', 'b'), 'x')).toBeUndefined();
    expect(entries(root).map((e) => e.key)).toEqual(['a', 's']);
    expect(items(get(root, 's'))).toEqual([]);
    expect([isMap(root), isSeq(getPath(root, 'a', 'b')), isScalar(get(root, 's')), isUnknown(root)]).toEqual([true, true, true, false]);
  });

  it('treats a single value as a one-item list', () => {
    expect(asList(get(root, 's')).map(str)).toEqual(['one']);
    expect(asList(getPath(root, 'a', 'b')).length).toBe(4);
    expect(asList(undefined)).toEqual([]);
  });

  it('spans two locations', () => {
    expect(spanLoc(LOC, { file: 'f.json', line: 4, column: 1, endLine: 5, endColumn: 7 })).toEqual({ file: 'f.json', line: 2, column: 3, endLine: 5, endColumn: 7 });
  });

  it('builds located trees from plain values, keeping __proto__ as an own key', () => {
    const value = JSON.parse('{"__proto__": {"x": 1}, "list": [1, "a", null, false], "big": 1}');
    const node = fromPlain(value, LOC);
    expect(node.loc).toBe(LOC);
    expect(entries(node).map((e) => e.key)).toEqual(['__proto__', 'list', 'big']);
    const plain = toPlain(node) as Record<string, unknown>;
    expect(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value).toEqual({ x: 1 });
    expect(plain.list).toEqual([1, 'a', null, false]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('turns cycles and non-JSON values into unknown and null', () => {
    const cyclic: Record<string, unknown> = { n: 10n, f: () => 1 };
    cyclic.self = cyclic;
    const node = fromPlain(cyclic, LOC);
    expect(get(node, 'n')).toMatchObject({ kind: 'scalar', value: '10' });
    expect(get(node, 'f')).toMatchObject({ kind: 'scalar', value: null });
    expect(get(node, 'self')).toMatchObject({ kind: 'unknown', reason: 'circular value' });
    const unknown: Node = { kind: 'unknown', reason: 'r', loc: LOC };
    expect(toPlain({ kind: 'seq', items: [unknown], loc: LOC })).toEqual([null]);
  });
});
