#!/usr/bin/env node
// Builds data/catalog.json (the model catalogue every model/region rule reads) and
// data/catalog-meta.json (just its dates, so `--version` never parses the catalogue) from the
// dated reference copies in data/sources/. Offline and deterministic: same sources, same bytes.
//
//   node data/gen-catalog.mjs           write both files
//   node data/gen-catalog.mjs --check   exit 1 if the checked-in files are out of date
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));
const MODELS_FILE = 'sources/bedrock-models.json';
const FACTS_FILE = 'sources/bedrock-facts.md';

// Providers whose models are not sold through AWS Marketplace (facts §1.6, product-ID page).
const NON_MARKETPLACE_PROVIDERS = new Set(['amazon', 'deepseek', 'mistral', 'meta', 'qwen', 'openai']);

// Replacements for retired models. The reference names no official successor, so each entry is
// an inference from the reference (same product, newer version listed as ACTIVE) and is flagged
// unconfirmed: it may appear in a fix text, never decide a finding.
const SUCCESSORS = {
  'stability.stable-image-core-v1:0': ['stability.stable-image-core-v1:1', 'facts §3.1: Stable Image Core v1:1 is the ACTIVE Core model; v1:0 is EOL'],
  'stability.stable-image-ultra-v1:0': ['stability.stable-image-ultra-v1:1', 'facts §3.1: Stable Image Ultra v1:1 is the ACTIVE Ultra model; v1:0 is EOL'],
  'stability.sd3-large-v1:0': ['stability.sd3-5-large-v1:0', 'facts §3.1: Stable Diffusion 3.5 Large is the ACTIVE SD3-family model'],
  'stability.stable-diffusion-xl-v1': ['stability.stable-image-core-v1:1', 'facts §3.2: AWS examples moved from SDXL to the {prompt, aspect_ratio, seed, output_format} body (aws-doc-sdk-examples PR #7989, Stable Image Core v1:1)'],
  'stability.stable-diffusion-xl-v0': ['stability.stable-image-core-v1:1', 'as stability.stable-diffusion-xl-v1'],
  'stability.stable-diffusion-xl': ['stability.stable-image-core-v1:1', 'as stability.stable-diffusion-xl-v1'],
};

// Legacy start dates the reference gives. Only observations (first snapshot seen Legacy), so
// they are flagged unconfirmed and do not change lifecycle verdicts.
const LEGACY_DATES = {
  'amazon.nova-canvas-v1:0': ['2026-04-01', 'facts §3.3: Legacy observed from 2026-04-01 (dataset history)'],
};

// Retired models the facts name but the JSON table lacks. Keeping them turns a confusing
// "unknown model" into "end of life" for code that still names them.
const EXTRA_MODELS = [
  {
    modelId: 'stability.stable-diffusion-xl', aliasOf: 'stability.stable-diffusion-xl-v0',
    note: 'facts §3.1: alias of stability.stable-diffusion-xl-v0 (SDXL 0.8), EOL 2024-04-30',
  },
  {
    modelId: 'cohere.command-r-v1:0', name: 'Command R', provider: 'cohere', modality: 'text', status: 'EOL', eolDate: '2026-08-19',
    note: 'facts §3.4: Cohere Command R EOL 2026-08-19; the reference gives the name, not the model ID', unconfirmed: ['id'],
  },
  {
    modelId: 'cohere.command-r-plus-v1:0', name: 'Command R+', provider: 'cohere', modality: 'text', status: 'EOL', eolDate: '2026-08-19',
    note: 'facts §3.4: Cohere Command R+ EOL 2026-08-19; the reference gives the name, not the model ID', unconfirmed: ['id'],
  },
];

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function fail(message) {
  console.error(`gen-catalog: ${message}`);
  process.exit(1);
}

function sha256(text) {
  return createHash('sha256').update(text).digest('hex');
}

const sorted = (xs) => [...new Set(xs)].sort();

/** "Data snapshot 2026-08-21 (model/region table)…" → 2026-08-21. */
function snapshotDate(ref) {
  const m = /(\d{4}-\d{2}-\d{2})/.exec(ref.sourceNotes?.asOf ?? '');
  if (!m) fail('sourceNotes.asOf has no snapshot date');
  return m[1];
}

