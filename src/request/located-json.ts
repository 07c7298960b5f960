// Turns a located Node tree into plain JSON for ajv, remembering where every value came from and
// which values are unknown ("holes"). Shared by request-body and CloudFormation property validation.
import type { Json, Loc, Node } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import { setOwn } from '../load/node.js';

export interface LocatedValue {
  /** Where the value is written. */
  loc: Loc;
  /** Where its key is written, for map entries. */
  keyLoc?: Loc;
}

export interface LocatedJson {
  value: Json;
  /** JSON Pointer (as ajv's instancePath) → source location. */
  index: Map<string, LocatedValue>;
  /** Pointers of values that cannot be known statically: errors at or below them are not reported. */
  holes: Set<string>;
}

export interface LocatedJsonOptions {
  /**
   * Step Functions semantics: `key.$` keys (JSONPath) and `{% … %}` strings (JSONata) are values
   * computed at run time. The key without `.$` is the field the request will carry.
   */
  asl?: boolean;
  /** false: skip the pointer → location index (a first pass that only needs the value and holes). */
  index?: boolean;
}

/** The value that stands in for an unknown one: every error on it is dropped by pointer. */
const HOLE: Json = null;

const INTRINSIC_KEY = /^(?:Ref|Condition|Fn::[A-Za-z0-9]+)$/;

/** A CloudFormation intrinsic function call (`{ "Fn::Sub": … }`, `{ "Ref": … }`): stands for any value. */
export function isIntrinsic(node: Node): boolean {
  return node.kind === 'map' && node.entries.length === 1 && INTRINSIC_KEY.test(node.entries[0]!.key);
}

/** A JSONata expression string of a Step Functions state. */
export function isJsonata(value: unknown): boolean {
  return typeof value === 'string' && /^\s*\{%[\s\S]*%\}\s*$/.test(value);
}

/** A `${Name}` DefinitionSubstitutions placeholder (`${!Name}` is an escaped literal). */
export function hasPlaceholder(value: string): boolean {
  return /\$\{(?!!)[^}]+\}/.test(value);
}

function isUnknownValue(node: Node, opts: LocatedJsonOptions): boolean {
  if (node.kind === 'unknown') return true;
  if (isIntrinsic(node)) return true;
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    if (node.value.includes(UNKNOWN_MARK)) return true;
    if (opts.asl && (isJsonata(node.value) || hasPlaceholder(node.value))) return true;
  }
  return false;
}

export function escapePointer(key: string): string {
  return key.includes('~') || key.includes('/') ? key.replace(/~/g, '~0').replace(/\//g, '~1') : key;
}

export function unescapePointer(seg: string): string {
  return seg.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** `/text_prompts/0/text` → `text_prompts[0].text` (for messages). */
export function displayPath(pointer: string): string {
  let out = '';
  for (const raw of pointer.split('/').slice(1)) {
    const seg = unescapePointer(raw);
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}


export function toLocatedJson(node: Node, opts: LocatedJsonOptions = {}): LocatedJson {
  const index = new Map<string, LocatedValue>();
  const holes = new Set<string>();
  const withIndex = opts.index !== false;

  const walk = (n: Node, pointer: string, keyLoc: Loc | undefined): Json => {
    if (withIndex) index.set(pointer, keyLoc ? { loc: n.loc, keyLoc } : { loc: n.loc });
    if (isUnknownValue(n, opts)) {
      holes.add(pointer);
      return HOLE;
    }
    switch (n.kind) {
      case 'scalar':
        return n.value;
      case 'seq':
        return n.items.map((item, i) => walk(item, `${pointer}/${i}`, undefined));
      case 'map': {
        const obj: { [k: string]: Json } = {};
        for (const e of n.entries) {
          const dynamicKey = opts.asl && e.key.endsWith('.$') && e.key.length > 2;
          const key = dynamicKey ? e.key.slice(0, -2) : e.key;
          const child = `${pointer}/${escapePointer(key)}`;
          if (dynamicKey) {
            if (withIndex) index.set(child, { loc: e.value.loc, keyLoc: e.keyLoc });
            holes.add(child);
            setOwn(obj, key, HOLE);
          } else {
            setOwn(obj, key, walk(e.value, child, e.keyLoc));
          }
        }
        return obj;
      }
      default:
        return HOLE;
    }
  };

  const value = walk(node, '', undefined);
  return { value, index, holes };
}

/** true when `pointer` is a hole or lies inside one. */
export function inHole(pointer: string, holes: Set<string>): boolean {
  if (holes.size === 0) return false;
  let p = pointer;
  for (;;) {
    if (holes.has(p)) return true;
    if (p === '') return false;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** true when some hole lies at or below `pointer` (a composite rule there may have failed because of it). */
export function containsHole(pointer: string, holes: Set<string>): boolean {
  for (const h of holes) if (h === pointer || h.startsWith(`${pointer}/`)) return true;
  return false;
}

/** The closest located ancestor of a pointer (ajv may point at values we did not index, e.g. coerced ones). */
export function locate(pointer: string, index: Map<string, LocatedValue>): LocatedValue | undefined {
  let p = pointer;
  for (;;) {
    const hit = index.get(p);
    if (hit) return hit;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
