// A small report shared by the formatter tests: findings in two files, every severity, one
// suppressed finding, trace and fix, and the source text the text format quotes.
import type { ReportInput } from '../../src/report/types.js';
import type { Finding, RuleMeta } from '../../src/types.js';

export const rules: RuleMeta[] = [
  { id: 'iam-invoke-denied', description: 'The principal is not allowed to invoke the model.', defaultSeverity: 'error', family: 'iam' },
  { id: 'model-legacy', description: 'The model is Legacy.', defaultSeverity: 'warning', family: 'model' },
  { id: 'template-unresolved', description: 'A value the analysis needs could not be resolved.', defaultSeverity: 'info', family: 'template' },
  { id: 'region-mismatch', description: 'An ARN names another Region.', defaultSeverity: 'error', family: 'region' },
];

function finding(f: Partial<Finding> & Pick<Finding, 'ruleId' | 'severity' | 'message' | 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>): Finding {
  return { trace: [], suppressed: false, ...f };
}

export const legacy = finding({
  ruleId: 'model-legacy',
  severity: 'warning',
  message: 'ai21.jamba-1-5-large-v1:0 is Legacy and reaches end of life on 2026-11-26',
  file: 'stacks/app.json',
  line: 3,
  column: 17,
  endLine: 3,
  endColumn: 44,
  resource: 'ClauseFn',
  fix: 'move to amazon.nova-pro-v1:0',
});

export const denied = finding({
  ruleId: 'iam-invoke-denied',
  severity: 'error',
  message:
    'role ImageFnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0 — no statement allows it',
  file: 'template.yaml',
  line: 42,
  column: 11,
  endLine: 42,
  endColumn: 31,
  resource: 'ImageFnRole',
  stack: 'ImageStack',
  trace: ['ImageFn (AWS::Lambda::Function)', 'ImageFnRole', 'policy ImageFnRolePolicy'],
  fix: 'allow bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0',
  key: 'ImageFnRole bedrock:InvokeModel stability.sd3-5-large-v1:0',
});

export const unresolved = finding({
  ruleId: 'template-unresolved',
  severity: 'info',
  message: 'MODEL_ID comes from Fn::ImportValue platform-ModelId; pass it with parameters: in .bedrock-lint.yaml',
  file: 'template.yaml',
  line: 50,
  column: 17,
  endLine: 51,
  endColumn: 9,
  resource: 'ImageFn',
});

export const suppressedMismatch = finding({
  ruleId: 'region-mismatch',
  severity: 'error',
  message: 'the grant names us-east-1 but the call is made from us-west-2',
  file: 'template.yaml',
  line: 60,
  column: 9,
  endLine: 60,
  endColumn: 20,
  resource: 'ImageFnRole',
  suppressed: true,
  suppression: { kind: 'comment', reason: 'replicated model, see OPS-12' },
});

export const sources: Record<string, string> = {
  'stacks/app.json': ['{', '  "Env": {', '    "MODEL_ID": "ai21.jamba-1-5-large-v1:0",', '  }', '}'].join('\n'),
  'template.yaml': Array.from({ length: 62 }, (_, i) => {
    if (i + 1 === 42) return '        - bedrock:InvokeModels';
    if (i + 1 === 50) return '      MODEL_ID: !ImportValue platform-ModelId';
    if (i + 1 === 51) return '        # next';
    if (i + 1 === 60) return '        Resource: arn:aws:bedrock:us-east-1::foundation-model/x';
    return `# line ${i + 1}`;
  }).join('\r\n'),
};

export function makeInput(over: Partial<ReportInput> = {}): ReportInput {
  return {
    findings: [legacy, denied, unresolved, suppressedMismatch],
    errors: [],
    files: 3,
    version: '0.1.0',
    data: { models: '2026-08-21', iam: '2026-09-26', managedPolicies: '2026-09-16' },
    rules,
    cwd: '/repo',
    ...over,
  };
}
