// Request-body validation (rule request-invalid-body): a located body Node checked against the
// schema of the model it is sent to. Values computed at run time are never judged.
import { validators } from '../../data/request-validators.mjs';
import type { Loc, Node } from '../types.js';
import { inHole, toLocatedJson } from './located-json.js';
import { requestSchemas, schemaForModel } from './schemas.js';
import { toViolations } from './violations.js';

export interface BodyProblem {
  message: string;
  loc: Loc;
  severity: 'error' | 'warning';
  /** Stable text for baselines (no values, no line numbers). */
  key: string;
  fix?: string;
}

export interface ValidateBodyOptions {
  /**
   * The body sits in a Step Functions definition: `.$` keys and `{% %}` strings are run-time values,
   * and the state payload limit (256 KiB) applies.
   */
  asl?: boolean;
}

function bytes(n: number): string {
  return n.toLocaleString('en-US');
}

export function validateBody(modelId: string, body: Node, opts: ValidateBodyOptions = {}): BodyProblem[] {
  const data = toLocatedJson(body, { asl: opts.asl });
  if (inHole('', data.holes)) return [];
  const problems: BodyProblem[] = [];
  const selected = schemaForModel(modelId);
  const owner = selected?.modelId ?? modelId;

  const { limits } = requestSchemas();
  const size = Buffer.byteLength(JSON.stringify(data.value), 'utf8');
  if (size > limits.bodyBytes) {
    problems.push({
      message: `request body is ${bytes(size)} bytes; InvokeModel accepts at most ${bytes(limits.bodyBytes)} bytes`,
      loc: body.loc,
      severity: 'error',
      key: 'size:body',
      fix: 'send large inputs by reference (S3) or reduce the image size',
    });
  }
  if (opts.asl && size > limits.stepFunctionsPayloadBytes) {
    problems.push({
      message: `Step Functions task body is ${bytes(size)} bytes; a state's input or output is limited to ${bytes(limits.stepFunctionsPayloadBytes)} bytes (256 KiB)`,
      loc: body.loc,
      severity: 'error',
      key: 'size:asl',
      fix: 'pass the body through S3 (the task\'s Input/Output S3Uri) instead of inlining it',
    });
  }
  if (!selected) return problems;

  // Precompiled at data-generation time (ajv standalone): no schema compilation at run time.
  const validate = validators[selected.schemaId];
  if (!validate || validate(data.value) || !validate.errors) return problems;
  for (const v of toViolations(validate.errors, data, selected.entry.schema, { subject: 'body field', owner })) {
    problems.push({
      message: v.message,
      loc: v.loc,
      severity: v.unconfirmed ? 'warning' : 'error',
      key: `${selected.modelId} ${v.key}`,
      fix: v.fix,
    });
  }
  return problems;
}
