// Library API: `import { lint } from 'bedrock-lint'` returns the same findings as `--format json`.
export { lint, lintSync, UsageError, type LintOptions, type LintResult } from './engine.js';
export { formatReport } from './report/index.js';
export { RULES } from '../rules/index.js';
export { VERSION, dataDates } from './version.js';
export type { Finding, Severity, Loc, RuleMeta } from './types.js';
export { evaluate } from './iam/evaluate.js';
export type { Decision, EvalRequest, PolicyDoc, PolicyLayers } from './iam/types.js';
