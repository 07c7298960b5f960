import { lifecycleMentions, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';

export const modelEndOfLife: Rule = {
  meta: { id: 'model-end-of-life', description: 'The model has reached end of life (calls fail with ResourceNotFoundException)', defaultSeverity: 'error', family: 'model' },
  check(ctx) {
    return lifecycleMentions(ctx, 'eol').map(({ a, id, lc }) => {
      const lastSeen = ctx.catalog.model(id)?.lastSeen;
      const when = lc.eolDate ? ` on ${lc.eolDate}` : lastSeen ? ` (no Region has listed it since ${lastSeen})` : '';
      return siteFinding(
        a,
        'model-end-of-life',
        `${a.site.model.value} reached end of life${when}; calls fail with ResourceNotFoundException${lc.successor ? ` (replacement: ${lc.successor})` : ''}`,
        lc.successor ? `move to ${lc.successor} (check the request body: model families differ)` : 'move to a current model',
        id,
      );
    });
  },
};
