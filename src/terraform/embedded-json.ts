// JSON documents that Terraform stores as strings (IAM policies, Step Functions definitions, ECS
// container definitions), parsed into located trees whose positions point inside the string
// literal in the plan file, so a finding names the exact action or field.
//
// A JSON string literal always sits on one line (newlines are escaped), so a decoded character's
// column is the literal's column plus the width of the escaped text before it. Encoders differ in
// what they escape (Go, which Terraform uses, escapes <, > and &; Python escapes non-ASCII), so
// each convention is tried and kept only when it reproduces the literal's exact width. When none
// does, every node is located at the literal itself.
import { BudgetError } from '../load/budget.js';
import { parseJson } from '../load/json.js';
import type { Loc, MapEntry, Node, ScalarNode } from '../types.js';

interface Escaping {
  html: boolean;
  ascii: boolean;
}

const ESCAPINGS: Escaping[] = [
  { html: false, ascii: false },
  { html: true, ascii: false },
  { html: false, ascii: true },
  { html: true, ascii: true },
];

/** Width in the encoded literal of the UTF-16 code unit at `i`. */
function escapedWidth(text: string, i: number, esc: Escaping): number {
  const c = text.charCodeAt(i);
  if (c === 0x22 || c === 0x5c) return 2;
  if (c < 0x20) return c === 0x08 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d ? 2 : 6;
  if (esc.html && (c === 0x3c || c === 0x3e || c === 0x26 || c === 0x2028 || c === 0x2029)) return 6;
  if (esc.ascii && c > 0x7e) return 6;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return next >= 0xdc00 && next <= 0xdfff ? 1 : 6;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return prev >= 0xd800 && prev <= 0xdbff ? 1 : 6;
  }
  return 1;
}

/** Offsets into the literal's content for each decoded offset (length text.length + 1), or undefined. */
function literalOffsets(text: string, literal: Loc): number[] | undefined {
  if (literal.line !== literal.endLine) return undefined;
  const contentWidth = literal.endColumn - literal.column - 2;
  for (const esc of ESCAPINGS) {
    const offsets = new Array<number>(text.length + 1);
    let acc = 0;
    for (let i = 0; i < text.length; i++) {
      offsets[i] = acc;
      acc += escapedWidth(text, i, esc);
    }
    offsets[text.length] = acc;
    if (acc === contentWidth) return offsets;
  }
  return undefined;
}

/**
 * Parses the JSON text held by a string scalar. undefined when the text is not valid JSON or is
 * over the nesting budget (callers then treat the value as unreadable).
 */
export function parseEmbeddedJson(node: ScalarNode): Node | undefined {
  if (typeof node.value !== 'string') return undefined;
  const text = node.value;
  const literal = node.loc;
  let root: Node | undefined;
  try {
    const res = parseJson(text, literal.file);
    if (res.errors.length) return undefined;
    root = res.root;
  } catch (e) {
    if (e instanceof BudgetError) return undefined;
    throw e;
  }
  if (!root) return undefined;
  const offsets = literalOffsets(text, literal);
  if (!offsets) return relocate(root, () => literal);

  // Decoded (line, column) → decoded offset: parseJson counts lines at "\n" and skips a leading BOM.
  const lineStarts = [text.charCodeAt(0) === 0xfeff ? 1 : 0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 0x0a) lineStarts.push(i + 1);
  const col = (line: number, column: number): number => {
    const offset = Math.min((lineStarts[line - 1] ?? 0) + column - 1, text.length);
    return literal.column + 1 + offsets[offset]!;
  };
  return relocate(root, (l) => ({ file: literal.file, line: literal.line, column: col(l.line, l.column), endLine: literal.line, endColumn: col(l.endLine, l.endColumn) }));
}

function relocate(node: Node, map: (l: Loc) => Loc): Node {
  switch (node.kind) {
    case 'scalar':
      return { ...node, loc: map(node.loc) };
    case 'unknown':
      return { ...node, loc: map(node.loc) };
    case 'seq':
      return { kind: 'seq', items: node.items.map((n) => relocate(n, map)), loc: map(node.loc) };
    case 'map':
      return {
        kind: 'map',
        entries: node.entries.map((e): MapEntry => ({ key: e.key, keyLoc: map(e.keyLoc), value: relocate(e.value, map) })),
        loc: map(node.loc),
      };
  }
}
