import { listRegions, mentions, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

export const regionModelUnavailable: Rule = {
  meta: { id: 'region-model-unavailable', description: 'The model is not offered in the call Region, on demand or through a profile', defaultSeverity: 'error', family: 'region' },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const a of mentions(ctx, { region: true })) {
      if (a.ref.kind !== 'model' || !a.ref.model || !a.callRegion) continue;
      const region = a.ref.arnRegion ?? a.callRegion.value;
      if (ctx.catalog.availability(a.ref.id, region) !== 'unavailable') continue;
      const m = a.ref.model;
      const where = m.regions.length ? listRegions(m.regions) : 'no Region (only through inference profiles)';
      out.push(
        siteFinding(
          a,
          'region-model-unavailable',
          `${a.ref.id} is not offered in ${region} (call Region from ${a.callRegion.source}); it is offered in ${where}`,
          m.onDemandRegions.length
            ? `deploy to ${nearest(m.onDemandRegions, region)}, or call it there: set BEDROCK_REGION=${nearest(m.onDemandRegions, region)} and create the client with that Region`
            : `use an inference profile: ${m.profiles.join(', ') || 'none listed'}`,
          `${a.ref.id} ${region}`,
        ),
      );
    }
    return out;
  },
};

/** A Region of the same geography (us-*, eu-*…) when there is one, else the first. */
function nearest(regions: string[], from: string): string {
  const geo = from.split('-')[0];
  return regions.find((r) => r.split('-')[0] === geo) ?? regions[0]!;
}
