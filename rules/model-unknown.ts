import { isKnownRef, mentions, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';

export const modelUnknown: Rule = {
  meta: { id: 'model-unknown', description: 'A model or inference-profile ID that is not in the catalogue (suggests the nearest)', defaultSeverity: 'error', family: 'model' },
  check(ctx) {
    return mentions(ctx)
      .filter((a) => (a.ref.kind === 'model' || a.ref.kind === 'profile') && !isKnownRef(a.ref))
      .map((a) => {
        const id = a.ref.kind === 'model' || a.ref.kind === 'profile' ? a.ref.id : a.site.model.value;
        const near = ctx.catalog.suggest(id);
        return siteFinding(
          a,
          'model-unknown',
          `${id} is not a known Bedrock model or inference profile (catalogue of ${ctx.catalog.date})${near ? `; did you mean ${near}?` : ''} — the call fails with "The provided model identifier is invalid"`,
          near ? `use ${near}` : 'use a model ID from `aws bedrock list-foundation-models`, or pass a fresher capture with --models',
          id,
        );
      });
  },
};
