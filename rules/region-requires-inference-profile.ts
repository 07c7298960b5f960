import { mentions, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

export const regionRequiresInferenceProfile: Rule = {
  meta: { id: 'region-requires-inference-profile', description: 'The model is profile-only in the call Region and is called by its bare ID', defaultSeverity: 'error', family: 'region' },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const a of mentions(ctx, { region: true })) {
      if (a.ref.kind !== 'model' || !a.ref.model || !a.callRegion) continue;
      const region = a.ref.arnRegion ?? a.callRegion.value;
      if (ctx.catalog.availability(a.ref.id, region) !== 'profile-only') continue;
      const profiles = ctx.catalog.profilesFor(a.ref.id, region).map((p) => p.id).sort((x, y) => (x.startsWith('global.') ? 1 : 0) - (y.startsWith('global.') ? 1 : 0) || (x < y ? -1 : 1));
      const use = profiles[0];
      out.push(
        siteFinding(
          a,
          'region-requires-inference-profile',
          `${a.ref.id} is reachable in ${region} only through an inference profile; called by its bare ID it fails with "on-demand throughput isn't supported"${use ? ` — use ${use}` : ''}`,
          use ? `use the inference profile ID ${use} (and allow its profile ARN plus the foundation-model ARN in every destination Region)` : 'use an inference profile of this model',
          `${a.ref.id} ${region}`,
        ),
      );
    }
    return out;
  },
};
