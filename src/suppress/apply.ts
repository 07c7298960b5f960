// Applying suppressions to findings, and reporting the suppressions themselves:
// - a suppression without a reason is not applied and yields `suppression-missing-reason` (error);
// - a suppression with a reason that hides nothing yields `suppression-unused` (warning), once per
//   rule ID of it that matched nothing;
// - `suppression-*` findings can never be suppressed (a suppression cannot silence its own report);
// - when several suppressions cover a finding, the first one (in the order given) is recorded as
//   its suppression, and all of them count as used.
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { Finding, RawFinding } from '../types.js';
import { matchesGlob } from '../util/glob.js';
import type { Suppression } from './types.js';

export interface SuppressionResult {
  /** The findings, copied, with `suppressed`/`suppression` set on the ones a suppression covers. */
  findings: Finding[];
  /** suppression-missing-reason and suppression-unused findings, for the engine to add. */
  extra: RawFinding[];
}

export function applySuppressions(findings: readonly Finding[], sups: readonly Suppression[]): SuppressionResult {
  const extra: RawFinding[] = [];
  const active: { s: Suppression; used: Set<string>; any: boolean }[] = [];
  for (const s of sups) {
    if (s.reason === undefined || s.reason.trim() === '') extra.push(missingReason(s));
    else active.push({ s, used: new Set(), any: false });
  }
  const out = findings.map((f): Finding => {
    if (f.suppressed || f.ruleId.startsWith('suppression-')) return { ...f };
    let result: Finding = { ...f };
    for (const a of active) {
      if (!matches(a.s, f)) continue;
      a.used.add(f.ruleId);
      a.any = true;
      if (!result.suppressed) result = { ...f, suppressed: true, suppression: { kind: a.s.kind, reason: a.s.reason! } };
    }
    return result;
  });
  for (const a of active) {
    const unused = a.s.rules.length === 0 ? (a.any ? [] : ['']) : a.s.rules.filter((r) => !a.used.has(r));
    for (const rule of unused) extra.push(unusedFinding(a.s, rule));
  }
  return { findings: out, extra };
}

function matches(s: Suppression, f: Finding): boolean {
  if (s.rules.length > 0 && !s.rules.includes(f.ruleId)) return false;
  switch (s.kind) {
    case 'comment':
      return samePath(f.file, s.loc.file) && (s.scope === 'file' || f.line === s.targetLine);
    case 'metadata':
      return samePath(f.file, s.loc.file) && (f.resource === s.resource || (s.span !== undefined && inside(f, s.span)));
    case 'config':
      return (s.resource === undefined || f.resource === s.resource) && (s.path === undefined || pathMatches(f.file, s.dir, s.cwd, s.path));
  }
}

function normalize(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}

function samePath(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}

function inside(f: Finding, span: Suppression['loc']): boolean {
  const afterStart = f.line > span.line || (f.line === span.line && f.column >= span.column);
  const beforeEnd = f.line < span.endLine || (f.line === span.endLine && f.column < span.endColumn);
  return afterStart && beforeEnd;
}

/** `file` (relative to `cwd`) against a glob relative to `dir`; files outside `dir` never match. */
function pathMatches(file: string, dir: string, cwd: string, glob: string): boolean {
  const rel = relative(dir, resolve(cwd, file)).split(sep).join(posix.sep);
  if (rel === '' || rel === '..' || rel.startsWith('../') || isAbsolute(rel)) return false;
  return matchesGlob(rel, glob);
}

function ruleList(s: Suppression): string {
  return s.rules.length > 0 ? s.rules.join(', ') : 'all rules';
}

function what(s: Suppression): string {
  switch (s.kind) {
    case 'comment':
      return s.scope === 'file' ? 'file-level suppression comment' : 'next-line suppression comment';
    case 'metadata':
      return `metadata ignore entry of ${s.resource}`;
    case 'config':
      return 'config ignore entry';
  }
}

function missingReason(s: Suppression): RawFinding {
  const example =
    s.kind === 'comment'
      ? `write the reason after " -- ": # bedrock-lint-disable-${s.scope} ${s.rules.join(',') || '<rule-id>'} -- <why this is acceptable>`
      : 'add `reason: <why this is acceptable>` to the entry';
  const f: RawFinding = {
    ruleId: 'suppression-missing-reason',
    message: `${what(s)} for ${ruleList(s)} has no reason, so it is not applied`,
    loc: s.loc,
    fix: example,
    key: `${what(s)} ${ruleList(s)}`,
  };
  if (s.kind === 'metadata') f.resource = s.resource;
  return f;
}

function unusedFinding(s: Suppression, rule: string): RawFinding {
  const target = rule === '' ? 'any rule' : rule;
  const where =
    s.kind === 'comment'
      ? s.scope === 'file'
        ? 'in this file'
        : `on line ${s.targetLine}`
      : s.kind === 'metadata'
        ? `on ${s.resource}`
        : 'anywhere';
  const f: RawFinding = {
    ruleId: 'suppression-unused',
    message: `${what(s)} for ${target} matches no finding ${where}`,
    loc: s.loc,
    fix: s.rules.length > 1 ? `remove ${target} from the suppression` : 'remove the suppression',
    key: `${what(s)} ${target}`,
  };
  if (s.kind === 'metadata') f.resource = s.resource;
  return f;
}
