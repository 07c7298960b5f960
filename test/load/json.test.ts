import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseJson } from '../../src/load/json.js';
import { BudgetError } from '../../src/load/budget.js';
import { get, getPath, toPlain } from '../../src/load/node.js';
import type { Loc, Node } from '../../src/types.js';

function at(loc: Loc | undefined): string {
  return loc ? `${loc.line}:${loc.column}-${loc.endLine}:${loc.endColumn}` : 'none';
}

function load(text: string): Node {
  const r = parseJson(text, 't.json');
  expect(r.errors).toEqual([]);
  if (!r.root) throw new Error('no root');
  return r.root;
}

function errorsOf(text: string): string[] {
  const r = parseJson(text, 't.json');
  return r.errors.map((e) => `${at(e.loc)} ${e.message}`);
}

function budgetErrorOf(fn: () => unknown): BudgetError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BudgetError) return e;
    throw e;
  }
  throw new Error('expected a BudgetError');
}

describe('parseJson: values and positions', () => {
  it('locates every node with 1-based exclusive ends', () => {
    const text = '{\n  "Resources": {\n    "Fn": { "Type": "AWS::Lambda::Function", "N": -1.5e3, "B": [true, false, null] }\n  }\n}\n';
    const root = load(text);
    expect(at(root.loc)).toBe('1:1-5:2');
    expect(at(get(root, 'Resources')?.loc)).toBe('2:16-4:4');
    const fn = getPath(root, 'Resources', 'Fn');
    expect(fn?.kind === 'map' && fn.entries.map((e) => [e.key, at(e.keyLoc), at(e.value.loc)])).toEqual([
      ['Type', '3:13-3:19', '3:21-3:44'],
      ['N', '3:46-3:49', '3:51-3:57'],
      ['B', '3:59-3:62', '3:64-3:83'],
    ]);
    expect(getPath(root, 'Resources', 'Fn', 'B', 1)).toMatchObject({ kind: 'scalar', value: false });
    expect(at(getPath(root, 'Resources', 'Fn', 'B', 2)?.loc)).toBe('3:78-3:82');
    expect(toPlain(root)).toEqual(JSON.parse(text));
  });

  it('marks strings as quoted and decodes every escape', () => {
    const v = get(load('{"s": "a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"}'), 's');
    expect(v).toEqual({ kind: 'scalar', value: 'a"b\\c/d\b\f\n\r\t\u00e9\u{1F600}', quoted: true, loc: expect.anything() });
    expect(at(v?.loc)).toBe('1:7-1:47');
  });

  it('skips a leading byte order mark and counts columns after it', () => {
    const root = load('\uFEFF{"a": 1}');
    expect(toPlain(root)).toEqual({ a: 1 });
    expect(at(root.loc)).toBe('1:1-1:9');
  });

  it('counts CRLF line endings once', () => {
    const root = load('{\r\n  "a":\r\n  1\r\n}');
    expect(at(get(root, 'a')?.loc)).toBe('3:3-3:4');
  });

  it('keeps replacement characters from invalid UTF-8 and never lets U+FFFF through', () => {
    const text = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x78, 0xff, 0x79, 0x22, 0x7d]).toString('utf8');
    expect(toPlain(load(text))).toEqual({ a: 'x\uFFFDy' });
    expect(toPlain(load('{"a": "\\uffff", "b": "\uFFFF"}'))).toEqual({ a: '\uFFFD', b: '\uFFFD' });
  });

  it('keeps __proto__ and constructor as own keys without polluting Object.prototype', () => {
    const root = load('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
    const plain = toPlain(root) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives no root and no error for an empty file', () => {
    for (const text of ['', '  \n\t', '\uFEFF']) expect(parseJson(text, 't.json')).toEqual({ root: undefined, errors: [] });
  });
});

