import { listRegions, mentions, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

export const regionProfileUnavailable: Rule = {
  meta: { id: 'region-profile-unavailable', description: "The inference profile's geography is not offered from the source Region (eu. from us-east-1)", defaultSeverity: 'error', family: 'region' },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const a of mentions(ctx, { region: true })) {
      if (a.ref.kind !== 'profile' || !a.ref.profile || !a.callRegion) continue;
      const src = a.ref.arnRegion ?? a.callRegion.value;
      const p = a.ref.profile;
      if (p.sourceRegions.includes(src)) continue;
      const alternatives = ctx.catalog.profilesFor(p.modelId, src).map((x) => x.id);
      out.push(
        siteFinding(
          a,
          'region-profile-unavailable',
          `inference profile ${p.id} cannot be called from ${src} (call Region from ${a.callRegion.source}); its source Regions are ${listRegions(p.sourceRegions)} — the call fails with "The provided model identifier is invalid"`,
          alternatives.length ? `use ${alternatives.join(' or ')} from ${src}` : `call it from one of ${listRegions(p.sourceRegions)}`,
          `${p.id} ${src}`,
        ),
      );
    }
    return out;
  },
};
