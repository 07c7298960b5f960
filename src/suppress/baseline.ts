// Baseline files: a snapshot of accepted findings, so a CI gate can be adopted on a repository that
// already has findings and still fail on new ones.
//
// A finding's fingerprint hashes its rule ID, file, resource and `key` (the stable message text a
// rule provides; without one, the message with line references blanked out). Line and column are
// not part of it, so editing above a finding keeps it baselined, while the same problem in another
// file, or on another resource, is new. Paths in the file are relative to the baseline's own folder,
// so the baseline works whatever directory the linter is started from.
//
// Matching counts: two identical entries accept two identical findings, not three.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, posix, relative, resolve, sep } from 'node:path';
import type { Finding } from '../types.js';

export interface BaselineEntry {
  ruleId: string;
  /** Relative to the baseline file's folder, forward slashes. */
  file: string;
  resource?: string;
  key: string;
  fingerprint: string;
}

export interface Baseline {
  version: 1;
  /** Version of bedrock-lint that wrote it. */
  toolVersion: string;
  entries: BaselineEntry[];
}

/** A loaded baseline and the absolute folder its paths are relative to. */
export interface LoadedBaseline extends Baseline {
  dir: string;
  file: string;
}

export class BaselineError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'BaselineError';
    this.file = file;
  }
}

export interface FingerprintInput {
  ruleId: string;
  file: string;
  resource?: string;
  key?: string;
  message: string;
}

/** The text that identifies a finding within its rule, file and resource. */
export function baselineKey(f: Pick<FingerprintInput, 'key' | 'message'>): string {
  if (f.key !== undefined && f.key !== '') return f.key;
  return f.message
    .replace(/\b(lines?)\s+\d+(?:\s*(?:-|–|to|and)\s*\d+)?/gi, '$1 #')
    .replace(/(\.(?:ya?ml|json|template|tf|toml|asl))(?::\d+){1,2}\b/gi, '$1:#');
}

/** Stable identity of a finding across edits that move it (hex, 32 characters). */
export function fingerprint(f: FingerprintInput): string {
  return hashParts(f.ruleId, normalizeFile(f.file), f.resource ?? '', baselineKey(f));
}

function hashParts(ruleId: string, file: string, resource: string, key: string): string {
  return createHash('sha256').update([ruleId, file, resource, key].join('\0')).digest('hex').slice(0, 32);
}

function normalizeFile(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

/** A finding's path (relative to `cwd`) as seen from the baseline folder. */
function rebase(file: string, cwd: string, dir: string): string {
  return relative(dir, resolve(cwd, file)).split(sep).join(posix.sep);
}

/** Findings still reported (or reported only because a baseline accepted them) are recorded. */
export function createBaseline(
  findings: readonly Finding[],
  opts: { toolVersion: string; cwd: string; dir: string },
): Baseline {
  const entries: BaselineEntry[] = [];
  for (const f of findings) {
    if (f.suppressed && f.suppression?.kind !== 'baseline') continue;
    const file = rebase(f.file, opts.cwd, opts.dir);
    const key = baselineKey(f);
    const entry: BaselineEntry = { ruleId: f.ruleId, file, key, fingerprint: '' };
    if (f.resource !== undefined) entry.resource = f.resource;
    entry.fingerprint = hashParts(f.ruleId, file, f.resource ?? '', key);
    entries.push(entry);
  }
  entries.sort(compareEntries);
  return { version: 1, toolVersion: opts.toolVersion, entries };
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return (
    cmp(a.file, b.file) ||
    cmp(a.ruleId, b.ruleId) ||
    cmp(a.resource ?? '', b.resource ?? '') ||
    cmp(a.key, b.key) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function serializeBaseline(b: Baseline): string {
  const entries = b.entries.map((e) => {
    const o: Record<string, string> = { ruleId: e.ruleId, file: e.file };
    if (e.resource !== undefined) o.resource = e.resource;
    o.key = e.key;
    o.fingerprint = e.fingerprint;
    return o;
  });
  return JSON.stringify({ version: b.version, toolVersion: b.toolVersion, entries }, null, 2) + '\n';
}

export function writeBaseline(
  path: string,
  findings: readonly Finding[],
  opts: { toolVersion: string; cwd?: string },
): void {
  const cwd = opts.cwd ?? process.cwd();
  const abs = resolve(cwd, path);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, serializeBaseline(createBaseline(findings, { toolVersion: opts.toolVersion, cwd, dir: dirname(abs) })));
}

/** Reads and checks a baseline file; throws BaselineError (a usage error) when it is unusable. */
export function readBaseline(path: string, cwd: string = process.cwd()): LoadedBaseline {
  const abs = resolve(cwd, path);
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (e) {
    throw new BaselineError(path, `cannot read the baseline: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return { ...parseBaseline(text, path), dir: dirname(abs), file: abs };
}

export function parseBaseline(text: string, path: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(path, `not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(data) || data.version !== 1 || !Array.isArray(data.entries)) {
    throw new BaselineError(path, 'not a bedrock-lint baseline (expected {"version": 1, "entries": [...]})');
  }
  const entries: BaselineEntry[] = data.entries.map((e: unknown, i: number) => {
    const ok =
      isObject(e) &&
      typeof e.ruleId === 'string' &&
      typeof e.file === 'string' &&
      typeof e.key === 'string' &&
      (e.resource === undefined || typeof e.resource === 'string');
    if (!ok) throw new BaselineError(path, `entry ${i} needs string "ruleId", "file" and "key" (and an optional "resource")`);
    const entry: BaselineEntry = { ruleId: e.ruleId as string, file: e.file as string, key: e.key as string, fingerprint: '' };
    if (typeof e.resource === 'string') entry.resource = e.resource;
    // Recomputed from the fields, so a hand-edited or older-format entry still matches by content.
    entry.fingerprint = hashParts(entry.ruleId, normalizeFile(entry.file), entry.resource ?? '', entry.key);
    return entry;
  });
  return { version: 1, toolVersion: typeof data.toolVersion === 'string' ? data.toolVersion : '', entries };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Marks findings the baseline accepts as suppressed (kind 'baseline'). Findings already suppressed
 * stay as they are and use up no entry. Returns new objects; the input is not modified.
 */
export function applyBaseline(findings: readonly Finding[], baseline: LoadedBaseline, cwd: string = process.cwd()): Finding[] {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) remaining.set(e.fingerprint, (remaining.get(e.fingerprint) ?? 0) + 1);
  const reason = `accepted in baseline ${basename(baseline.file)}`;
  return findings.map((f) => {
    if (f.suppressed) return { ...f };
    const fp = fingerprint({ ...f, file: rebase(f.file, cwd, baseline.dir) });
    const n = remaining.get(fp) ?? 0;
    if (n === 0) return { ...f };
    remaining.set(fp, n - 1);
    return { ...f, suppressed: true, suppression: { kind: 'baseline', reason } };
  });
}
