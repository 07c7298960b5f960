// The shape of a rule: one typed module per rule ID under rules/, registered in rules/index.ts.
import type { Catalog } from './catalog/index.js';
import type { Deployment } from './model/types.js';
import type { RawFinding, RuleMeta } from './types.js';

export interface RuleContext {
  deployment: Deployment;
  catalog: Catalog;
  /** "today" for lifecycle checks, YYYY-MM-DD. */
  date: string;
  /** Deployment region from --region / config, when given. */
  region?: string;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): RawFinding[];
}
