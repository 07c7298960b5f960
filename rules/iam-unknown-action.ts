import { userStatements, statementTrace } from '../src/analysis/policies.js';
import { actionExists, suggestAction } from '../src/iam/actions.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';
import { UNKNOWN_MARK } from '../src/types.js';

export const iamUnknownAction: Rule = {
  meta: {
    id: 'iam-unknown-action',
    description: 'A policy names an IAM action that does not exist (bedrock:InvokeModels, bedrock-runtime:InvokeModel, bedrock:Converse…)',
    defaultSeverity: 'error',
    family: 'iam',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const { policy: p, statement: s } of userStatements(ctx.deployment)) {
        for (const a of [...(s.action ?? []), ...(s.notAction ?? [])]) {
          if (a.unknown || a.value.includes(UNKNOWN_MARK) || a.value === '*') continue;
          if (actionExists(a.value) !== false) continue;
          const hint = suggestAction(a.value);
          out.push({
            ruleId: 'iam-unknown-action',
            message: /[*?]/.test(a.value)
              ? `${a.value} matches no IAM action${hint ? `; did you mean ${hint}?` : ''} (it grants nothing)`
              : `${a.value} is not an IAM action${hint ? `; did you mean ${hint}?` : ''} (it grants nothing)`,
            loc: a.loc,
            ...(p.owner ? { resource: p.owner } : {}),
            trace: [statementTrace(p, s)],
            fix: hint ? `replace ${a.value} with ${hint}` : `remove ${a.value} or correct its name`,
            key: a.value,
          });
        }
    }
    return out;
  },
};
