// Loading `.bedrock-lint.yaml`: parse with positions, validate against the schema, resolve paths.
// Every problem becomes a ConfigError carrying file:line:col, which the CLI reports with exit 2.
import { readFileSync, statSync } from 'node:fs';
import { dirname, posix, relative, resolve, sep } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { Loc, SeverityOrOff } from '../types.js';
import { configSchema } from './schema.js';
import { ConfigError, type Config, type ConfigIgnore, type ConfigInvocation, type ConfigProblem, type FailOn } from './types.js';

export interface LoadConfigOptions {
  /** Rule IDs that exist: `rules` keys and `ignore[].rule` naming another ID are errors. */
  knownRules?: readonly string[];
  /** Directory locations (Loc.file) are made relative to; default process.cwd(). */
  cwd?: string;
}

/** The raw, schema-valid shape of the file. */
interface RawConfig {
  region?: string;
  include?: string[];
  exclude?: string[];
  rules?: Record<string, SeverityOrOff>;
  failOn?: FailOn;
  scps?: string[];
  invocations?: { principal: string; model: string; region?: string; stream?: boolean }[];
  models?: string[];
  ignore?: { rule: string; path?: string; resource?: string; reason: string }[];
  baseline?: string;
  maxFileSize?: number;
  parameters?: Record<string, string | number | boolean | (string | number | boolean)[]>;
}

let validator: ValidateFunction | undefined;
function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(configSchema);
  return validator(data) ? [] : (validator.errors ?? []);
}

export function loadConfig(path: string, opts: LoadConfigOptions = {}): Config {
  const cwd = opts.cwd ?? process.cwd();
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    throw new ConfigError(path, [{ line: 1, column: 1, message: `cannot read the configuration (${(e as NodeJS.ErrnoException).code ?? String(e)})` }]);
  }
  return parseConfig(text, path, opts);
}

/** Parses config text; `path` (absolute or relative to cwd) names the file in messages and anchors relative paths. */
export function parseConfig(text: string, path: string, opts: LoadConfigOptions = {}): Config {
  const cwd = opts.cwd ?? process.cwd();
  const file = resolve(cwd, path);
  const dir = dirname(file);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false, strict: true });
  const at = (offset: number): { line: number; column: number } => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const syntax = [...doc.errors, ...doc.warnings].map((e) => ({ ...at(e.pos[0]), message: e.message.split('\n')[0]! }));
  if (syntax.length > 0) throw new ConfigError(path, syntax);

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw new ConfigError(path, [{ line: 1, column: 1, message: (e as Error).message }]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(path, [{ ...at(doc.contents?.range?.[0] ?? 0), message: 'the configuration must be a mapping of keys (region:, rules:, …)' }]);
  }

  const problems = validate(data)
    .filter((e) => !e.schemaPath.includes('/anyOf/') && e.propertyName === undefined)
    .map((e) => schemaProblem(e, doc, at));
  if (problems.length > 0) throw new ConfigError(path, sortProblems(problems));

  const raw = data as RawConfig;
  const locFile = relative(cwd, file).split(sep).join(posix.sep);
  const locOf = (segments: (string | number)[]): Loc => {
    const node = find(doc, segments).node;
    const start = node?.range?.[0] ?? 0;
    // A block collection's range runs past its trailing newline; end at its last character instead.
    let end = node?.range?.[1] ?? 0;
    while (end > start && /\s/.test(text.charAt(end - 1))) end--;
    const s = at(start);
    const e = at(end);
    return { file: locFile, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
  const later: ConfigProblem[] = [];
  const mustExist = (p: string, segments: (string | number)[], what: string): string => {
    const abs = resolve(dir, p);
    if (!isFile(abs)) later.push({ ...startOf(locOf(segments)), message: `${what} ${p} not found (relative to ${dir})` });
    return abs;
  };

  const known = opts.knownRules ? new Set(opts.knownRules) : undefined;
  for (const id of Object.keys(raw.rules ?? {})) {
    if (known && !known.has(id)) later.push({ ...keyPosition(doc, ['rules', id], at), message: `unknown rule ID "${id}"${suggest(id, known)}` });
  }

  const invocations: ConfigInvocation[] = (raw.invocations ?? []).map((inv, i) => {
    const out: ConfigInvocation = { principal: inv.principal, model: inv.model, stream: inv.stream ?? false, loc: locOf(['invocations', i]), modelLoc: locOf(['invocations', i, 'model']) };
    if (inv.region !== undefined) out.region = inv.region;
    if (looksLikeFile(inv.principal)) out.principalFile = mustExist(inv.principal, ['invocations', i, 'principal'], 'policy file');
    return out;
  });

  const ignore: ConfigIgnore[] = (raw.ignore ?? []).map((entry, i) => {
    if (known && !known.has(entry.rule)) {
      later.push({ ...startOf(locOf(['ignore', i, 'rule'])), message: `unknown rule ID "${entry.rule}"${suggest(entry.rule, known)}` });
    }
    const out: ConfigIgnore = { rule: entry.rule, reason: entry.reason.trim(), loc: locOf(['ignore', i]) };
    if (entry.path !== undefined) out.path = entry.path;
    if (entry.resource !== undefined) out.resource = entry.resource;
    return out;
  });

  const config: Config = {
    file,
    dir,
    include: raw.include ?? [],
    exclude: raw.exclude ?? [],
    rules: { ...(raw.rules ?? {}) },
    scps: (raw.scps ?? []).map((p, i) => mustExist(p, ['scps', i], 'SCP file')),
    invocations,
    models: (raw.models ?? []).map((p, i) => mustExist(p, ['models', i], 'models file')),
    ignore,
    parameters: Object.fromEntries(
      Object.entries(raw.parameters ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.map(String) : String(v)]),
    ),
  };
  if (raw.region !== undefined) config.region = raw.region;
  if (raw.failOn !== undefined) config.failOn = raw.failOn;
  if (raw.baseline !== undefined) config.baseline = resolve(dir, raw.baseline);
  if (raw.maxFileSize !== undefined) config.maxFileSize = raw.maxFileSize;
  if (later.length > 0) throw new ConfigError(path, sortProblems(later));
  return config;
}

