// Counts shared by every format, so text, JSON and JUnit never disagree about totals.
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import type { Finding } from '../types.js';
import type { ReportInput } from './types.js';

export interface Summary {
  /** Files checked. */
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  suppressed: number;
  /** Distinct files holding at least one unsuppressed finding. */
  filesWithFindings: number;
}

export function summarize(input: ReportInput): Summary {
  const s: Summary = { files: input.files, errors: 0, warnings: 0, infos: 0, suppressed: 0, filesWithFindings: 0 };
  const files = new Set<string>();
  for (const f of input.findings) {
    if (f.suppressed) {
      s.suppressed++;
      continue;
    }
    files.add(f.file);
    if (f.severity === 'error') s.errors++;
    else if (f.severity === 'warning') s.warnings++;
    else s.infos++;
  }
  s.filesWithFindings = files.size;
  return s;
}

/** "1 error", "0 warnings", "2 files". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Unsuppressed findings to show, honouring `quiet` (errors only). */
export function visibleFindings(findings: Finding[], quiet: boolean | undefined): Finding[] {
  return findings.filter((f) => !f.suppressed && (!quiet || f.severity === 'error'));
}

/**
 * Load errors the findings do not already report: the engine normally also emits a `parse-error`
 * finding for the same file, and printing both would say the same thing twice.
 */
export function unreportedErrors(input: ReportInput): ReportInput['errors'] {
  const reported = new Set(input.findings.filter((f) => f.ruleId === 'parse-error').map((f) => f.file));
  return input.errors.filter((e) => !reported.has(e.file));
}

/**
 * A finding path (relative to cwd, either separator) made relative to `root`, with forward slashes.
 * Undefined when the file lies outside `root`.
 */
export function pathFromRoot(file: string, cwd: string, root: string): string | undefined {
  const abs = resolve(cwd, file);
  const rel = relative(root, abs);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join(posix.sep);
}

/** Forward slashes, no leading "./". */
export function normalizePath(file: string): string {
  return file.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '');
}
