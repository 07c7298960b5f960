import { analyzeSites, type SiteAnalysis } from '../src/analysis/site.js';
import { evaluate, statementLabel } from '../src/iam/evaluate.js';
import { matchGlob } from '../src/iam/match.js';
import type { PolicyDoc, RequestContext } from '../src/iam/types.js';
import type { InvocationSite } from '../src/model/types.js';
import { networkFor } from '../src/network/build.js';
import { endpointOnPath } from '../src/network/reach.js';
import { networkFinding, networkVerdicts } from '../src/network/verdicts.js';
import type { Rule } from '../src/rule.js';
import { UNKNOWN_MARK, type Loc, type RawFinding } from '../src/types.js';

/** The endpoint policy is judged on its own: the identity side is taken as allowing everything. */
function allowAll(loc: Loc): PolicyDoc {
  const any = [{ value: '*', loc }];
  return {
    id: '(allow-all identity)',
    name: 'allow-all identity',
    kind: 'identity',
    loc,
    statements: [{ index: 0, effect: 'Allow', action: any, resource: any, conditions: [], loc }],
  };
}

/** Condition keys the site does not set are unknown, so a condition on them never decides a denial. */
function withUnknownKeys(ctx: RequestContext, policy: PolicyDoc): RequestContext {
  const out: RequestContext = { ...ctx };
  for (const s of policy.statements)
    for (const c of s.conditions) {
      const k = c.key.toLowerCase();
      if (!(k in out)) out[k] = 'unknown';
    }
  return out;
}

/** The Resource of an Allow statement for this action: what to widen when the policy names other models. */
function nearestGrant(policy: PolicyDoc, action: string): Loc | undefined {
  for (const st of policy.statements) {
    if (st.effect !== 'Allow' || !st.action?.some((a) => matchGlob(a.value, action, true) === true)) continue;
    const res = st.resource?.[0] ?? st.notResource?.[0];
    if (res) return res.loc;
  }
  return undefined;
}

export const networkEndpointPolicyDenies: Rule = {
  meta: {
    id: 'network-endpoint-policy-denies',
    description: "The policy of the bedrock-runtime VPC endpoint on the caller's path does not allow the site's action, model or principal",
    defaultSeverity: 'error',
    family: 'network',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    const analyses = new Map<InvocationSite, SiteAnalysis>();
    for (const a of analyzeSites(ctx)) analyses.set(a.site, a);
    const seen = new Set<string>();
    for (const v of networkVerdicts(ctx)) {
      const endpoint = endpointOnPath(v.query, networkFor(ctx.deployment, v.compute.file)).endpoint;
      const policy = endpoint?.policy;
      if (!endpoint || !policy || policy.unknown) continue;
      const layers = { identity: [allowAll(endpoint.loc)], endpoint: [policy] };
      for (const site of v.sites) {
        const a = analyses.get(site);
        if (!a) continue;
        const principalArn = a.role?.arn && !a.role.arn.includes(UNKNOWN_MARK) ? a.role.arn : undefined;
        for (const r of a.requests) {
          const context = withUnknownKeys(
            {
              'aws:securetransport': ['true'],
              'aws:sourcevpce': endpoint.endpointId ? [endpoint.endpointId] : 'unknown',
              'aws:sourcevpc': 'unknown',
              ...r.context,
            },
            policy,
          );
          const d = evaluate({ action: r.action, resource: r.resource, context, ...(principalArn ? { principalArn } : {}) }, layers);
          if (d.verdict !== 'denied') continue;
          const key = `${endpoint.id}\u0000${r.action}\u0000${r.resource}\u0000${principalArn ?? ''}`;
          if (seen.has(key)) break;
          seen.add(key);
          const why =
            d.layer === 'explicit-deny' && d.deciding
              ? `it is denied by ${statementLabel(d.deciding.policy, d.deciding.statement)}`
              : d.layer === 'condition' && d.deciding
                ? `the condition of ${statementLabel(d.deciding.policy, d.deciding.statement)} is false for this call`
                : 'no statement allows it';
          const loc = d.deciding && d.layer === 'explicit-deny' ? d.deciding.statement.loc : nearestGrant(policy, r.action) ?? policy.loc;
          const caller = a.role ? `${v.compute.id} (role ${a.role.id})` : v.compute.id;
          out.push(
            networkFinding(
              'network-endpoint-policy-denies',
              v,
              `the policy of VPC endpoint ${endpoint.id} does not let ${caller} call ${r.action} on ${r.resource}: ${why}`,
              {
                resource: endpoint.id,
                loc,
                fix: `allow ${r.action} on ${r.resource} for the caller's role (or Principal "*") in the PolicyDocument of ${endpoint.id}`,
              },
              [`VPC endpoint ${endpoint.id} on the path → its PolicyDocument`],
              `${v.compute.id} ${endpoint.id} ${r.action} ${r.resource}`,
            ),
          );
          break; // one finding per site: the first request the policy refuses
        }
      }
    }
    return out;
  },
};
