// From raw ajv errors to located, human-worded violations. Shared by request-body validation and
// CloudFormation property validation: both validate a LocatedJson with holes against a JSON Schema.
import type { ErrorObject } from 'ajv';
import type { Loc } from '../types.js';
import { containsHole, displayPath, escapePointer, inHole, locate, unescapePointer, type LocatedJson } from './located-json.js';

export interface Violation {
  message: string;
  fix: string;
  loc: Loc;
  /** Stable text for baselines: keyword and field path, no values. */
  key: string;
  /** The limit is marked `x-unconfirmed` in the schema: report it as a warning at most. */
  unconfirmed: boolean;
}

export interface Wording {
  /** "body field" or "property". */
  subject: string;
  /** Who accepts or rejects: the model ID or the resource type. */
  owner: string;
}

type SchemaObject = { [k: string]: unknown };
const COMPOSITE = new Set(['anyOf', 'oneOf']);

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function branchTypes(branch: SchemaObject): string[] {
  const t = branch.type;
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

function typeMatches(types: string[], actual: string): boolean {
  return types.includes(actual) || (actual === 'integer' && types.includes('number'));
}

function article(t: string): string {
  return t === 'integer' || t === 'object' || t === 'array' ? `an ${t}` : t === 'null' ? 'null' : `a ${t}`;
}

function showValue(v: unknown): string {
  if (typeof v === 'string') return v.length > 60 ? `a string of ${v.length} characters` : JSON.stringify(v);
  if (Array.isArray(v)) return `an array of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}

function list(values: unknown[], max = 20): string {
  const shown = values.slice(0, max).map((v) => JSON.stringify(v));
  return values.length > max ? `${shown.join(', ')}, …` : shown.join(', ');
}

function levenshtein(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** The nearest candidate to a misspelt name, if one is close enough to be a likely typo. */
export function didYouMean(name: string, candidates: string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    let score = levenshtein(lower, cl);
    if (cl === lower) score = 0;
    else if (cl.startsWith(lower) || lower.startsWith(cl)) score = Math.min(score, Math.abs(cl.length - lower.length));
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  // Very short values ("4:3") are near everything: no suggestion for them.
  const limit = name.length < 4 ? 0 : Math.max(2, Math.floor(name.length / 3));
  return best !== undefined && bestScore <= limit && bestScore < name.length ? best : undefined;
}

function rangeText(ps: SchemaObject, unit = ''): string {
  const lo = ps.minimum ?? ps.exclusiveMinimum;
  const hi = ps.maximum ?? ps.exclusiveMaximum;
  const u = unit ? ` ${unit}` : '';
  if (ps.minimum !== undefined && ps.maximum !== undefined) return `${lo} to ${hi}${u}`;
  if (ps.exclusiveMinimum !== undefined && hi === undefined) return `more than ${lo}${u}`;
  if (ps.exclusiveMaximum !== undefined && lo === undefined) return `less than ${hi}${u}`;
  if (lo !== undefined && hi !== undefined) return `${lo} to ${hi}${u} (bounds ${ps.exclusiveMinimum !== undefined ? 'excluded' : 'included'})`;
  if (lo !== undefined) return `at least ${lo}${u}`;
  return `at most ${hi}${u}`;
}

function lengthText(ps: SchemaObject, unit: string): string {
  if (ps.minLength !== undefined && ps.maxLength !== undefined) return `${ps.minLength} to ${ps.maxLength} ${unit}`;
  if (ps.minLength !== undefined) return `at least ${ps.minLength} ${unit}`;
  return `at most ${ps.maxLength} ${unit}`;
}

function itemsText(ps: SchemaObject): string {
  if (ps.minItems !== undefined && ps.maxItems !== undefined) return `${ps.minItems} to ${ps.maxItems} items`;
  if (ps.minItems !== undefined) return `at least ${ps.minItems} item${ps.minItems === 1 ? '' : 's'}`;
  return `at most ${ps.maxItems} items`;
}

const UNCONFIRMED_NOTE = ' (this limit is not confirmed by AWS documentation)';

/** The schema node at an ajv schemaPath (`#/properties/seed/maximum` → the `seed` schema's keyword value). */
function schemaAt(root: SchemaObject, schemaPath: string): unknown {
  let cur: unknown = root;
  for (const raw of schemaPath.replace(/^#\/?/, '').split('/')) {
    if (raw === '') continue;
    const seg = unescapePointer(decodeURIComponent(raw));
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as { [k: string]: unknown })[seg];
  }
  return cur;
}

function parentOf(root: SchemaObject, e: ErrorObject): SchemaObject {
  const parent = schemaAt(root, e.schemaPath.slice(0, e.schemaPath.lastIndexOf('/')));
  return parent !== null && typeof parent === 'object' ? (parent as SchemaObject) : {};
}

function valueAt(value: unknown, pointer: string): unknown {
  let cur = value;
  for (const raw of pointer.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as { [k: string]: unknown })[unescapePointer(raw)];
  }
  return cur;
}

/**
 * Filters ajv errors (compiled with allErrors; schemas without $ref, so every schemaPath is rooted
 * at `root`) against the holes of `data`, resolves composite (anyOf/oneOf) failures to the branch
 * that matches the value's type, and words the rest.
 */
export function toViolations(errors: ErrorObject[], data: LocatedJson, root: SchemaObject, w: Wording): Violation[] {
  const dropped = new Set<ErrorObject>();
  const composites: Array<{ err: ErrorObject; message?: string }> = [];

  // Outer composites first: their decision covers the nested ones.
  const sorted = errors.filter((e) => COMPOSITE.has(e.keyword)).sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const c of sorted) {
    if (dropped.has(c)) continue;
    const prefix = `${c.schemaPath}/`;
    const branches = errors.filter((e) => e.schemaPath.startsWith(prefix));
    const ps = parentOf(root, c);
    if (inHole(c.instancePath, data.holes) || containsHole(c.instancePath, data.holes)) {
      dropped.add(c);
      branches.forEach((e) => dropped.add(e));
      continue;
    }
    const branchSchemas = (Array.isArray(ps[c.keyword]) ? ps[c.keyword] : []) as SchemaObject[];
    const actual = jsonType(valueAt(data.value, c.instancePath));
    const matching = branchSchemas.map((b, i) => ({ i, types: branchTypes(b) })).filter((b) => typeMatches(b.types, actual));
    if (typeof ps['x-message'] !== 'string' && matching.length === 1) {
      // The value's type picks the branch: report that branch's own errors, precise and located.
      const keep = `${prefix}${matching[0]!.i}/`;
      dropped.add(c);
      branches.forEach((e) => {
        if (!e.schemaPath.startsWith(keep)) dropped.add(e);
      });
    } else {
      branches.forEach((e) => dropped.add(e));
      composites.push({ err: c, message: typeof ps['x-message'] === 'string' ? ps['x-message'] : undefined });
    }
  }

  const out: Violation[] = [];
  const seen = new Set<string>();
  const push = (v: Violation): void => {
    const id = `${v.key}\u0000${v.message}`;
    if (seen.has(id)) return;
    seen.add(id);
    out.push(v);
  };

  for (const e of errors) {
    if (dropped.has(e) || e.keyword === 'if') continue;
    const ps = parentOf(root, e);
    const value = valueAt(data.value, e.instancePath);
    const unconfirmedKeywords = Array.isArray(ps['x-unconfirmed']) ? (ps['x-unconfirmed'] as string[]) : [];
    const unconfirmed = unconfirmedKeywords.includes(e.keyword);
    const note = unconfirmed ? UNCONFIRMED_NOTE : '';
    const at = e.instancePath;
    const here = locate(at, data.index);
    if (!here) continue;

    if (COMPOSITE.has(e.keyword)) {
      const c = composites.find((x) => x.err === e);
      const field = displayPath(at);
      const text = c?.message
        ? c.message.replace(/\{model\}|\{owner\}/g, w.owner)
        : `${field ? `${w.subject} "${field}"` : 'the value'} is ${showValue(value)}; ${w.owner} expects ${
            [...new Set((Array.isArray(ps[e.keyword]) ? (ps[e.keyword] as SchemaObject[]) : []).flatMap((b) => branchTypes(b)))].map(article).join(' or ') || 'another form'
          }`;
      push({ message: text + note, fix: c?.message ? 'change the body to satisfy this rule' : 'use one of the accepted forms', loc: here.loc, key: `${e.keyword}:${field}`, unconfirmed });
      continue;
    }

    if (e.keyword === 'additionalProperties') {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const ptr = `${at}/${escapePointer(name)}`;
      const loc = data.index.get(ptr)?.keyLoc ?? here.loc;
      const field = displayPath(ptr);
      const allowed = Object.keys((ps.properties ?? {}) as SchemaObject);
      const near = didYouMean(name, allowed);
      const hint = near ? `; did you mean "${near}"?` : allowed.length && allowed.length <= 25 ? `; accepted: ${allowed.join(', ')}` : '';
      push({
        message: `${w.subject} "${field}" is not accepted by ${w.owner}${hint}${note}`,
        fix: near ? `rename "${name}" to "${near}"` : `remove "${name}"`,
        loc,
        key: `additionalProperties:${field}`,
        unconfirmed,
      });
      continue;
    }

    if (e.keyword === 'required') {
      const name = String((e.params as { missingProperty: string }).missingProperty);
      const ptr = `${at}/${escapePointer(name)}`;
      if (inHole(ptr, data.holes)) continue;
      const field = displayPath(ptr);
      push({
        message: `${w.owner} requires ${w.subject} "${field}"${note}`,
        fix: `add "${name}"${at ? ` to "${displayPath(at)}"` : ''}`,
        loc: here.keyLoc ?? here.loc,
        key: `required:${field}`,
        unconfirmed,
      });
      continue;
    }

    // Value errors: the value itself must be known.
    if (inHole(at, data.holes)) continue;
    if (['not', 'contains', 'dependencies', 'dependentRequired', 'propertyNames'].includes(e.keyword) && containsHole(at, data.holes)) continue;
    const field = displayPath(at);
    const subject = field ? `${w.subject} "${field}"` : 'the body';
    let text: string;
    let fix: string;
    switch (e.keyword) {
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        text = `${subject} is ${showValue(value)}; ${w.owner} accepts ${rangeText(ps)}`;
        fix = `use a value from ${rangeText(ps)}`;
        break;
      case 'minLength':
      case 'maxLength':
        text = `${subject} is ${typeof value === 'string' ? [...value].length : '?'} characters long; ${w.owner} accepts ${lengthText(ps, 'characters')}`;
        fix = e.keyword === 'maxLength' ? `shorten "${field}" to at most ${ps.maxLength} characters` : `lengthen "${field}" to at least ${ps.minLength} characters`;
        break;
      case 'minItems':
      case 'maxItems':
        text = `${subject} has ${Array.isArray(value) ? value.length : '?'} items; ${w.owner} accepts ${itemsText(ps)}`;
        fix = `use ${itemsText(ps)}`;
        break;
      case 'enum': {
        const allowed = Array.isArray(ps.enum) ? (ps.enum as unknown[]) : [];
        const near = typeof value === 'string' ? didYouMean(value, allowed.filter((a): a is string => typeof a === 'string')) : undefined;
        text = `${subject} is ${showValue(value)}; ${w.owner} accepts one of ${list(allowed)}${near ? ` (did you mean "${near}"?)` : ''}`;
        fix = near ? `use "${near}"` : `use one of ${list(allowed, 5)}`;
        break;
      }
      case 'const':
        text = `${subject} is ${showValue(value)}; ${w.owner} accepts only ${JSON.stringify(ps.const)}`;
        fix = `use ${JSON.stringify(ps.const)}`;
        break;
      case 'type': {
        const t = (e.params as { type: string | string[] }).type;
        const types = (Array.isArray(t) ? t : String(t).split(',')).map(article).join(' or ');
        text = `${subject} is ${showValue(value)}; ${w.owner} expects ${types}`;
        fix = `use ${types}`;
        break;
      }
      case 'pattern':
        text = `${subject} is ${showValue(value)}; ${w.owner} expects a value matching ${String(ps.pattern)}`;
        fix = `use a value matching ${String(ps.pattern)}`;
        break;
      default:
        text = `${subject} ${e.message ?? 'is invalid'} (${w.owner})`;
        fix = `correct "${field}"`;
    }
    push({ message: text + note, fix, loc: here.loc, key: `${e.keyword}:${field}`, unconfirmed });
  }
  // Source order (stable): the order in which a reader meets the problems.
  return out.sort((a, b) => a.loc.line - b.loc.line || a.loc.column - b.loc.column);
}

