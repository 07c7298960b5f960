// AWS managed policies from the bundled, dated copy (data/managed-policies.json, built by
// data/gen-managed-policies.mjs). Loaded once, on first use: it is ~3 MB and most runs that need
// it need only a handful of policies.
import { readDataJson } from '../data.js';
import type { Loc } from '../types.js';
import { parsePolicyJson } from './parse.js';
import type { PolicyDoc, PolicyKind } from './types.js';

interface ManagedPolicyData {
  date: string;
  source: string;
  policies: Record<string, { arn: string; document: unknown }>;
}

const FILE = 'managed-policies.json';
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
  const known = splitManagedArn((policies[parts.name] as { arn: string }).arn);
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
    const entry = data().policies[name] as { arn: string; document: unknown };
    const loc: Loc = { file: `aws-managed:${name}`, line: 1, column: 1, endLine: 1, endColumn: 1 };
    doc = parsePolicyJson(entry.document, { id: `aws-managed:${name}`, name, kind, managedArn: entry.arn, loc });
    docCache.set(cacheKey, doc);
  }
  return doc;
}

/** Date of the bundled managed-policy data (YYYY-MM-DD) and where it came from. */
export function managedPoliciesDate(): string {
  return data().date;
}

export function managedPoliciesSource(): string {
  return data().source;
}
