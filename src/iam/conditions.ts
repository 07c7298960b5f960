// IAM condition operators, evaluated three-valued against a request context.
// Semantics follow AWS's "IAM JSON policy elements: Condition operators" and "multivalued context
// keys" pages: absent keys, …IfExists, Null, ForAnyValue:/ForAllValues:, negated operators.
import { UNKNOWN_MARK } from '../types.js';
import type { Condition } from './types.js';
import { matchExact, matchGlob, substituteVariables, unescapeLiterals, type VariableLookup } from './match.js';
import { triNot, triOr, triAnd, type Tri } from './tri.js';

type Comparator = (ctx: string, policy: string) => Tri;

interface OperatorInfo {
  /** Operator without prefix and IfExists, canonical spelling, e.g. "StringLike". */
  base: string;
  set?: 'any' | 'all';
  ifExists: boolean;
  /** Negated operators are true when no value matches (and when the key is absent). */
  negated: boolean;
  compare?: Comparator;
}

const NUMERIC: Record<string, (a: number, b: number) => boolean> = {
  Equals: (a, b) => a === b,
  NotEquals: (a, b) => a === b,
  LessThan: (a, b) => a < b,
  LessThanEquals: (a, b) => a <= b,
  GreaterThan: (a, b) => a > b,
  GreaterThanEquals: (a, b) => a >= b,
};

function numberOf(s: string): number {
  const t = s.trim();
  return t === '' ? Number.NaN : Number(t);
}

/** ISO 8601 or epoch seconds, as milliseconds. */
function dateOf(s: string): number {
  const t = s.trim();
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t) * 1000;
  return Date.parse(t);
}

function ordered(parse: (s: string) => number, cmp: (a: number, b: number) => boolean): Comparator {
  return (ctx, policy) => {
    if (ctx.includes(UNKNOWN_MARK) || policy.includes(UNKNOWN_MARK)) return 'unknown';
    const a = parse(ctx);
    const b = parse(unescapeLiterals(policy));
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    return cmp(a, b);
  };
}

/** ArnEquals/ArnLike: each of the six colon-separated components is matched on its own. */
function arnLike(ctx: string, policy: string): Tri {
  if (ctx.includes(UNKNOWN_MARK) || policy.includes(UNKNOWN_MARK)) return matchGlob(policy, ctx, false);
  const c = splitArn(ctx);
  const p = splitArn(policy);
  // A policy value without any colon ("*") is matched as a whole.
  if (p.length === 1) return matchGlob(policy, ctx, false);
  if (c.length !== p.length) return false;
  let r: Tri = true;
  for (let i = 0; i < c.length && r !== false; i++) r = triAnd(r, matchGlob(p[i] as string, c[i] as string, false));
  return r;
}

function splitArn(s: string): string[] {
  const parts = s.split(':');
  return parts.length <= 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(':')];
}

/** The positive comparison behind each operator family (negated ones invert it). */
function comparatorFor(base: string): Comparator | undefined {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
    case 'BinaryEquals':
      return (c, p) => matchExact(p, c, false);
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
    case 'Bool':
      return (c, p) => matchExact(p, c, true);
    case 'StringLike':
    case 'StringNotLike':
      return (c, p) => matchGlob(p, c, false);
    case 'ArnEquals':
    case 'ArnLike':
    case 'ArnNotEquals':
    case 'ArnNotLike':
      return arnLike;
    case 'IpAddress':
    case 'NotIpAddress':
      return ipInCidr;
  }
  for (const family of ['Numeric', 'Date'] as const) {
    if (base.startsWith(family)) {
      const cmp = NUMERIC[base.slice(family.length)];
      if (cmp) return ordered(family === 'Numeric' ? numberOf : dateOf, cmp);
    }
  }
  return undefined;
}

const NEGATED = new Set([
  'StringNotEquals',
  'StringNotEqualsIgnoreCase',
  'StringNotLike',
  'NumericNotEquals',
  'DateNotEquals',
  'NotIpAddress',
  'ArnNotEquals',
  'ArnNotLike',
]);

const KNOWN_BASES = new Map<string, string>();
for (const b of [
  ...NEGATED,
  'StringEquals', 'StringEqualsIgnoreCase', 'StringLike', 'Bool', 'BinaryEquals', 'IpAddress', 'ArnEquals', 'ArnLike', 'Null',
  ...Object.keys(NUMERIC).flatMap((s) => [`Numeric${s}`, `Date${s}`]),
]) {
  KNOWN_BASES.set(b.toLowerCase(), b);
}

const operatorCache = new Map<string, OperatorInfo | undefined>();

/** Parses "ForAnyValue:StringLikeIfExists"; undefined for an operator AWS does not know. */
export function parseOperator(operator: string): OperatorInfo | undefined {
  if (operatorCache.has(operator)) return operatorCache.get(operator);
  let rest = operator.trim();
  let set: OperatorInfo['set'];
  const lower = rest.toLowerCase();
  if (lower.startsWith('foranyvalue:')) {
    set = 'any';
    rest = rest.slice('foranyvalue:'.length);
  } else if (lower.startsWith('forallvalues:')) {
    set = 'all';
    rest = rest.slice('forallvalues:'.length);
  }
  let ifExists = false;
  if (rest.toLowerCase().endsWith('ifexists')) {
    ifExists = true;
    rest = rest.slice(0, -'ifexists'.length);
  }
  const base = KNOWN_BASES.get(rest.toLowerCase());
  let info: OperatorInfo | undefined;
  if (base !== undefined && !(base === 'Null' && (ifExists || set !== undefined))) {
    const compare = comparatorFor(base);
    info = { base, ifExists, negated: NEGATED.has(base), ...(set ? { set } : {}), ...(compare ? { compare } : {}) };
  }
  operatorCache.set(operator, info);
  return info;
}

