// User captures (`--models FILE`): JSON output of `aws bedrock list-foundation-models` and
// `aws bedrock list-inference-profiles` for one Region. They are newer than the bundled snapshot,
// so a captured Region's facts replace the catalogue's facts for that Region.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CaptureInfo, ModelEntry, ModelStatus, ProfileEntry } from './types.js';

/** Providers not sold through AWS Marketplace (facts §1.6). */
export const NON_MARKETPLACE_PROVIDERS: ReadonlySet<string> = new Set(['amazon', 'deepseek', 'mistral', 'meta', 'qwen', 'openai']);

interface ModelSummary {
  modelId: string;
  modelArn?: string;
  modelName?: string;
  outputModalities?: string[];
  inferenceTypesSupported?: string[];
  responseStreamingSupported?: boolean;
  lifecycleStatus?: string;
}

interface ProfileSummary {
  inferenceProfileId: string;
  inferenceProfileArn?: string;
  type?: string;
  modelArns: string[];
}

export interface Capture extends CaptureInfo {
  models?: ModelSummary[];
  profiles?: ProfileSummary[];
}

/** The tables a capture can change. Merging works on copies, never on the bundled data. */
export interface Tables {
  models: Map<string, ModelEntry>;
  profiles: Map<string, ProfileEntry>;
  geos: Set<string>;
}

const REGION_IN_TEXT = /(?:^|[^a-z0-9])((?:[a-z]{2}(?:-gov|-iso[a-z]?)?|eusc-[a-z]{2})-[a-z]+-\d+)(?![a-z0-9])/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function arnRegion(arn: unknown): string | undefined {
  if (typeof arn !== 'string' || !arn.startsWith('arn:')) return undefined;
  return arn.split(':')[3];
}

function strings(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

/** Reads one capture file. Throws an Error whose message names the file and the problem. */
export function readCapture(file: string): Capture[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`models file ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`models file ${file}: not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(doc) || (!('modelSummaries' in doc) && !('inferenceProfileSummaries' in doc))) {
    throw new Error(
      `models file ${file}: expected the JSON output of "aws bedrock list-foundation-models" (modelSummaries) or "aws bedrock list-inference-profiles" (inferenceProfileSummaries)`,
    );
  }
  const out: Capture[] = [];
  if ('modelSummaries' in doc) out.push(modelsCapture(file, doc.modelSummaries));
  if ('inferenceProfileSummaries' in doc) out.push(profilesCapture(file, doc.inferenceProfileSummaries));
  return out;
}

function entries(file: string, key: string, v: unknown): Obj[] {
  if (!Array.isArray(v)) throw new Error(`models file ${file}: ${key} must be an array`);
  v.forEach((e, i) => {
    if (!isObj(e)) throw new Error(`models file ${file}: ${key}[${i}] must be an object`);
  });
  return v as Obj[];
}

function captureRegion(file: string, arnRegions: (string | undefined)[]): string {
  const found = [...new Set(arnRegions.filter((r): r is string => !!r))].sort();
  if (found.length > 1) throw new Error(`models file ${file}: entries come from several Regions (${found.join(', ')}); capture one Region per file`);
  if (found.length === 1) return found[0]!;
  const m = REGION_IN_TEXT.exec(basename(file));
  if (m) return m[1]!;
  throw new Error(`models file ${file}: cannot tell its Region: no ARN in its entries and no Region in its file name (name it like models-us-east-1.json)`);
}

function modelsCapture(file: string, raw: unknown): Capture {
  const models = entries(file, 'modelSummaries', raw).map((e, i): ModelSummary => {
    if (typeof e.modelId !== 'string' || e.modelId === '') throw new Error(`models file ${file}: modelSummaries[${i}] has no modelId`);
    const s: ModelSummary = { modelId: e.modelId };
    if (typeof e.modelArn === 'string') s.modelArn = e.modelArn;
    if (typeof e.modelName === 'string') s.modelName = e.modelName;
    const outs = strings(e.outputModalities);
    if (outs) s.outputModalities = outs;
    const types = strings(e.inferenceTypesSupported);
    if (types) s.inferenceTypesSupported = types;
    if (typeof e.responseStreamingSupported === 'boolean') s.responseStreamingSupported = e.responseStreamingSupported;
    if (isObj(e.modelLifecycle) && typeof e.modelLifecycle.status === 'string') s.lifecycleStatus = e.modelLifecycle.status;
    return s;
  });
  return { file, kind: 'models', region: captureRegion(file, models.map((m) => arnRegion(m.modelArn))), models };
}

