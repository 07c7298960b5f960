import { analyzeSites, grantLocation } from '../src/analysis/site.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';
import { principalName, traceOf } from './iam-invoke-denied.js';

export const iamStreamDenied: Rule = {
  meta: {
    id: 'iam-stream-denied',
    description: 'The site streams (InvokeModelWithResponseStream / ConverseStream) but only bedrock:InvokeModel is allowed',
    defaultSeverity: 'error',
    family: 'iam',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const a of analyzeSites(ctx)) {
      if (a.verdict.kind !== 'stream-denied') continue;
      const { request } = a.verdict;
      out.push({
        ruleId: 'iam-stream-denied',
        message: `${principalName(a)} streams from ${a.site.model.value}${a.site.streamEvidence ? ` (${a.site.streamEvidence})` : ''} but is allowed only bedrock:InvokeModel, not bedrock:InvokeModelWithResponseStream on ${request.resource}`,
        loc: grantLocation(a),
        ...(a.role ? { resource: a.role.id } : {}),
        ...(a.site.stack ? { stack: a.site.stack } : {}),
        trace: traceOf(a),
        fix: `add bedrock:InvokeModelWithResponseStream next to bedrock:InvokeModel (InvokeModelWithResponseStream and ConverseStream are authorized by it)`,
        key: `${a.site.model.value} stream`,
      });
    }
    return out;
  },
};
