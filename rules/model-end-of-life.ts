import { mentions, modelIdOf, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

export const modelEndOfLife: Rule = {
  meta: { id: 'model-end-of-life', description: 'The model has reached end of life (calls fail with ResourceNotFoundException)', defaultSeverity: 'error', family: 'model' },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const a of mentions(ctx)) {
      const id = modelIdOf(a.ref);
      if (!id || !ctx.catalog.model(id)) continue;
      const lc = ctx.catalog.lifecycle(id, ctx.date);
      if (lc.status !== 'eol') continue;
      const lastSeen = ctx.catalog.model(id)?.lastSeen;
      const when = lc.eolDate ? ` on ${lc.eolDate}` : lastSeen ? ` (no Region has listed it since ${lastSeen})` : '';
      out.push(
        siteFinding(
          a,
          'model-end-of-life',
          `${a.site.model.value} reached end of life${when}; calls fail with ResourceNotFoundException${lc.successor ? ` (replacement: ${lc.successor})` : ''}`,
          lc.successor ? `move to ${lc.successor} (check the request body: model families differ)` : 'move to a current model',
          id,
        ),
      );
    }
    return out;
  },
};