function profilesCapture(file: string, raw: unknown): Capture {
  const profiles = entries(file, 'inferenceProfileSummaries', raw).map((e, i): ProfileSummary => {
    if (typeof e.inferenceProfileId !== 'string' || e.inferenceProfileId === '') {
      throw new Error(`models file ${file}: inferenceProfileSummaries[${i}] has no inferenceProfileId`);
    }
    if (!Array.isArray(e.models)) throw new Error(`models file ${file}: inferenceProfileSummaries[${i}].models must be an array`);
    const modelArns = e.models.map((m: unknown) => (isObj(m) && typeof m.modelArn === 'string' ? m.modelArn : undefined)).filter((a): a is string => !!a);
    const s: ProfileSummary = { inferenceProfileId: e.inferenceProfileId, modelArns };
    if (typeof e.inferenceProfileArn === 'string') s.inferenceProfileArn = e.inferenceProfileArn;
    if (typeof e.type === 'string') s.type = e.type;
    return s;
  });
  // The profile ARN carries the source Region; the model ARNs inside are destinations.
  return { file, kind: 'profiles', region: captureRegion(file, profiles.map((p) => arnRegion(p.inferenceProfileArn))), profiles };
}

const sortedUnique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
const without = (xs: string[], r: string): string[] => xs.filter((x) => x !== r);

function modalityOf(outputs: string[] | undefined): string {
  const o = (outputs ?? []).map((x) => x.toUpperCase());
  if (o.includes('IMAGE')) return 'image';
  if (o.includes('VIDEO')) return 'video';
  if (o.includes('EMBEDDING')) return 'embedding';
  if (o.includes('SPEECH') || o.includes('AUDIO')) return 'speech';
  return 'text';
}

function newModel(id: string): ModelEntry {
  const provider = id.includes('.') ? id.slice(0, id.indexOf('.')).toLowerCase() : id.toLowerCase();
  return {
    id,
    provider,
    modality: 'text',
    status: 'ACTIVE',
    regions: [],
    onDemandRegions: [],
    profileOnlyRegions: [],
    streaming: null,
    marketplace: !NON_MARKETPLACE_PROVIDERS.has(provider),
    profiles: [],
  };
}

function applyModels(t: Tables, cap: Capture): void {
  const r = cap.region;
  for (const [id, m] of t.models) {
    if (m.regions.includes(r)) {
      t.models.set(id, { ...m, regions: without(m.regions, r), onDemandRegions: without(m.onDemandRegions, r), profileOnlyRegions: without(m.profileOnlyRegions, r) });
    }
  }
  for (const s of cap.models ?? []) {
    const types = s.inferenceTypesSupported ?? [];
    const onDemand = types.includes('ON_DEMAND');
    // Provisioned-only entries (IDs like …:0:8k) are not invocable on demand: the bundled table
    // leaves them out too.
    if (!onDemand && !types.includes('INFERENCE_PROFILE')) continue;
    const existing = t.models.get(s.modelId);
    const m: ModelEntry = existing ? { ...existing } : { ...newModel(s.modelId), modality: modalityOf(s.outputModalities), ...(s.modelName ? { name: s.modelName } : {}) };
    m.regions = sortedUnique([...m.regions, r]);
    if (onDemand) m.onDemandRegions = sortedUnique([...m.onDemandRegions, r]);
    else m.profileOnlyRegions = sortedUnique([...m.profileOnlyRegions, r]);
    if (s.responseStreamingSupported !== undefined) m.streaming = s.responseStreamingSupported;
    // The lifecycle table (EOL dates) outranks ListFoundationModels, which has kept listing
    // retiring models as ACTIVE (facts §3.4); otherwise the newer capture wins.
    const status = s.lifecycleStatus as ModelStatus | undefined;
    if ((status === 'ACTIVE' || status === 'LEGACY') && m.status !== 'EOL' && !(m.status === 'LEGACY' && m.eolDate)) m.status = status;
    t.models.set(m.id, m);
  }
}