/** A principal names a policy file when it is not an ARN and has a path separator or a policy-file extension. */
function looksLikeFile(principal: string): boolean {
  if (principal.startsWith('arn:')) return false;
  return /[\\/]/.test(principal) || /\.(json|ya?ml)$/i.test(principal);
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

function startOf(loc: Loc): { line: number; column: number } {
  return { line: loc.line, column: loc.column };
}

function sortProblems(p: ConfigProblem[]): ConfigProblem[] {
  return [...p].sort((a, b) => a.line - b.line || a.column - b.column || (a.message < b.message ? -1 : a.message > b.message ? 1 : 0));
}

// ---------------------------------------------------------------- schema errors → located messages

type At = (offset: number) => { line: number; column: number };

function segmentsOf(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function find(doc: Document, segments: (string | number)[]): { node: YamlNode | undefined; pair: Pair | undefined } {
  let node: unknown = doc.contents;
  let pair: Pair | undefined;
  for (const seg of segments) {
    pair = undefined;
    if (isMap(node)) {
      pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg)) as Pair | undefined;
      node = pair?.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
    } else {
      node = undefined;
    }
    if (node === undefined || node === null) break;
  }
  return { node: (node ?? undefined) as YamlNode | undefined, pair };
}

function valuePosition(doc: Document, segments: (string | number)[], at: At): { line: number; column: number } {
  const { node, pair } = find(doc, segments);
  const range = (node as YamlNode | undefined)?.range ?? (pair?.key as YamlNode | undefined)?.range;
  return at(range?.[0] ?? 0);
}

function keyPosition(doc: Document, segments: (string | number)[], at: At): { line: number; column: number } {
  const { pair } = find(doc, segments);
  const range = (pair?.key as YamlNode | undefined)?.range;
  return range ? at(range[0]) : valuePosition(doc, segments.slice(0, -1), at);
}

function displayPath(segments: (string | number)[]): string {
  let s = '';
  for (const seg of segments) s += typeof seg === 'number' ? `[${seg}]` : s === '' ? seg : `.${seg}`;
  return s === '' ? 'the configuration' : s;
}

const TOP_KEYS = Object.keys(configSchema.properties).join(', ');

function schemaProblem(e: ErrorObject, doc: Document, at: At): ConfigProblem {
  const segs = segmentsOf(e.instancePath);
  const name = displayPath(segs);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = segs.length === 0 ? ` (allowed: ${TOP_KEYS})` : '';
      return { ...keyPosition(doc, [...segs, key], at), message: `unknown key "${key}" in ${name}${allowed}` };
    }
    case 'propertyNames':
      return { ...keyPosition(doc, [...segs, String(p.propertyName)], at), message: `"${String(p.propertyName)}" is not a rule ID (kebab-case, e.g. iam-invoke-denied)` };
    case 'required':
      return { ...valuePosition(doc, segs, at), message: `${name} is missing "${String(p.missingProperty)}"` };
    case 'enum':
      return { ...valuePosition(doc, segs, at), message: `${name} must be one of ${(p.allowedValues as unknown[]).join(', ')}` };
    case 'type':
      return { ...valuePosition(doc, segs, at), message: `${name} must be ${typeName(String(p.type))}` };
    case 'anyOf':
      return { ...valuePosition(doc, segs, at), message: `${name} must be a string, number, boolean or a list of them` };
    case 'pattern': {
      const last = segs[segs.length - 1];
      const message =
        last === 'region'
          ? `${name} is not a Region name (like us-east-1)`
          : last === 'reason'
            ? `${name} must not be empty: say why the finding is acceptable`
            : `${name} is not a rule ID (kebab-case, e.g. iam-invoke-denied)`;
      return { ...valuePosition(doc, segs, at), message };
    }
    case 'minLength':
      return { ...valuePosition(doc, segs, at), message: `${name} must not be empty` };
    case 'minimum':
      return { ...valuePosition(doc, segs, at), message: `${name} must be at least ${String(p.limit)}` };
    default:
      return { ...valuePosition(doc, segs, at), message: `${name} ${e.message ?? 'is invalid'}` };
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    boolean: 'true or false',
    integer: 'a whole number',
    number: 'a number',
  };
  return t
    .split(',')
    .map((x) => names[x] ?? x)
    .join(' or ');
}

/** ", did you mean X?" for the closest known ID within a small edit distance. */
function suggest(id: string, known: Set<string>): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of known) {
    const d = distance(id, k);
    if (d < bestD) [best, bestD] = [k, d];
  }
  return best !== undefined && bestD <= Math.max(2, Math.floor(id.length / 4)) ? `; did you mean "${best}"?` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

