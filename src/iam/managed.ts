// AWS managed policies from the bundled, dated copy (data/managed-policies.jsonl and its index,
// built by data/gen-managed-policies.mjs). The documents are ~3 MB and a run needs a handful, so
// only the small index is parsed; each document is read from its byte range on first use.
import { closeSync, openSync, readSync } from 'node:fs';
import { dataPath, readDataJson } from '../data.js';
import type { Loc } from '../types.js';
import { parsePolicyJson } from './parse.js';
import type { PolicyDoc, PolicyKind } from './types.js';

interface ManagedPolicyData {
  date: string;
  source: string;
  /** Name → [ARN, byte offset, byte length] of its document in managed-policies.jsonl. */
  policies: Record<string, [string, number, number]>;
}

const FILE = 'managed-policies-index.json';
const DOCS = 'managed-policies.jsonl';
const docCache = new Map<string, PolicyDoc>();

function data(): ManagedPolicyData {
  return readDataJson<ManagedPolicyData>(FILE);
}

/** `arn:<partition>:iam::aws:policy/<path/>Name` → { path, name }; partition may still be `${AWS::Partition}`. */
function splitManagedArn(arn: string): { path: string; name: string } | undefined {
  const m = /^arn:[^:]+:iam::aws:policy\/(.*)$/.exec(arn.trim().replace('${AWS::Partition}', 'aws'));
  if (!m) return undefined;
  const rest = m[1] as string;
  const slash = rest.lastIndexOf('/');
  return { path: rest.slice(0, slash + 1), name: rest.slice(slash + 1) };
}

/** Is this the ARN form of an AWS managed policy (`arn:<partition>:iam::aws:policy/…`), existing or not? */
export function isAwsManagedArn(arn: string): boolean {
  return splitManagedArn(arn) !== undefined;
}

/** The managed policy's name when `arnOrName` denotes one that exists (ARN paths must match: `service-role/`). */
export function managedPolicyName(arnOrName: string): string | undefined {
  const policies = data().policies;
  const s = arnOrName.trim();
  if (!s.startsWith('arn:')) return Object.hasOwn(policies, s) ? s : undefined;
  const parts = splitManagedArn(s);
  if (!parts || !Object.hasOwn(policies, parts.name)) return undefined;
  const known = splitManagedArn((policies[parts.name] as [string, number, number])[0]);
  return known && known.path === parts.path ? parts.name : undefined;
}

/**
 * The current default version of an AWS managed policy, by ARN
 * (`arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole`, any partition) or by bare
 * name as SAM accepts it. undefined when no such AWS managed policy exists.
 */
export function managedPolicy(arnOrName: string, kind: PolicyKind = 'identity'): PolicyDoc | undefined {
  const name = managedPolicyName(arnOrName);
  if (name === undefined) return undefined;
  const cacheKey = `${kind} ${name}`;
  let doc = docCache.get(cacheKey);
  if (doc === undefined) {
    const [arn, offset, length] = data().policies[name] as [string, number, number];
    const loc: Loc = { file: `aws-managed:${name}`, line: 1, column: 1, endLine: 1, endColumn: 1 };
    doc = parsePolicyJson(readDocument(offset, length), { id: `aws-managed:${name}`, name, kind, managedArn: arn, loc });
    docCache.set(cacheKey, doc);
  }
  return doc;
}

function readDocument(offset: number, length: number): unknown {
  const fd = openSync(dataPath(DOCS), 'r');
  try {
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, offset);
    return JSON.parse(buf.toString('utf8')) as unknown;
  } finally {
    closeSync(fd);
  }
}

/** Date of the bundled managed-policy data (YYYY-MM-DD). */
export function managedPoliciesDate(): string {
  return data().date;
}

export function managedPoliciesSource(): string {
  return data().source;
}
