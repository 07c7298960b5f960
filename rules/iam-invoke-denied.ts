import { analyzeSites, grantLocation, grantsBedrockInvoke, statementName, type SiteAnalysis } from '../src/analysis/site.js';
import type { Decision } from '../src/iam/types.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

export const iamInvokeDenied: Rule = {
  meta: {
    id: 'iam-invoke-denied',
    description: "A site's principal is not allowed the Bedrock action it needs on the model it calls",
    defaultSeverity: 'error',
    family: 'iam',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const a of analyzeSites(ctx)) {
      if (a.verdict.kind !== 'denied') continue;
      const { request, decision } = a.verdict;
      // Only an env var says this function calls Bedrock (its code is not in the inputs) and its
      // role has no Bedrock grant at all: likely, not certain — a warning, not a CI-failing error.
      const unsure = a.site.passThrough === 'unscanned' && decision.layer === 'no-allow' && !grantsBedrockInvoke(a.role?.policies ?? []);
      out.push({
        ruleId: 'iam-invoke-denied',
        ...(unsure ? { severity: 'warning' as const } : {}),
        message: `${principalName(a)} is not allowed ${request.action} on ${request.resource} — ${layerText(decision)}${unsure ? ` (only environment variable ${a.site.via[1]?.replace(/^environment /, '') ?? ''} names the model and the function's code is not in the inputs; if the function only passes the ID on, ignore this)` : ''}`,
        loc: grantLocation(a, decision),
        ...(a.role ? { resource: a.role.id } : {}),
        ...(a.site.stack ? { stack: a.site.stack } : {}),
        trace: traceOf(a, decision),
        fix: fixText(decision, request.action, request.resource),
        key: `${request.action} ${request.resource} ${decision.layer ?? ''}`,
      });
    }
    return out;
  },
};

export function principalName(a: SiteAnalysis): string {
  if (a.role) return `role ${a.role.id}`;
  return `principal ${a.site.principalName ?? a.site.file}`;
}

export function traceOf(a: SiteAnalysis, decision?: Decision): string[] {
  const chain = [...a.site.via];
  if (a.role) chain.push(a.role.id);
  if (decision?.deciding) chain.push(`policy ${decision.deciding.policy.name}`);
  else {
    const named = (a.role?.policies ?? a.site.principalPolicies ?? []).filter((p) => !p.managedArn).map((p) => `policy ${p.name}`);
    if (named.length) chain.push(named.join(', '));
  }
  return chain;
}

export function layerText(d: Decision): string {
  switch (d.layer) {
    case 'explicit-deny':
      return `explicitly denied by ${statementName(d)}`;
    case 'boundary':
      return `its permissions boundary${d.deciding ? ` ${d.deciding.policy.name}` : ''} does not allow it`;
    case 'scp':
      return d.deciding && d.deciding.statement.effect === 'Deny' ? `denied by service control policy ${statementName(d)}` : 'no service control policy allows it';
    case 'rcp':
      return 'a resource control policy does not allow it';
    case 'endpoint':
      return 'the VPC endpoint policy on its network path does not allow it (deciding layer: endpoint policy)';
    case 'session':
      return 'the session policy does not allow it';
    case 'condition':
      return `the condition of ${statementName(d)} does not hold`;
    default:
      return 'no statement allows it';
  }
}

export function fixText(d: Decision, action: string, resource: string): string {
  switch (d.layer) {
    case 'explicit-deny':
      return `narrow ${statementName(d)} so it does not deny ${action} on ${resource}`;
    case 'boundary':
      return `add ${action} on ${resource} to the permissions boundary`;
    case 'scp':
      return `ask the organisation administrators to allow ${action} on ${resource} in the service control policy`;
    case 'endpoint':
      return `allow ${action} on ${resource} in the VPC endpoint policy`;
    case 'condition':
      return `make the condition of ${statementName(d)} hold for this call, or allow ${action} on ${resource} without it`;
    default:
      return `allow ${action} on ${resource}`;
  }
}
