import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';
import { validateProperties } from '../src/cfnschema/validate.js';

export const templateSchema: Rule = {
  meta: {
    id: 'template-schema',
    description: 'A property of a resource type the analysis relies on violates its CloudFormation schema',
    defaultSeverity: 'error',
    family: 'template',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const r of ctx.deployment.resources) {
      for (const p of validateProperties(r.type, r.properties, r.loc)) {
        out.push({
          ruleId: 'template-schema',
          message: p.message,
          loc: p.loc,
          resource: r.id,
          ...(r.stack ? { stack: r.stack } : {}),
          trace: [`${r.id} (${r.type})`],
          fix: p.fix,
          key: p.key,
        });
      }
    }
    return out;
  },
};
