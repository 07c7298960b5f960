import { analyzeSites, grantLocation } from '../src/analysis/site.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';
import { principalName, traceOf } from './iam-invoke-denied.js';

export const iamInferenceProfileIncomplete: Rule = {
  meta: {
    id: 'iam-inference-profile-incomplete',
    description: 'The inference profile ARN is allowed but a destination-Region (or Region-less global) foundation-model ARN is not',
    defaultSeverity: 'error',
    family: 'iam',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const a of analyzeSites(ctx)) {
      if (a.verdict.kind !== 'profile-incomplete') continue;
      const action = a.site.api === 'stream' ? 'bedrock:InvokeModelWithResponseStream' : 'bedrock:InvokeModel';
      const missing = a.verdict.missing;
      out.push({
        ruleId: 'iam-inference-profile-incomplete',
        message: `${principalName(a)} may call inference profile ${a.site.model.value} but not ${action} on ${missing.length} foundation-model ARN${missing.length === 1 ? '' : 's'} it routes to: ${missing.join(', ')}`,
        loc: grantLocation(a),
        ...(a.role ? { resource: a.role.id } : {}),
        ...(a.site.stack ? { stack: a.site.stack } : {}),
        trace: traceOf(a),
        fix: `also allow ${action} on ${missing.join(', ')} (a foundation-model ARN with a wildcard Region, arn:aws:bedrock:*::foundation-model/<model>, covers every destination and the Region-less global ARN)`,
        key: `${a.site.model.value} ${missing.join(' ')}`,
      });
    }
    return out;
  },
};
