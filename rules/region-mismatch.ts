import { analyzeSites } from '../src/analysis/site.js';
import { arnRegion } from '../src/model/sites.js';
import type { Rule } from '../src/rule.js';
import type { Loc, RawFinding } from '../src/types.js';

export const regionMismatch: Rule = {
  meta: {
    id: 'region-mismatch',
    description: 'A Bedrock ARN, endpoint service name or region setting names a Region other than the call Region',
    defaultSeverity: 'error',
    family: 'region',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    const push = (f: RawFinding) => {
      const k = `${f.loc.file}|${f.loc.line}|${f.loc.column}|${f.key}`;
      if (seen.has(k)) return;
      seen.add(k);
      out.push(f);
    };
    const dep = ctx.deployment;
    for (const a of analyzeSites(ctx)) {
      if (!a.callRegion) continue;
      const call = a.callRegion.value;
      // 1. Services that call the model in their own Region: agents and knowledge bases.
      if ((a.site.source === 'agent' || a.site.source === 'knowledge-base') && a.site.siteRegion) {
        const stack = dep.stacks.find((s) => s.name === a.site.stack);
        const home = stack?.region?.value ?? ctx.region;
        if (home && home !== a.site.siteRegion.value) {
          push({
            ruleId: 'region-mismatch',
            message: `${a.site.model.value} names ${a.site.siteRegion.value}, but ${a.site.resource} is deployed to ${home}; ${a.site.source === 'agent' ? 'an agent' : 'a knowledge base'} calls its model in its own Region`,
            loc: a.site.model.loc,
            ...(a.site.resource ? { resource: a.site.resource } : {}),
            trace: [a.site.via.join(' → ')],
            fix: `use the ${home} ARN (arn:aws:bedrock:${home}::foundation-model/…), e.g. built with \${AWS::Region}`,
            key: `${a.site.model.value} ${home}`,
          });
        }
      }
      // 2. Grants that name another Region while the call is not covered.
      if (a.verdict.kind !== 'denied' && a.verdict.kind !== 'profile-incomplete') continue;
      const expected = new Set(a.requests.map((r) => arnRegion(r.resource)).filter((x): x is string => !!x));
      expected.add(call);
      const modelPart = a.ref.kind === 'profile' ? a.ref.modelId : a.ref.kind === 'model' ? a.ref.id : undefined;
      for (const p of a.role?.policies ?? a.site.principalPolicies ?? []) {
        if (p.managedArn) continue;
        for (const s of p.statements) {
          if (s.effect !== 'Allow' || !(s.action ?? []).some((x) => /^bedrock:(\*|Invoke)/i.test(x.value))) continue;
          for (const r of s.resource ?? []) {
            const reg = arnRegion(r.value);
            if (!reg || expected.has(reg)) continue;
            if (modelPart && !r.value.includes(modelPart) && !r.value.endsWith('*')) continue;
            push({ ...grantMismatch(r.value, reg, call, a.callRegion.source, r.loc, p.owner ?? a.role?.id), trace: [...a.site.via, ...(a.role ? [a.role.id] : []), `policy ${p.name}`] });
          }
        }
      }
    }
    // 3. VPC endpoints whose service name names another Region than their stack.
    for (const ep of dep.network.endpoints) {
      const m = /^com\.amazonaws\.([a-z0-9-]+)\.bedrock/.exec(ep.serviceName.value);
      if (!m) continue;
      const stack = dep.stacks.find((s) => s.name === ep.stack);
      const home = stack?.region?.value ?? ctx.region;
      if (home && m[1] !== home) {
        push({
          ruleId: 'region-mismatch',
          message: `VPC endpoint ${ep.id} names service ${ep.serviceName.value}, but the VPC is in ${home}; an interface endpoint serves only its own Region`,
          loc: ep.serviceName.loc,
          resource: ep.id,
          fix: `use com.amazonaws.${home}.${ep.serviceName.value.split('.').slice(3).join('.')} (e.g. !Sub com.amazonaws.\${AWS::Region}.bedrock-runtime)`,
          key: ep.serviceName.value,
        });
      }
    }
    return out;
  },
};

function grantMismatch(arn: string, reg: string, call: string, source: string, loc: Loc, resource?: string): RawFinding {
  return {
    ruleId: 'region-mismatch',
    message: `${arn} names ${reg}, but the call is made in ${call} (from ${source}); this grant does not cover it`,
    loc,
    ...(resource ? { resource } : {}),
    fix: `use ${arn.replace(`:${reg}:`, `:${call}:`)} (or \${AWS::Region})`,
    key: arn,
  };
}