export interface ConditionEnv {
  lookup: VariableLookup;
  /** Substitute ${…} policy variables in values (Version 2012-10-17 only). */
  variables: boolean;
}

/** Evaluates one operator/key block; values within it are ORed (or NORed for negated operators). */
export function evaluateCondition(cond: Condition, env: ConditionEnv): Tri {
  const op = parseOperator(cond.operator);
  if (op === undefined || cond.key.includes(UNKNOWN_MARK)) return 'unknown';
  const ctx = env.lookup(cond.key.toLowerCase());
  if (ctx === 'unknown') return 'unknown';
  const present = ctx !== undefined && ctx.length > 0;

  if (op.base === 'Null') {
    let r: Tri = false;
    for (const v of cond.values) {
      const want = v.value.trim().toLowerCase();
      if (want.includes(UNKNOWN_MARK)) r = triOr(r, 'unknown');
      else if (want === 'true') r = triOr(r, !present);
      else if (want === 'false') r = triOr(r, present);
    }
    return r;
  }
  if (!present && op.ifExists) return true;
  if (op.set === 'all' && !present) return true;
  if (op.set === 'any' && !present) return false;
  if (!present) return op.negated;

  const policyValues: string[] = [];
  for (const v of cond.values) {
    const s = env.variables ? substituteVariables(v.value, env.lookup) : v.value;
    if (s !== undefined) policyValues.push(s);
  }
  const compare = op.compare as Comparator;
  const one = (c: string): Tri => {
    let any: Tri = false;
    for (const p of policyValues) {
      any = triOr(any, compare(c, p));
      if (any === true) break;
    }
    return op.negated ? triNot(any) : any;
  };
  const values = ctx as string[];
  if (op.set === 'all') {
    let r: Tri = true;
    for (const c of values) if ((r = triAnd(r, one(c))) === false) break;
    return r;
  }
  if (op.set === 'any' || !op.negated) {
    let r: Tri = false;
    for (const c of values) if ((r = triOr(r, one(c))) === true) break;
    return r;
  }
  // Negated operator on a (possibly multivalued) key without a set prefix: true when no
  // context value matches any policy value.
  let r: Tri = true;
  for (const c of values) if ((r = triAnd(r, one(c))) === false) break;
  return r;
}

// ---- IP addresses -------------------------------------------------------------------------------

interface Ip {
  v6: boolean;
  n: bigint;
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseIpv6(s: string): bigint | undefined {
  let text = s;
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.') && lastColon >= 0) {
    const v4 = parseIpv4(text.slice(lastColon + 1));
    if (v4 === undefined) return undefined;
    tail = [v4 >> 16n, v4 & 0xffffn];
    // "::ffff:1.2.3.4" → "::ffff"; "::1.2.3.4" → "::"
    text = text.slice(0, lastColon);
    if (text.endsWith(':')) text += ':';
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0] as string);
  const rest = halves.length === 2 ? group(halves[1] as string) : [];
  const fill = 8 - tail.length - head.length - rest.length;
  if ((halves.length === 2 && fill < 1) || (halves.length === 1 && fill !== 0)) return undefined;
  const words: bigint[] = [];
  for (const g of head) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    words.push(BigInt(`0x${g}`));
  }
  for (let i = 0; i < (halves.length === 2 ? fill : 0); i++) words.push(0n);
  for (const g of rest) {
    if (!/^[0-9a-f]{1,4}$/i.test(g)) return undefined;
    words.push(BigInt(`0x${g}`));
  }
  words.push(...tail);
  if (words.length !== 8) return undefined;
  return words.reduce((acc, w) => (acc << 16n) | w, 0n);
}

function parseIp(s: string): Ip | undefined {
  const t = s.trim();
  if (t.includes(':')) {
    const n = parseIpv6(t);
    return n === undefined ? undefined : { v6: true, n };
  }
  const n = parseIpv4(t);
  return n === undefined ? undefined : { v6: false, n };
}

/** Is context address `ctx` inside policy CIDR `policy` ("10.0.0.0/8", "2001:db8::/32", or a bare address)? */
export function ipInCidr(ctx: string, policy: string): Tri {
  if (ctx.includes(UNKNOWN_MARK) || policy.includes(UNKNOWN_MARK)) return 'unknown';
  const slash = policy.indexOf('/');
  const net = parseIp(slash < 0 ? policy : policy.slice(0, slash));
  const addr = parseIp(ctx.split('/')[0] as string);
  if (net === undefined || addr === undefined || net.v6 !== addr.v6) return false;
  const bits = net.v6 ? 128 : 32;
  const len = slash < 0 ? bits : Number(policy.slice(slash + 1));
  if (!Number.isInteger(len) || len < 0 || len > bits) return false;
  const shift = BigInt(bits - len);
  return net.n >> shift === addr.n >> shift;
}
