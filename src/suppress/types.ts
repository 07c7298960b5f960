// Suppressions: where a user accepted a finding, and why. Every form must carry a reason; one
// without is reported (suppression-missing-reason) and not applied, and one that matches nothing
// is reported (suppression-unused).
import type { Loc } from '../types.js';

interface SuppressionBase {
  /** Rule IDs it accepts; empty means every rule (except suppression-* findings, which no suppression hides). */
  rules: string[];
  /** Why; undefined when the user gave none. */
  reason?: string;
  /** Where the suppression itself is written: suppression-* findings point here. */
  loc: Loc;
}

/** `# bedrock-lint-disable-next-line <ids> -- reason`: findings that start on `targetLine` of `loc.file`. */
export interface NextLineSuppression extends SuppressionBase {
  kind: 'comment';
  scope: 'next-line';
  targetLine: number;
}

/** `# bedrock-lint-disable-file <ids> -- reason`: every finding in `loc.file`. */
export interface FileSuppression extends SuppressionBase {
  kind: 'comment';
  scope: 'file';
}

/** `Metadata: { bedrock-lint: { ignore: [...] } }` of resource `resource` in `loc.file`. */
export interface MetadataSuppression extends SuppressionBase {
  kind: 'metadata';
  resource: string;
  /** The resource's whole definition: findings located inside it are covered too. */
  span?: Loc;
}

/** A config `ignore` entry. */
export interface ConfigSuppression extends SuppressionBase {
  kind: 'config';
  /**
   * Glob over finding paths, relative to `dir` (see util/glob.ts: a pattern without a slash matches
   * a base name anywhere; a directory matches everything under it). Absent: every file.
   */
  path?: string;
  /** Absolute folder the glob is relative to (the config's folder). */
  dir: string;
  /** Absolute directory finding paths are relative to. */
  cwd: string;
  resource?: string;
}

export type Suppression = NextLineSuppression | FileSuppression | MetadataSuppression | ConfigSuppression;