function applyProfiles(t: Tables, cap: Capture): void {
  const r = cap.region;
  for (const [id, p] of t.profiles) {
    if (!p.sourceRegions.includes(r)) continue;
    const destinationsBySource = { ...p.destinationsBySource };
    delete destinationsBySource[r];
    t.profiles.set(id, { ...p, sourceRegions: without(p.sourceRegions, r), destinationsBySource });
  }
  for (const s of cap.profiles ?? []) {
    if (s.type === 'APPLICATION') continue; // account-specific, named by ARN
    const id = s.inferenceProfileId;
    const dot = id.indexOf('.');
    const modelIds = sortedUnique(s.modelArns.map((a) => a.slice(a.indexOf('/') + 1)));
    const modelId = modelIds.length === 1 ? modelIds[0]! : id.slice(dot + 1);
    if (dot <= 0 || `${id.slice(0, dot)}.${modelId}` !== id) continue; // not a "<geo>.<model>" profile
    const geo = id.slice(0, dot);
    t.geos.add(geo);
    const regions = s.modelArns.map((a) => arnRegion(a));
    const dests = sortedUnique(regions.filter((x): x is string => !!x));
    const regionless = regions.some((x) => x === '');
    const old = t.profiles.get(id);
    const p: ProfileEntry = old
      ? { ...old, sourceRegions: sortedUnique([...old.sourceRegions, r]), destinationsBySource: { ...old.destinationsBySource, [r]: dests } }
      : { id, geo, modelId, sourceRegions: [r], destinationsBySource: { [r]: dests } };
    if (regionless) p.regionless = true;
    t.profiles.set(id, p);
    const m = t.models.get(modelId) ?? newModel(modelId);
    if (!m.profiles.includes(id)) t.models.set(modelId, { ...m, profiles: sortedUnique([...m.profiles, id]) });
  }
}

/** After a profiles capture for Region r: a model is profile-only in r exactly when a profile reaches it from r. */
function reconcileProfileRegion(t: Tables, r: string): void {
  for (const [id, m] of t.models) {
    const reachable = m.profiles.some((pid) => t.profiles.get(pid)?.sourceRegions.includes(r));
    const onDemand = m.onDemandRegions.includes(r);
    if (reachable && !onDemand && !m.profileOnlyRegions.includes(r)) {
      t.models.set(id, { ...m, regions: sortedUnique([...m.regions, r]), profileOnlyRegions: sortedUnique([...m.profileOnlyRegions, r]) });
    } else if (!reachable && m.profileOnlyRegions.includes(r)) {
      t.models.set(id, { ...m, regions: without(m.regions, r), profileOnlyRegions: without(m.profileOnlyRegions, r) });
    }
  }
}

/** Merges captures into copies of the tables: all model lists first, then all profile lists. */
export function mergeCaptures(base: Tables, captures: Capture[]): Tables {
  const t: Tables = { models: new Map(base.models), profiles: new Map(base.profiles), geos: new Set(base.geos) };
  for (const c of captures) if (c.kind === 'models') applyModels(t, c);
  const profileRegions = new Set<string>();
  for (const c of captures) {
    if (c.kind !== 'profiles') continue;
    applyProfiles(t, c);
    profileRegions.add(c.region);
  }
  // Profiles left with no source Region no longer exist anywhere we know of.
  for (const [id, p] of t.profiles) {
    if (p.sourceRegions.length > 0) continue;
    t.profiles.delete(id);
    const m = t.models.get(p.modelId);
    if (m) t.models.set(m.id, { ...m, profiles: without(m.profiles, id) });
  }
  for (const r of profileRegions) reconcileProfileRegion(t, r);
  return t;
}
