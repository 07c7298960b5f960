// Wildcard matching for IAM values (actions, resources, StringLike/ArnLike values) with
// three-valued results. A pattern or value may hold UNKNOWN_MARK where part of it could not be
// resolved; the mark behaves like `*` for a loose match, and a loose match is only ever "unknown".
import { UNKNOWN_MARK } from '../types.js';
import type { Tri } from './tri.js';

/** Stand-ins for a literal `*` / `?` (from `${*}`, `${?}` or a substituted variable value). */
export const LIT_STAR = '\uE000';
export const LIT_QMARK = '\uE001';

const regexCache = new Map<string, RegExp>();

function escapeChar(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

/**
 * Compiles a glob once per (pattern, mode). `strictMark` makes `?` and literals refuse the
 * UNKNOWN_MARK of a value, so only a `*` can absorb an unknown part (used to prove coverage).
 */
function globRegExp(pattern: string, ignoreCase: boolean, strictMark: boolean): RegExp {
  const key = `${ignoreCase ? 'i' : 's'}${strictMark ? '!' : ' '}${pattern}`;
  let re = regexCache.get(key);
  if (re === undefined) {
    let src = '^';
    for (const c of pattern) {
      if (c === '*' || c === UNKNOWN_MARK) src += '[^]*';
      else if (c === '?') src += strictMark ? '[^\\uFFFF]' : '[^]';
      else if (c === LIT_STAR) src += '\\*';
      else if (c === LIT_QMARK) src += '\\?';
      else src += escapeChar(c);
    }
    src += '$';
    re = new RegExp(src, ignoreCase ? 'iu' : 'u');
    regexCache.set(key, re);
  }
  return re;
}

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?') || s.includes(UNKNOWN_MARK);
}

export function unescapeLiterals(s: string): string {
  return s.includes(LIT_STAR) || s.includes(LIT_QMARK) ? s.replaceAll(LIT_STAR, '*').replaceAll(LIT_QMARK, '?') : s;
}

/**
 * Does glob `pattern` match `value`? `*` matches any run of characters (also empty), `?` exactly
 * one. A mark in the pattern makes a successful match unknown; a mark in the value is unknown
 * unless a `*` of the pattern is sure to absorb it.
 */
export function matchGlob(pattern: string, value: string, ignoreCase: boolean): Tri {
  const patternUnknown = pattern.includes(UNKNOWN_MARK);
  if (!value.includes(UNKNOWN_MARK)) {
    if (!hasWildcard(pattern)) {
      const p = unescapeLiterals(pattern);
      return ignoreCase ? p.toLowerCase() === value.toLowerCase() : p === value;
    }
    if (!globRegExp(pattern, ignoreCase, false).test(value)) return false;
    return patternUnknown ? 'unknown' : true;
  }
  if (!patternUnknown && globRegExp(pattern, ignoreCase, true).test(value)) return true;
  return globsIntersect(pattern, value, ignoreCase) ? 'unknown' : false;
}

/** Exact (non-glob) comparison where either side may hold marks: false, true, or unknown. */
export function matchExact(expected: string, value: string, ignoreCase: boolean): Tri {
  if (!expected.includes(UNKNOWN_MARK) && !value.includes(UNKNOWN_MARK)) {
    const e = unescapeLiterals(expected);
    return ignoreCase ? e.toLowerCase() === value.toLowerCase() : e === value;
  }
  // Both sides as globs whose only wildcard is the mark.
  const esc = (s: string) => unescapeLiterals(s).replaceAll('*', LIT_STAR).replaceAll('?', LIT_QMARK);
  return globsIntersect(esc(expected), esc(value), ignoreCase) ? 'unknown' : false;
}

type Tok = { kind: 'star' } | { kind: 'one' } | { kind: 'ch'; c: string };

function tokens(s: string, globSyntax: boolean, ignoreCase: boolean): Tok[] {
  const out: Tok[] = [];
  for (const raw of s) {
    const c = ignoreCase ? raw.toLowerCase() : raw;
    if (c === UNKNOWN_MARK || (globSyntax && c === '*')) out.push({ kind: 'star' });
    else if (globSyntax && c === '?') out.push({ kind: 'one' });
    else out.push({ kind: 'ch', c: c === LIT_STAR ? '*' : c === LIT_QMARK ? '?' : c });
  }
  return out;
}

/**
 * Is there a string both match? `a` is a policy glob (`*`, `?`, marks); `b` is a value whose only
 * wildcards are marks. Product-automaton reachability over (position in a, position in b).
 */
export function globsIntersect(a: string, b: string, ignoreCase: boolean): boolean {
  const ta = tokens(a, true, ignoreCase);
  const tb = tokens(b, false, ignoreCase);
  const n = ta.length;
  const m = tb.length;
  const seen = new Uint8Array((n + 1) * (m + 1));
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number) => {
    const k = i * (m + 1) + j;
    if (seen[k] === 0) {
      seen[k] = 1;
      stack.push(k);
    }
  };
  while (stack.length > 0) {
    const k = stack.pop() as number;
    const i = Math.floor(k / (m + 1));
    const j = k % (m + 1);
    if (i === n && j === m) return true;
    const x = i < n ? ta[i] : undefined;
    const y = j < m ? tb[j] : undefined;
    if (x?.kind === 'star') push(i + 1, j);
    if (y?.kind === 'star') push(i, j + 1);
    if (x === undefined || y === undefined) continue;
    if (x.kind === 'star' && y.kind !== 'star') push(i, j + 1);
    else if (y.kind === 'star' && x.kind !== 'star') push(i + 1, j);
    else if (x.kind === 'one' || y.kind === 'one' || (x.kind === 'ch' && y.kind === 'ch' && x.c === y.c)) push(i + 1, j + 1);
  }
  return false;
}

/** Context lookup used for policy variables: values, 'unknown', or undefined when absent. */
export type VariableLookup = (lowerKey: string) => string[] | 'unknown' | undefined;

/**
 * Substitutes `${key}` policy variables (2012-10-17 documents only; callers decide). Returns
 * undefined when a variable has no value and no default: such a value never matches. Substituted
 * text is literal (its `*`/`?` do not act as wildcards); an unknown value becomes UNKNOWN_MARK.
 */
export function substituteVariables(text: string, lookup: VariableLookup): string | undefined {
  if (!text.includes('${')) return text;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) {
      out += text.slice(i);
      break;
    }
    const end = text.indexOf('}', start + 2);
    if (end < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, start);
    const inner = text.slice(start + 2, end).trim();
    i = end + 1;
    if (inner === '*') out += LIT_STAR;
    else if (inner === '?') out += LIT_QMARK;
    else if (inner === '$') out += '$';
    else {
      const comma = inner.indexOf(',');
      const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
      const defMatch = comma < 0 ? null : /^\s*'([^']*)'\s*$/.exec(inner.slice(comma + 1));
      const v = lookup(name.toLowerCase());
      if (v === 'unknown') out += UNKNOWN_MARK;
      else if (v !== undefined && v.length === 1) out += literal(v[0] as string);
      else if (defMatch) out += literal(defMatch[1] as string);
      else return undefined;
    }
  }
  return out;
}

function literal(s: string): string {
  return s.replaceAll('*', LIT_STAR).replaceAll('?', LIT_QMARK);
}
