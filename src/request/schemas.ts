// Which request-body schema applies to a model reference (model ID, profile ID or ARN), read from
// the generated data/request-schemas.json.
import { readDataJson } from '../data.js';
import { UNKNOWN_MARK } from '../types.js';

export interface RequestSchemaEntry {
  title: string;
  source: string;
  sourceDate: string;
  schema: { [k: string]: unknown };
}

export interface RequestSchemasFile {
  date: string;
  limits: { bodyBytes: number; stepFunctionsPayloadBytes: number };
  schemas: { [id: string]: RequestSchemaEntry };
  models: { [modelId: string]: string };
  families: Array<{ pattern: string; schema: string }>;
}

export interface SelectedSchema {
  /** Key into `schemas`, used to cache compiled validators. */
  schemaId: string;
  /** The underlying foundation-model ID the body is checked for. */
  modelId: string;
  entry: RequestSchemaEntry;
}

export function requestSchemas(): RequestSchemasFile {
  return readDataJson<RequestSchemasFile>('request-schemas.json');
}

const GEO_PREFIX = /^(?:us|us-gov|eu|apac|jp|au|ca|in|global)\.(?=[a-z0-9-]+\.)/;
const BEDROCK_ARN = /^arn:[^:]*:bedrock:[^:]*:[^:]*:([a-z-]+)\/(.+)$/;

/**
 * The foundation-model ID behind a reference: ARNs of foundation models and system inference
 * profiles are reduced to their ID, and the geographic prefix of a profile ID is dropped.
 * Undefined when the model cannot be known (application profiles, custom models, unknown parts).
 */
export function underlyingModelId(ref: string): string | undefined {
  let id = ref.trim();
  const arn = BEDROCK_ARN.exec(id);
  if (arn) {
    const [, type, rest] = arn;
    if (type !== 'foundation-model' && type !== 'inference-profile') return undefined;
    id = rest!;
  } else if (id.startsWith('arn:')) {
    return undefined;
  }
  id = id.replace(GEO_PREFIX, '');
  if (id === '' || id.includes(UNKNOWN_MARK)) return undefined;
  return id;
}

/** The schema for a model reference, or undefined when no schema is known for it. */
export function schemaForModel(ref: string): SelectedSchema | undefined {
  const modelId = underlyingModelId(ref);
  if (!modelId) return undefined;
  const data = requestSchemas();
  let schemaId = Object.prototype.hasOwnProperty.call(data.models, modelId) ? data.models[modelId] : undefined;
  if (!schemaId) schemaId = data.families.find((f) => new RegExp(f.pattern).test(modelId))?.schema;
  const entry = schemaId ? data.schemas[schemaId] : undefined;
  return schemaId && entry ? { schemaId, modelId, entry } : undefined;
}
