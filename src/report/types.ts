// What every formatter receives. Formatters take this and nothing else (no file system, no engine):
// the engine has already sorted the findings and set their severity and suppression.
import type { Finding, RuleMeta } from '../types.js';

/** Dates (YYYY-MM-DD) of the bundled data, as `--version` prints them. */
export interface DataDates {
  models: string;
  iam: string;
  managedPolicies: string;
  [k: string]: string;
}

/** A file that could not be used at all (also reported as a `parse-error` finding by the engine). */
export interface ReportError {
  file: string;
  message: string;
}

export interface ReportInput {
  /** Sorted (file, line, column, rule id), with severity and `suppressed` set. */
  findings: Finding[];
  errors: ReportError[];
  /** Number of files checked. */
  files: number;
  /** Paths of the files checked (relative to cwd), when known: JUnit lists clean files as passing tests. */
  checkedFiles?: string[];
  /** bedrock-lint version. */
  version: string;
  data: DataDates;
  /** The rule table (one entry per rule ID): feeds the SARIF rules array. */
  rules: RuleMeta[];
  /** Absolute directory that finding paths are relative to. */
  cwd: string;
}

export type ReportFormat = 'text' | 'json' | 'sarif' | 'github' | 'junit';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'sarif', 'github', 'junit'];

export interface ReportOptions {
  /** Text only: ANSI colours (see `colorEnabled`). Default false. */
  color?: boolean;
  /** Text and github: print error findings only (and, in text, no summary when there are none). */
  quiet?: boolean;
  /**
   * Text only: the source text of a finding's file (path as in the finding), for snippets.
   * Called at most once per file; may return undefined; exceptions are swallowed.
   */
  readSource?: (file: string) => string | undefined;
  /**
   * SARIF and github: absolute repository root that artifact paths are made relative to
   * (the folder holding `.git`). Default: `cwd`.
   */
  repoRoot?: string;
}
