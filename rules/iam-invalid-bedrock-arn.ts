import { userStatements, statementTrace } from '../src/analysis/policies.js';
import { checkBedrockArn } from '../src/iam/arn.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

export const iamInvalidBedrockArn: Rule = {
  meta: {
    id: 'iam-invalid-bedrock-arn',
    description: 'A malformed Bedrock ARN in a policy: account in a foundation-model ARN, profile ID in foundation-model/, bedrock-runtime as service…',
    defaultSeverity: 'error',
    family: 'iam',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const { policy: p, statement: s } of userStatements(ctx.deployment)) {
        for (const r of [...(s.resource ?? []), ...(s.notResource ?? [])]) {
          if (!/^arn:[^:]*:bedrock/.test(r.value)) continue;
          const problem = checkBedrockArn(r.value);
          if (!problem) continue;
          out.push({
            ruleId: 'iam-invalid-bedrock-arn',
            message: `${r.value} is not a valid Bedrock ARN: ${problem.problem} (it matches no request)`,
            loc: r.loc,
            ...(p.owner ? { resource: p.owner } : {}),
            trace: [statementTrace(p, s)],
            fix: problem.fix,
            key: r.value,
          });
        }
    }
    return out;
  },
};
