// Limits that keep loading and resolving bounded on hostile or accidental input
// (alias bombs, absurd nesting, huge files, exponential string building).
// Exhausting one throws BudgetError; callers report it as `analysis-budget-exceeded`.

import type { Loc } from '../types.js';

export interface Budget {
  /** Largest input accepted, in UTF-8 bytes. */
  maxFileSize: number;
  /** YAML alias (`*name`) resolutions per document. */
  maxAliases: number;
  /** Nodes produced by expanding aliases, in total per document. */
  maxAliasExpansion: number;
  /** Nesting depth of maps and sequences. */
  maxDepth: number;
  /** Steps (nodes visited plus characters produced) the intrinsic resolver may spend per resolve context. */
  maxResolveSteps: number;
  /** Wall time, in milliseconds, the analysis of one template may take before it is abandoned. */
  maxTemplateMs: number;
}

export const defaultBudget: Readonly<Budget> = Object.freeze({
  maxFileSize: 10 * 1024 * 1024,
  maxAliases: 1000,
  maxAliasExpansion: 100_000,
  maxDepth: 500,
  maxResolveSteps: 5_000_000,
  maxTemplateMs: 20_000,
});

export type BudgetKind = 'size' | 'aliases' | 'depth' | 'work' | 'time';

export class BudgetError extends Error {
  readonly kind: BudgetKind;
  readonly loc?: Loc;
  constructor(kind: BudgetKind, message: string, loc?: Loc) {
    super(message);
    this.name = 'BudgetError';
    this.kind = kind;
    if (loc) this.loc = loc;
  }
}

/** Throws BudgetError('size') when `text` is larger than the budget allows (in UTF-8 bytes). */
export function checkFileSize(text: string, file: string, budget: Budget): void {
  // A UTF-16 length above the limit is always over; three bytes per unit is the UTF-8 worst case.
  if (text.length * 3 <= budget.maxFileSize) return;
  const bytes = text.length > budget.maxFileSize ? text.length : Buffer.byteLength(text, 'utf8');
  if (bytes > budget.maxFileSize) {
    throw new BudgetError(
      'size',
      `${file} is larger than the ${budget.maxFileSize}-byte file size limit; raise it with --max-file-size`,
      { file, line: 1, column: 1, endLine: 1, endColumn: 1 },
    );
  }
}
