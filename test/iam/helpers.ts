// Shared builders for IAM tests: policy documents from plain JSON with a file name for traces.
import { parsePolicyJson } from '../../src/iam/parse.js';
import type { PolicyDoc, PolicyKind } from '../../src/iam/types.js';
import type { Loc } from '../../src/types.js';

export const ACCOUNT = '111122223333';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
export const FM = 'arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0';
export const FM_ID = 'stability.sd3-5-large-v1:0';

let counter = 0;

export function loc(file: string, line = 1): Loc {
  return { file, line, column: 1, endLine: line, endColumn: 1 };
}

/** A policy document as the evaluator sees it; `Version` defaults to 2012-10-17. */
export function pol(json: Record<string, unknown>, kind: PolicyKind = 'identity', name?: string): PolicyDoc {
  const n = name ?? `${kind}${++counter}`;
  const doc = 'Version' in json ? json : { Version: '2012-10-17', ...json };
  return parsePolicyJson(doc, { id: n, name: n, kind, loc: loc(`${n}.json`) });
}

export function allow(action: unknown, resource: unknown = '*', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Allow', Action: action, Resource: resource, ...extra };
}

export function deny(action: unknown, resource: unknown = '*', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Effect: 'Deny', Action: action, Resource: resource, ...extra };
}
