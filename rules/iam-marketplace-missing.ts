import { analyzeSites, grantLocation } from '../src/analysis/site.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';
import { principalName, traceOf } from './iam-invoke-denied.js';

export const iamMarketplaceMissing: Rule = {
  meta: {
    id: 'iam-marketplace-missing',
    description: 'A third-party (AWS Marketplace) model is invoked without aws-marketplace:Subscribe/ViewSubscriptions for first-use auto-subscription',
    defaultSeverity: 'warning',
    family: 'iam',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    const seen = new Set<string>();
    for (const a of analyzeSites(ctx)) {
      if (a.marketplace !== 'denied') continue;
      if (a.verdict.kind !== 'allowed' && a.verdict.kind !== 'unknown') continue;
      const key = `${a.role?.id ?? a.site.file}|${a.site.model.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        ruleId: 'iam-marketplace-missing',
        message: `${a.site.model.value} is a third-party model sold through AWS Marketplace; ${principalName(a)} lacks aws-marketplace:Subscribe / aws-marketplace:ViewSubscriptions, so the first call in a fresh account fails with AccessDeniedException`,
        loc: grantLocation(a),
        ...(a.role ? { resource: a.role.id } : {}),
        ...(a.site.stack ? { stack: a.site.stack } : {}),
        trace: traceOf(a),
        fix: 'allow aws-marketplace:Subscribe, aws-marketplace:Unsubscribe and aws-marketplace:ViewSubscriptions (optionally only when aws:CalledViaLast is bedrock.amazonaws.com)',
        key: a.site.model.value,
      });
    }
    return out;
  },
};
