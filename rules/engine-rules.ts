// Rules whose findings the engine itself produces (they need no pass over the model).
import type { Rule } from '../src/rule.js';

const engineRule = (id: string, description: string, defaultSeverity: Rule['meta']['defaultSeverity'], family: string): Rule => ({
  meta: { id, description, defaultSeverity, family },
  check: () => [],
});

export const parseError = engineRule('parse-error', 'A file could not be read or parsed (exit code 3)', 'error', 'parse');
export const analysisBudgetExceeded = engineRule('analysis-budget-exceeded', 'A size, depth or time budget stopped the analysis of a file', 'info', 'analysis');
export const suppressionUnused = engineRule('suppression-unused', 'A suppression matched no finding', 'warning', 'suppression');
export const suppressionMissingReason = engineRule('suppression-missing-reason', 'A suppression has no reason (it is not applied)', 'error', 'suppression');