/** "table 'as of July 17, 2026'" → 2026-07-17. */
function lifecycleDate(ref) {
  const m = /as of (\w+) (\d{1,2}), (\d{4})/i.exec(ref.sourceNotes?.sources?.lifecycle ?? '');
  const month = m ? MONTHS.indexOf(m[1].toLowerCase()) + 1 : 0;
  if (!m || month === 0) fail('sourceNotes.sources.lifecycle has no "as of <Month> <d>, <yyyy>" date');
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[2].padStart(2, '0')}`;
}

function unconfirmedFields(m) {
  const out = new Set(m.unconfirmed ?? []);
  const un = (s) => typeof s === 'string' && /UNCONFIRMED/i.test(s);
  if (un(m.statusNote)) out.add('eolDate');
  if (un(m.marketplaceProductIdNote)) out.add('marketplaceProductId');
  // "UNCONFIRMED except SDXL v1 (…per AWS notice)"
  if (un(m.historicalRegionsNote) && m.modelId !== 'stability.stable-diffusion-xl-v1') out.add('historicalRegions');
  return out;
}

function buildModel(m) {
  const id = m.modelId;
  const provider = m.provider;
  const marketplaceByProvider = !NON_MARKETPLACE_PROVIDERS.has(provider);
  if (typeof m.marketplaceSubscriptionRequired === 'boolean' && m.marketplaceSubscriptionRequired !== marketplaceByProvider) {
    fail(`${id}: marketplaceSubscriptionRequired disagrees with the provider rule of facts §1.6`);
  }
  const regions = sorted(m.regions ?? []);
  const onDemand = sorted(m.onDemandRegions ?? []);
  const profileOnly = sorted(m.inferenceProfileOnlyRegions ?? []);
  if (JSON.stringify(sorted([...onDemand, ...profileOnly])) !== JSON.stringify(regions) || onDemand.some((r) => profileOnly.includes(r))) {
    fail(`${id}: regions is not the disjoint union of onDemandRegions and inferenceProfileOnlyRegions`);
  }
  if (!['ACTIVE', 'LEGACY', 'EOL'].includes(m.status)) fail(`${id}: unknown status ${m.status}`);

  const unconfirmed = unconfirmedFields(m);
  const notes = [m.statusNote, m.historicalRegionsNote, m.marketplaceProductIdNote, m.note].filter((s) => typeof s === 'string');
  const out = { id, name: m.name ?? undefined, provider, modality: m.modality, status: m.status };
  const legacy = LEGACY_DATES[id];
  if (legacy) {
    out.legacyDate = legacy[0];
    unconfirmed.add('legacyDate');
    notes.push(legacy[1]);
  }
  if (m.eolDate) out.eolDate = m.eolDate;
  const successor = SUCCESSORS[id];
  if (successor) {
    out.successor = successor[0];
    unconfirmed.add('successor');
    notes.push(`successor: ${successor[1]}`);
  }
  Object.assign(out, {
    regions,
    onDemandRegions: onDemand,
    profileOnlyRegions: profileOnly,
  });
  if (m.provisionedThroughputRegions?.length) out.provisionedRegions = sorted(m.provisionedThroughputRegions);
  if (m.historicalRegions?.length) out.historicalRegions = sorted(m.historicalRegions);
  if (m.lastSeenInListFoundationModels) out.lastSeen = m.lastSeenInListFoundationModels;
  out.streaming = typeof m.responseStreamingSupported === 'boolean' ? m.responseStreamingSupported : null;
  out.marketplace = typeof m.marketplaceSubscriptionRequired === 'boolean' ? m.marketplaceSubscriptionRequired : marketplaceByProvider;
  if (m.marketplaceProductId) out.marketplaceProductId = m.marketplaceProductId;
  out.profiles = sorted((m.inferenceProfiles ?? []).map((p) => p.id));
  if (unconfirmed.size) out.unconfirmed = sorted(unconfirmed);
  if (notes.length) out.notes = notes;
  if (m.aliasOf) out.aliasOf = m.aliasOf;
  if (m.bodySchema) out.bodySchema = m.bodySchema;
  return out;
}

function buildProfile(p, modelId) {
  const geo = p.id.slice(0, p.id.indexOf('.'));
  if (`${geo}.${modelId}` !== p.id) fail(`profile ${p.id} is not <geo>.${modelId}`);
  if (p.geo.toLowerCase() !== geo) fail(`profile ${p.id}: geo ${p.geo} does not match its prefix`);
  const sourceRegions = sorted(p.sourceRegions);
  const out = { id: p.id, geo, modelId, sourceRegions, destinationsBySource: {} };
  if (p.destinationsBySource) {
    if (JSON.stringify(sorted(Object.keys(p.destinationsBySource))) !== JSON.stringify(sourceRegions)) {
      fail(`profile ${p.id}: destinationsBySource keys differ from sourceRegions`);
    }
    for (const src of sourceRegions) out.destinationsBySource[src] = sorted(p.destinationsBySource[src]);
  } else if (p.destinationRegions === 'ALL_COMMERCIAL_REGIONS' && geo === 'global') {
    // GetInferenceProfile on a global profile lists the source-Region ARN plus the Region-less
    // ARN (facts §1.5), so the regional destination from each source is the source itself.
    for (const src of sourceRegions) out.destinationsBySource[src] = [src];
    out.regionless = true;
  } else {
    fail(`profile ${p.id}: no destinationsBySource`);
  }
  return out;
}

function build() {
  const modelsText = readFileSync(here(MODELS_FILE), 'utf8');
  const factsText = readFileSync(here(FACTS_FILE), 'utf8');
  const ref = JSON.parse(modelsText);
  const date = snapshotDate(ref);
  const lifecycleAsOf = lifecycleDate(ref);

  const byId = new Map(ref.models.map((m) => [m.modelId, m]));
  const sourceModels = [...ref.models];
  for (const extra of EXTRA_MODELS) {
    if (byId.has(extra.modelId)) fail(`${extra.modelId} is now in the reference JSON; drop it from EXTRA_MODELS`);
    const base = extra.aliasOf ? byId.get(extra.aliasOf) : {};
    if (!base) fail(`${extra.modelId}: alias target ${extra.aliasOf} missing`);
    sourceModels.push({ ...base, regions: [], onDemandRegions: [], inferenceProfileOnlyRegions: [], inferenceProfiles: [], ...extra, statusNote: undefined });
  }

  const models = [];
  const profiles = [];
  const seen = new Set();
  for (const m of sourceModels) {
    if (seen.has(m.modelId)) fail(`duplicate model ${m.modelId}`);
    seen.add(m.modelId);
    models.push(buildModel(m));
    for (const p of m.inferenceProfiles ?? []) profiles.push(buildProfile(p, m.modelId));
  }
  for (const [id, [to]] of Object.entries(SUCCESSORS)) {
    if (!seen.has(id) || !seen.has(to)) fail(`successor table names an unknown model: ${id} → ${to}`);
  }
  models.sort((a, b) => (a.id < b.id ? -1 : 1));
  profiles.sort((a, b) => (a.id < b.id ? -1 : 1));

  const generated = {
    by: 'data/gen-catalog.mjs',
    from: [
      { file: `data/${MODELS_FILE}`, sha256: sha256(modelsText) },
      { file: `data/${FACTS_FILE}`, sha256: sha256(factsText) },
    ],
    sources: ref.sourceNotes.sources,
    fieldMeanings: ref.sourceNotes.fieldMeanings,
    caveats: ref.sourceNotes.caveats,
  };
  const catalog = {
    date,
    lifecycleAsOf,
    generated,
    models,
    profiles,
    inferenceProfileGeos: ref.inferenceProfileGeos,
    vpcEndpointServices: ref.vpcEndpointServices,
    runtimeRegions: ref.runtimeRegions,
  };
  const meta = { date, lifecycleAsOf, source: 'data/catalog.json (generated by data/gen-catalog.mjs)' };
  return { catalog: serialize(catalog), meta: `${JSON.stringify(meta)}\n` };
}

/** Compact JSON with one model / profile / region per line, so data refreshes diff readably. */
function serialize(catalog) {
  const lines = Object.entries(catalog).map(([key, value]) => {
    if (Array.isArray(value)) return `${JSON.stringify(key)}:[\n${value.map((v) => JSON.stringify(v)).join(',\n')}\n]`;
    return `${JSON.stringify(key)}:${JSON.stringify(value)}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

const { catalog, meta } = build();
const targets = [['catalog.json', catalog], ['catalog-meta.json', meta]];
if (process.argv.includes('--check')) {
  const stale = targets.filter(([name, text]) => {
    try {
      return readFileSync(here(name), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length) fail(`out of date: ${stale.map(([n]) => `data/${n}`).join(', ')} (run node data/gen-catalog.mjs)`);
} else {
  for (const [name, text] of targets) writeFileSync(here(name), text);
  console.log(`gen-catalog: wrote data/catalog.json (${catalog.length} bytes) and data/catalog-meta.json`);
}
