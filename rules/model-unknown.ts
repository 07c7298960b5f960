import { isKnownRef, mentions, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';

export const modelUnknown: Rule = {
  meta: { id: 'model-unknown', description: 'A model or inference-profile ID that is not in the catalogue (suggests the nearest)', defaultSeverity: 'error', family: 'model' },
  check(ctx) {
    return mentions(ctx)
      .filter((a) => (a.ref.kind === 'model' || a.ref.kind === 'profile') && !isKnownRef(a.ref))
      // A profile of a model that has reached end of life is reported by model-end-of-life.
      .filter((a) => !(a.ref.kind === 'profile' && a.ref.model && ctx.catalog.lifecycle(a.ref.model.id, ctx.date).status === 'eol'))
      .map((a) => {
        const id = a.ref.kind === 'model' || a.ref.kind === 'profile' ? a.ref.id : a.site.model.value;
        const near = ctx.catalog.suggest(id);
        return siteFinding(
          a,
          'model-unknown',
          a.ref.kind === 'profile' && a.ref.model
            ? `${id} is not an inference profile in the catalogue of ${ctx.catalog.date}, although model ${a.ref.model.id} exists${near ? `; did you mean ${near}?` : ''} — the call fails with "The provided model identifier is invalid"`
            : `${id} is not a known Bedrock model or inference profile (catalogue of ${ctx.catalog.date})${near ? `; did you mean ${near}?` : ''} — the call fails with "The provided model identifier is invalid"`,
          near ? `use ${near}` : 'use a model ID from `aws bedrock list-foundation-models`, or pass a fresher capture with --models',
          id,
        );
      });
  },
};