describe('parseJson: errors', () => {
  it('reports duplicate keys with both locations, in small and large objects', () => {
    expect(errorsOf('{"a": 1,\n "a": 2}')).toEqual(['2:2-2:5 duplicate key "a" (first defined at line 1, column 2)']);
    const many = Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`).join(', ');
    expect(errorsOf(`{${many}, "k33": 0}`)).toEqual([`1:${many.length + 4}-1:${many.length + 9} duplicate key "k33" (first defined at line 1, column ${many.indexOf('"k33"') + 2})`]);
    const r = parseJson('{"a": 1, "a": 2}', 't.json');
    expect(toPlain(r.root!)).toEqual({ a: 1 });
  });

  it('rejects what RFC 8259 forbids, at the right place', () => {
    expect(errorsOf('{"a": 1,}')).toEqual(["1:9-1:10 trailing comma before '}'"]);
    expect(errorsOf('[1, 2,\n]')).toEqual(["2:1-2:2 trailing comma before ']'"]);
    expect(errorsOf('{"a": 1 // c\n}')).toEqual(["1:9-1:10 expected ',' or '}' after property value but found a comment (comments are not allowed in JSON)"]);
    expect(errorsOf("{'a': 1}")).toEqual(["1:2-1:3 expected a double-quoted property name but found '''"]);
    expect(errorsOf('{"a": "x\ny"}')).toEqual(['1:9-1:10 unterminated string (a line break inside a string must be written as \\n)']);
    expect(errorsOf('{"a": "abc')).toEqual(['1:7-1:8 unterminated string']);
    expect(errorsOf('{"a": "\\x"}')).toEqual(['1:8-1:9 invalid escape \\x']);
    expect(errorsOf('{"a": "\\u12g4"}')).toEqual(['1:8-1:9 invalid unicode escape \\u12g4']);
    expect(errorsOf('{"a": 01}')).toEqual(['1:7-1:8 invalid number: leading zeros are not allowed']);
    expect(errorsOf('{"a": 1.}')).toEqual(['1:7-1:8 invalid number: expected a digit after the decimal point']);
    expect(errorsOf('{"a": -}')).toEqual(['1:7-1:8 invalid number: expected a digit']);
    expect(errorsOf('{"a": tru}')).toEqual(["1:7-1:8 expected a JSON value but found 't'"]);
    expect(errorsOf('{"a": NaN}')).toEqual(["1:7-1:8 expected a JSON value but found 'N'"]);
    expect(errorsOf('{"a": 1} x')).toEqual(["1:10-1:11 unexpected 'x' after the JSON value"]);
    expect(errorsOf('{"a": 1')).toEqual(["1:8-1:8 expected ',' or '}' after property value but found end of input"]);
    expect(errorsOf('{"a" 1}')).toEqual(["1:6-1:7 expected ':' after property name but found '1'"]);
    expect(errorsOf('{"a": "\u0001"}')).toEqual(['1:8-1:9 control character U+0001 inside a string (write it as \\u0001)']);
  });
});

describe('parseJson: budgets', () => {
  it('turns 10,000-level nesting into a depth BudgetError, not a stack overflow', () => {
    for (const [open, close] of [['[', ']'], ['{"a":', '}']] as const) {
      const error = budgetErrorOf(() => parseJson(open.repeat(10_000) + '1' + close.repeat(10_000), 'deep.json'));
      expect(error.kind).toBe('depth');
      expect(error.loc?.line).toBe(1);
    }
  });

  it('accepts nesting up to the limit', () => {
    const text = '['.repeat(500) + ']'.repeat(500);
    expect(parseJson(text, 'ok.json').errors).toEqual([]);
  });

  it('rejects files over the size limit', () => {
    const budget = { maxFileSize: 10, maxAliases: 1, maxAliasExpansion: 1, maxDepth: 5, maxResolveSteps: 1 };
    expect(budgetErrorOf(() => parseJson('["' + 'x'.repeat(20) + '"]', 't.json', budget)).kind).toBe('size');
    // Multi-byte characters count in UTF-8 bytes: 6 characters, 14 bytes.
    expect(budgetErrorOf(() => parseJson('"€€€€"', 't.json', budget)).kind).toBe('size');
  });
});

describe('parseJson: agrees with JSON.parse', () => {
  it('on fc.jsonValue() round trips, compact and pretty-printed', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(value, null, pretty ? 2 : undefined);
        const r = parseJson(text, 'p.json');
        expect(r.errors).toEqual([]);
        expect(toPlain(r.root!)).toStrictEqual(JSON.parse(text));
      }),
      { numRuns: 400 },
    );
  });

  it('accepts exactly what JSON.parse accepts on JSON-flavoured random text', () => {
    const token = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"', '1', '-', '0', '.5', 'e3', 'true', 'nul', ' ', '\n', '\\', '"\\u00', '/');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        let expected: boolean;
        try {
          JSON.parse(text);
          expected = true;
        } catch {
          expected = false;
        }
        const r = parseJson(text, 'f.json');
        const empty = text.trim() === '';
        const hasDuplicates = r.errors.some((e) => e.message.startsWith('duplicate key'));
        const accepted = r.errors.length === 0 && (r.root !== undefined || empty);
        if (!hasDuplicates) expect(accepted).toBe(expected || empty);
      }),
      { numRuns: 2000 },
    );
  });
});
