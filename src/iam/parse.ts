// Turning a located policy document (a Node tree from any loader, or plain JSON such as an AWS
// managed policy) into a PolicyDoc. Lenient by design: shapes AWS would reject are skipped here and
// reported by schema rules; values that cannot be known are kept as UNKNOWN_MARK.
import { UNKNOWN_MARK, type Loc, type MapNode, type Node, type Str } from '../types.js';
import type { Condition, PolicyDoc, PolicyKind, PrincipalSpec, Statement } from './types.js';

export interface PolicyMeta {
  id: string;
  name: string;
  kind: PolicyKind;
  owner?: string;
  managedArn?: string;
}

function get(map: MapNode, key: string): Node | undefined {
  for (const e of map.entries) if (e.key === key) return e.value;
  return undefined;
}

function describe(node: Node): string {
  if (node.kind === 'unknown') return node.reason;
  if (node.kind === 'map') return `unresolved value${node.entries[0] ? ` (${node.entries[0].key})` : ''}`;
  return 'unresolved value';
}

/** A scalar as a Str; unknown and unresolved nodes become UNKNOWN_MARK with their reason. */
function toStr(node: Node): Str | undefined {
  if (node.kind === 'scalar') {
    if (node.value === null) return undefined;
    const value = String(node.value);
    const s: Str = { value, loc: node.loc };
    if (value.includes(UNKNOWN_MARK)) s.unknown = 'partly unresolved value';
    return s;
  }
  return { value: UNKNOWN_MARK, loc: node.loc, unknown: describe(node) };
}

/** String or list of strings (a list item that is itself unknown stays one unknown Str). */
function toStrList(node: Node): Str[] {
  if (node.kind === 'seq') {
    const out: Str[] = [];
    for (const item of node.items) {
      const s = item.kind === 'seq' ? undefined : toStr(item);
      if (s) out.push(s);
      else if (item.kind === 'seq') out.push(...toStrList(item));
    }
    return out;
  }
  const s = toStr(node);
  return s ? [s] : [];
}

function parsePrincipal(node: Node): PrincipalSpec {
  const spec: PrincipalSpec = { any: false, entries: {}, loc: node.loc };
  if (node.kind === 'scalar') {
    if (String(node.value).trim() === '*') spec.any = true;
    else spec.entries['AWS'] = toStrList(node);
    return spec;
  }
  if (node.kind !== 'map') {
    spec.entries['AWS'] = toStrList(node);
    return spec;
  }
  for (const e of node.entries) {
    const values = toStrList(e.value);
    spec.entries[e.key] = values;
    if (e.key === 'AWS' && values.some((v) => v.value.trim() === '*')) spec.any = true;
  }
  return spec;
}

function parseConditions(node: Node): Condition[] {
  if (node.kind !== 'map') {
    // The whole Condition block is unknown: an operator we cannot know makes the statement unknown.
    return [{ operator: UNKNOWN_MARK, key: UNKNOWN_MARK, values: [], loc: node.loc }];
  }
  const out: Condition[] = [];
  for (const opEntry of node.entries) {
    const block = opEntry.value;
    if (block.kind !== 'map') {
      out.push({ operator: opEntry.key, key: UNKNOWN_MARK, values: [], loc: opEntry.keyLoc });
      continue;
    }
    for (const keyEntry of block.entries) {
      out.push({ operator: opEntry.key, key: keyEntry.key, values: toStrList(keyEntry.value), loc: keyEntry.keyLoc });
    }
  }
  return out;
}

function parseStatement(node: MapNode, index: number): Statement | 'unknown' | undefined {
  const effectNode = get(node, 'Effect');
  if (effectNode === undefined) return undefined;
  if (effectNode.kind !== 'scalar') return 'unknown';
  const effect = effectNode.value;
  if (typeof effect === 'string' && effect.includes(UNKNOWN_MARK)) return 'unknown';
  if (effect !== 'Allow' && effect !== 'Deny') return undefined;
  const st: Statement = { index, effect, conditions: [], loc: node.loc };
  const sid = get(node, 'Sid');
  if (sid?.kind === 'scalar' && sid.value !== null) st.sid = String(sid.value);
  const fields = [
    ['Action', 'action'],
    ['NotAction', 'notAction'],
    ['Resource', 'resource'],
    ['NotResource', 'notResource'],
  ] as const;
  for (const [key, field] of fields) {
    const v = get(node, key);
    if (v !== undefined) st[field] = toStrList(v);
  }
  const principal = get(node, 'Principal');
  if (principal) st.principal = parsePrincipal(principal);
  const notPrincipal = get(node, 'NotPrincipal');
  if (notPrincipal) st.notPrincipal = parsePrincipal(notPrincipal);
  const condition = get(node, 'Condition');
  if (condition) st.conditions = parseConditions(condition);
  return st;
}

/** Builds a PolicyDoc from a located policy document node. */
export function parsePolicyNode(node: Node, meta: PolicyMeta): PolicyDoc {
  const doc: PolicyDoc = { ...meta, loc: node.loc, statements: [] };
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    // Some properties (VPC endpoint PolicyDocument) accept the policy as a JSON string.
    let parsed: unknown;
    try {
      parsed = JSON.parse(node.value);
    } catch {
      doc.unknown = 'policy document is a string that is not valid JSON';
      return doc;
    }
    return parsePolicyJson(parsed, { ...meta, loc: node.loc });
  }
  if (node.kind !== 'map') {
    doc.unknown = node.kind === 'unknown' ? node.reason : 'policy document is not an object';
    return doc;
  }
  const version = get(node, 'Version');
  if (version?.kind === 'scalar' && version.value !== null) doc.version = String(version.value);
  const statementNode = get(node, 'Statement');
  if (statementNode === undefined) return doc;
  const items: Node[] = statementNode.kind === 'seq' ? statementNode.items : [statementNode];
  const unknownParts: string[] = [];
  items.forEach((item, index) => {
    if (item.kind !== 'map') {
      if (item.kind === 'unknown' || item.kind === 'seq') unknownParts.push(describe(item));
      return;
    }
    const st = parseStatement(item, index);
    if (st === 'unknown') unknownParts.push(`Effect of statement ${index} is unresolved`);
    else if (st) doc.statements.push(st);
  });
  if (unknownParts.length > 0) doc.unknown = unknownParts.join('; ');
  return doc;
}

/** A plain JSON value as a Node tree where every node carries the same location. */
function jsonToNode(value: unknown, loc: Loc): Node {
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => jsonToNode(v, loc)), loc };
  if (value !== null && typeof value === 'object') {
    return {
      kind: 'map',
      entries: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, keyLoc: loc, value: jsonToNode(v, loc) })),
      loc,
    };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return { kind: 'scalar', value, loc };
  }
  return { kind: 'unknown', reason: 'unsupported value', loc };
}

/** Builds a PolicyDoc from plain JSON (e.g. an AWS managed policy) located at `meta.loc`. */
export function parsePolicyJson(value: unknown, meta: PolicyMeta & { loc: Loc }): PolicyDoc {
  const { loc, ...rest } = meta;
  if (typeof value === 'string') return parsePolicyNode({ kind: 'scalar', value, loc }, rest);
  return parsePolicyNode(jsonToNode(value, loc), rest);
}
