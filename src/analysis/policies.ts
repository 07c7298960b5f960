// The statements users wrote (not AWS managed policies, not unknown documents), for policy-text rules.
import type { PolicyDoc, Statement } from '../iam/types.js';
import type { Deployment } from '../model/types.js';

export function* userStatements(dep: Deployment): Generator<{ policy: PolicyDoc; statement: Statement }> {
  for (const policy of dep.policies) {
    if (policy.managedArn || policy.unknown) continue;
    for (const statement of policy.statements) yield { policy, statement };
  }
}

/** "policy P statement "Sid"" / "policy P statement #2", for traces. */
export function statementTrace(policy: PolicyDoc, s: Statement): string {
  return `policy ${policy.name}${s.sid ? ` statement "${s.sid}"` : ` statement #${s.index + 1}`}`;
}
