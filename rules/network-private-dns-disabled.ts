import { unreachableRule } from '../src/network/unreachable-rule.js';
import { networkFinding, networkVerdicts } from '../src/network/verdicts.js';
import type { Rule } from '../src/rule.js';

const base = unreachableRule(
  {
    id: 'network-private-dns-disabled',
    description: 'The bedrock-runtime endpoint has private DNS off (or cannot have it) and the caller does not set the endpoint URL',
    defaultSeverity: 'error',
    family: 'network',
  },
  'private-dns-disabled',
);

export const networkPrivateDnsDisabled: Rule = {
  meta: base.meta,
  check(ctx) {
    const out = base.check(ctx);
    // Private DNS on, but the VPC lacks DNS hostnames: the endpoint cannot be created with private DNS.
    const seen = new Set<string>();
    for (const v of networkVerdicts(ctx)) {
      if (v.reach.kind !== 'endpoint') continue;
      for (const p of v.reach.problems) {
        if (p.kind !== 'vpc-dns-hostnames' || seen.has(p.resource)) continue;
        seen.add(p.resource);
        out.push(
          networkFinding(base.meta.id, v, p.detail, { resource: p.resource, loc: p.loc, fix: `set EnableDnsHostnames: true (and EnableDnsSupport: true) on VPC ${p.resource}` }, v.reach.evidence),
        );
      }
    }
    return out;
  },
};
