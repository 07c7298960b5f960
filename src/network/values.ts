// Reading resolved property values (located Node trees) as plain strings, numbers, booleans and lists,
// and IPv4 CIDR arithmetic. Unknown values stay visibly unknown (UNKNOWN_MARK in Str.value).
import { UNKNOWN_MARK, type Loc, type Node, type Str } from '../types.js';

export function prop(node: Node | undefined, key: string): Node | undefined {
  if (!node || node.kind !== 'map') return undefined;
  for (const e of node.entries) if (e.key === key) return e.value;
  return undefined;
}

export function propKeyLoc(node: Node | undefined, key: string): Loc | undefined {
  if (!node || node.kind !== 'map') return undefined;
  for (const e of node.entries) if (e.key === key) return e.keyLoc;
  return undefined;
}

/** A value as a located string. A map left over from an unresolved intrinsic counts as unknown. */
export function toStr(node: Node | undefined): Str | undefined {
  if (!node) return undefined;
  switch (node.kind) {
    case 'scalar':
      if (node.value === null) return undefined;
      {
        const value = String(node.value);
        return value.includes(UNKNOWN_MARK) ? { value, loc: node.loc, unknown: 'partly unknown value' } : { value, loc: node.loc };
      }
    case 'unknown':
      // The reason alone (no hint), as the compute builder writes it: refKey compares these texts.
      return { value: UNKNOWN_MARK, loc: node.loc, unknown: node.reason };
    case 'map': {
      const key = node.entries[0]?.key ?? 'expression';
      return { value: UNKNOWN_MARK, loc: node.loc, unknown: `unresolved ${key}` };
    }
    case 'seq':
      return { value: UNKNOWN_MARK, loc: node.loc, unknown: 'a list where a single value was expected' };
  }
}

/** A list of strings; an unknown list becomes a single unknown entry so callers see that something is unknown. */
export function toStrList(node: Node | undefined): Str[] {
  if (!node) return [];
  if (node.kind === 'seq') {
    const out: Str[] = [];
    for (const item of node.items) {
      const s = toStr(item);
      if (s) out.push(s);
    }
    return out;
  }
  const s = toStr(node);
  return s ? [s] : [];
}

export function isUnknown(s: Str | undefined): boolean {
  return s !== undefined && s.value.includes(UNKNOWN_MARK);
}

/** true/false for booleans written as booleans or "true"/"false" strings; 'unknown' for unresolved values. */
export function toBool(node: Node | undefined): boolean | 'unknown' | undefined {
  if (!node) return undefined;
  if (node.kind === 'unknown' || node.kind === 'map') return 'unknown';
  if (node.kind !== 'scalar') return 'unknown';
  const v = node.value;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const l = v.toLowerCase();
    if (l === 'true') return true;
    if (l === 'false') return false;
  }
  return 'unknown';
}

/** An integer written as a number or numeric string; 'unknown' otherwise. */
export function toInt(node: Node | undefined): number | 'unknown' | undefined {
  if (!node || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'scalar') {
    if (typeof node.value === 'number' && Number.isInteger(node.value)) return node.value;
    if (typeof node.value === 'string' && /^-?\d+$/.test(node.value.trim())) return Number(node.value.trim());
  }
  return 'unknown';
}

/** Printable form of a possibly unknown reference, for messages. */
export function show(s: Str | undefined): string {
  if (!s) return '(not set)';
  if (!isUnknown(s)) return s.value;
  return s.value === UNKNOWN_MARK ? `<${s.unknown ?? 'unknown'}>` : s.value.split(UNKNOWN_MARK).join('<?>');
}

/**
 * Identity key of a reference. Two references that both come from the same unresolved value (the
 * same parameter, the same import) name the same thing, so their reason text is part of the key.
 */
export function refKey(s: Str): string {
  return isUnknown(s) ? `${s.value}\u0000${s.unknown ?? ''}` : s.value;
}

// ---- IPv4 CIDR arithmetic --------------------------------------------------------------------

export interface Range {
  start: number;
  end: number;
}

export function parseCidr(text: string): Range | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(text.trim());
  if (!m) return undefined;
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const addr = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
  const size = 2 ** (32 - bits);
  const start = Math.floor(addr / size) * size;
  return { start, end: start + size - 1 };
}

export function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function overlaps(a: Range, b: Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** RFC 1918 and carrier-grade NAT space: Bedrock's public endpoints are never in these. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16'].map(
  (c) => parseCidr(c)!,
);

export function isPrivate(r: Range): boolean {
  return PRIVATE_RANGES.some((p) => contains(p, r));
}

export function isDefaultRoute(r: Range): boolean {
  return r.start === 0 && r.end === 0xffffffff;
}

const PROTOCOL_NUMBERS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };

/**
 * The protocol and port part of a security-group rule, shared by the CloudFormation and Terraform
 * readers: protocol numbers become names ("6" → tcp), unknown ports make the rule's ports unknown.
 */
export function protocolAndPorts(protocolValue: Str | undefined, fromNode: Node | undefined, toNode: Node | undefined) {
  let protocol: string | undefined;
  if (protocolValue && !isUnknown(protocolValue)) {
    const l = protocolValue.value.toLowerCase();
    protocol = PROTOCOL_NUMBERS[l] ?? l;
  }
  const from = toInt(fromNode);
  const to = toInt(toNode);
  return {
    portLoc: fromNode?.loc,
    protocol,
    fromPort: typeof from === 'number' ? from : undefined,
    toPort: typeof to === 'number' ? to : undefined,
    portsUnknown: from === 'unknown' || to === 'unknown',
  };
}
