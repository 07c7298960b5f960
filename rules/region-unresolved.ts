import { mentions, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';

export const regionUnresolved: Rule = {
  meta: { id: 'region-unresolved', description: 'The call Region of a site could not be determined; Region checks were skipped', defaultSeverity: 'info', family: 'region' },
  check(ctx) {
    return mentions(ctx, { region: true })
      .filter((a) => !a.callRegion && (a.ref.kind === 'model' || a.ref.kind === 'profile' || a.ref.kind === 'application-profile'))
      .map((a) =>
        siteFinding(
          a,
          'region-unresolved',
          `the Region ${a.site.model.value} is called from is unknown, so Region checks (and Region-dependent permission checks) were skipped`,
          'pass --region, set `region` in .bedrock-lint.yaml, or deploy with samconfig.toml / a CDK stack env',
          a.site.model.value,
        ),
      );
  },
};
