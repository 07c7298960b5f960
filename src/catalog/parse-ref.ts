// Recognising what a model reference names: a bare model ID, a profile ID, or a Bedrock ARN.
// The runtime accepts `arn:aws(-[^:]+)?:bedrock:…` in every partition (facts §1.3), so the
// partition is not checked here; whether the ARN is well-formed is the IAM rules' business.
import { UNKNOWN_MARK } from '../types.js';
import type { ArnPart, ModelEntry, ModelRef, ProfileEntry } from './types.js';

export interface RefLookup {
  model(id: string): ModelEntry | undefined;
  profile(id: string): ProfileEntry | undefined;
  isGeo(prefix: string): boolean;
}

/** Splits "<geo>.<modelId>" when the prefix is a known geography. */
export function splitProfileId(id: string, isGeo: (prefix: string) => boolean): { geo: string; modelId: string } | undefined {
  const dot = id.indexOf('.');
  if (dot <= 0) return undefined;
  const geo = id.slice(0, dot);
  return isGeo(geo) ? { geo, modelId: id.slice(dot + 1) } : undefined;
}

export function parseModelRef(raw: string, lookup: RefLookup): ModelRef {
  const text = raw.trim();
  if (text === '') return { kind: 'unknown-value' };
  if (text.startsWith('arn:')) return parseArn(text, lookup);
  if (text.includes(UNKNOWN_MARK)) return { kind: 'unknown-value' };
  return idRef(text, lookup, {});
}

interface ArnFields {
  arn?: string;
  arnRegion?: string;
  partition?: string;
  account?: string;
  unknownParts?: ArnPart[];
}

function idRef(id: string, lookup: RefLookup, fields: ArnFields): ModelRef {
  const split = splitProfileId(id, (g) => lookup.isGeo(g));
  if (split) return profileRef(id, split.geo, split.modelId, lookup, fields);
  const model = lookup.model(id);
  return { kind: 'model', id, ...(model ? { model } : {}), ...fields };
}

function profileRef(id: string, geo: string, modelId: string, lookup: RefLookup, fields: ArnFields): ModelRef {
  const profile = lookup.profile(id);
  const model = lookup.model(modelId);
  return { kind: 'profile', id, geo, modelId, ...(profile ? { profile } : {}), ...(model ? { model } : {}), ...fields };
}

function parseArn(arn: string, lookup: RefLookup): ModelRef {
  // arn:partition:service:region:account:resource — the resource may itself hold ':' (v1:0).
  const parts = arn.split(':');
  if (parts.length < 6) return arn.includes(UNKNOWN_MARK) ? { kind: 'unknown-value' } : { kind: 'other', arn, service: parts[2] ?? '', resourceType: '' };
  const [, partition = '', service = '', region = '', account = ''] = parts;
  const resource = parts.slice(5).join(':');
  if (service.includes(UNKNOWN_MARK) || resource.includes(UNKNOWN_MARK)) return { kind: 'unknown-value' };
  const slash = resource.indexOf('/');
  const resourceType = slash >= 0 ? resource.slice(0, slash) : resource;
  const resourceId = slash >= 0 ? resource.slice(slash + 1) : '';
  if (service !== 'bedrock' || resourceId === '') return { kind: 'other', arn, service, resourceType };

  const unknownParts: ArnPart[] = [];
  const known = (value: string, part: ArnPart): string | undefined => {
    if (!value.includes(UNKNOWN_MARK)) return value;
    unknownParts.push(part);
    return undefined;
  };
  const fields: ArnFields = { arn };
  const p = known(partition, 'partition');
  const r = known(region, 'region');
  const a = known(account, 'account');
  if (p !== undefined) fields.partition = p;
  if (r !== undefined) fields.arnRegion = r;
  if (a !== undefined) fields.account = a;
  if (unknownParts.length) fields.unknownParts = unknownParts;

  switch (resourceType) {
    case 'foundation-model': {
      // Kept as a model ref even if the ID is a profile ID: that mistake is the IAM rules' to report.
      const model = lookup.model(resourceId);
      return { kind: 'model', id: resourceId, ...(model ? { model } : {}), ...fields };
    }
    case 'inference-profile': {
      const split = splitProfileId(resourceId, (g) => lookup.isGeo(g));
      return profileRef(resourceId, split?.geo ?? '', split?.modelId ?? resourceId, lookup, fields);
    }
    case 'application-inference-profile':
      return { kind: 'application-profile', id: resourceId, ...fields, arn };
    default:
      return { kind: 'other', arn, service, resourceType };
  }
}
