import { lifecycleMentions, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';

export const modelLegacy: Rule = {
  meta: { id: 'model-legacy', description: 'The model is Legacy: it still works but has an end-of-life date', defaultSeverity: 'warning', family: 'model' },
  check(ctx) {
    return lifecycleMentions(ctx, 'legacy').map(({ a, id, lc }) =>
      siteFinding(
        a,
        'model-legacy',
        `${a.site.model.value} is Legacy${lc.eolDate ? ` and reaches end of life on ${lc.eolDate}` : ''}${lc.successor ? `; replacement: ${lc.successor}` : ''}`,
        lc.successor ? `plan the move to ${lc.successor}` : 'plan the move to a current model',
        id,
      ),
    );
  },
};
