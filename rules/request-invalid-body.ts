import type { Rule } from '../src/rule.js';
import type { Node, RawFinding } from '../src/types.js';
import { validateBody } from '../src/request/validate.js';

export const requestInvalidBody: Rule = {
  meta: {
    id: 'request-invalid-body',
    description: "A request body violates the model's schema: fields, types, ranges, enums, prompt length, 25 MB / 256 KiB limits",
    defaultSeverity: 'error',
    family: 'request',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    // Several sites may share one body (one task seen through two principals): judge it once.
    const seen = new Set<Node>();
    for (const site of ctx.deployment.sites) {
      if (!site.body || seen.has(site.body)) continue;
      seen.add(site.body);
      const problems = validateBody(site.model.value, site.body, { asl: site.source === 'stepfunctions' });
      for (const p of problems) {
        out.push({
          ruleId: 'request-invalid-body',
          message: p.message,
          loc: p.loc,
          ...(site.resource ? { resource: site.resource } : {}),
          ...(site.stack ? { stack: site.stack } : {}),
          trace: site.via,
          ...(p.fix ? { fix: p.fix } : {}),
          key: p.key,
          ...(p.severity === 'warning' ? { severity: 'warning' as const } : {}),
        });
      }
    }
    return out;
  },
};
