import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

/** Lambda's reserved environment variables: setting one fails the deployment. */
export const RESERVED_LAMBDA_ENV = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

export const templateReservedEnvVar: Rule = {
  meta: {
    id: 'template-reserved-env-var',
    description: 'A Lambda function sets a reserved environment variable such as AWS_REGION (the deployment fails)',
    defaultSeverity: 'error',
    family: 'template',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const c of ctx.deployment.compute) {
      if (c.kind !== 'lambda') continue;
      for (const e of c.env) {
        if (!RESERVED_LAMBDA_ENV.has(e.name)) continue;
        out.push({
          ruleId: 'template-reserved-env-var',
          message: `${c.id} sets the reserved environment variable ${e.name}; Lambda rejects the function ("Reserved keys used in this request")`,
          loc: e.nameLoc,
          resource: c.id,
          ...(c.stack ? { stack: c.stack } : {}),
          trace: [`${c.id} (${c.type}) → Environment.Variables.${e.name}`],
          fix: e.name === 'AWS_REGION' || e.name === 'AWS_DEFAULT_REGION'
            ? `remove ${e.name} (Lambda sets it to the function's Region); to call Bedrock in another Region use a variable such as BEDROCK_REGION`
            : `remove ${e.name}; Lambda sets it itself`,
          key: e.name,
        });
      }
    }
    return out;
  },
};
