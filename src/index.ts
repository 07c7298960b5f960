// Library API: `import { lint } from 'bedrock-lint'` returns the same findings as `--format json`.
import { lintSync as engineLintSync, type LintOptions, type LintResult } from './engine.js';
import type { Finding } from './types.js';

/** Findings as the JSON report has them (the internal baseline key is not part of the contract). */
function publicFindings(r: LintResult): LintResult {
  return { ...r, findings: r.findings.map(({ key: _key, ...f }): Finding => f) };
}

/** Synchronous lint (the CDK plugin needs one). */
export function lintSync(opts: LintOptions): LintResult {
  return publicFindings(engineLintSync(opts));
}

export async function lint(opts: LintOptions): Promise<LintResult> {
  return lintSync(opts);
}

export { UsageError, type LintOptions, type LintResult } from './engine.js';
export { formatReport } from './report/index.js';
export { RULES } from '../rules/index.js';
export { VERSION, dataDates } from './version.js';
export type { Finding, Severity, Loc, RuleMeta } from './types.js';
export { evaluate } from './iam/evaluate.js';
export type { Decision, EvalRequest, PolicyDoc, PolicyLayers } from './iam/types.js';
