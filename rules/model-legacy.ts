import { mentions, modelIdOf, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

export const modelLegacy: Rule = {
  meta: { id: 'model-legacy', description: 'The model is Legacy: it still works but has an end-of-life date', defaultSeverity: 'warning', family: 'model' },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const a of mentions(ctx)) {
      const id = modelIdOf(a.ref);
      if (!id || !ctx.catalog.model(id)) continue;
      const lc = ctx.catalog.lifecycle(id, ctx.date);
      if (lc.status !== 'legacy') continue;
      out.push(
        siteFinding(
          a,
          'model-legacy',
          `${a.site.model.value} is Legacy${lc.eolDate ? ` and reaches end of life on ${lc.eolDate}` : ''}${lc.successor ? `; replacement: ${lc.successor}` : ''}`,
          lc.successor ? `plan the move to ${lc.successor}` : 'plan the move to a current model',
          id,
        ),
      );
    }
    return out;
  },
};
