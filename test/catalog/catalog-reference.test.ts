// The catalogue against its reference data, model by model, for the families the rules lean on
// most (Stability, Titan, Nova, Claude); plus hand-written rows taken from bedrock-facts.md so a
// generator bug that mirrors a data bug cannot pass unnoticed.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';

interface RefProfile {
  id: string;
  geo: string;
  sourceRegions: string[];
  destinationRegions: string[] | string;
  destinationsBySource?: Record<string, string[]>;
}
interface RefModel {
  modelId: string;
  status: string;
  eolDate?: string | null;
  regions: string[];
  onDemandRegions: string[];
  inferenceProfileOnlyRegions: string[];
  inferenceProfiles: RefProfile[];
  responseStreamingSupported?: boolean;
  marketplaceSubscriptionRequired?: boolean;
  bodySchema: unknown;
}

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const reference = JSON.parse(readFileSync(root('data/sources/bedrock-models.json'), 'utf8')) as {
  models: RefModel[];
  runtimeRegions: { region: string; scannedInModelDataset?: boolean }[];
};
const FAMILIES = /^(stability\.|amazon\.titan-|amazon\.nova-|anthropic\.claude-)/;
const family = reference.models.filter((m) => FAMILIES.test(m.modelId));
const scanned = reference.runtimeRegions.filter((r) => r.scannedInModelDataset).map((r) => r.region);
const catalog = loadCatalog();
const sorted = (xs: string[]) => [...xs].sort();

describe('catalogue vs data/sources/bedrock-models.json (Stability, Titan, Nova, Claude)', () => {
  it('covers the four families (21 Claude, 21 Stability, 11 Nova, 9 Titan)', () => {
    expect(family.length).toBe(62);
  });

  it.each(family.map((m) => [m.modelId, m] as const))('%s', (id, ref) => {
    const m = catalog.model(id)!;
    expect(m).toBeDefined();
    expect(m.status).toBe(ref.status);
    expect(m.eolDate).toBe(ref.eolDate ?? undefined);
    expect(m.regions).toEqual(sorted(ref.regions));
    expect(m.onDemandRegions).toEqual(sorted(ref.onDemandRegions));
    expect(m.profileOnlyRegions).toEqual(sorted(ref.inferenceProfileOnlyRegions));
    expect(m.streaming).toBe(ref.responseStreamingSupported ?? null);
    if (ref.marketplaceSubscriptionRequired !== undefined) expect(m.marketplace).toBe(ref.marketplaceSubscriptionRequired);
    expect(m.bodySchema ?? null).toEqual(ref.bodySchema);
    expect(m.profiles).toEqual(sorted(ref.inferenceProfiles.map((p) => p.id)));
    for (const region of scanned) {
      const want = ref.onDemandRegions.includes(region) ? 'on-demand' : ref.inferenceProfileOnlyRegions.includes(region) ? 'profile-only' : 'unavailable';
      expect(catalog.availability(id, region), region).toBe(want);
    }
    for (const rp of ref.inferenceProfiles) {
      const p = catalog.profile(rp.id)!;
      expect(p.modelId).toBe(id);
      expect(p.geo).toBe(rp.geo.toLowerCase());
      expect(p.sourceRegions).toEqual(sorted(rp.sourceRegions));
      for (const src of rp.sourceRegions) {
        const want = rp.destinationsBySource ? sorted(rp.destinationsBySource[src]!) : [src];
        expect(catalog.destinations(rp.id, src), `${rp.id} from ${src}`).toEqual(want);
      }
      expect(p.regionless ?? false).toBe(rp.destinationRegions === 'ALL_COMMERCIAL_REGIONS');
    }
  });
});

describe('rows from bedrock-facts.md §3', () => {
  const US3 = ['us-east-1', 'us-east-2', 'us-west-2'];
  const imageServices = [
    'stability.stable-image-inpaint-v1:0',
    'stability.stable-outpaint-v1:0',
    'stability.stable-image-search-recolor-v1:0',
    'stability.stable-image-search-replace-v1:0',
    'stability.stable-image-erase-object-v1:0',
    'stability.stable-image-remove-background-v1:0',
    'stability.stable-image-control-sketch-v1:0',
    'stability.stable-image-control-structure-v1:0',
    'stability.stable-image-style-guide-v1:0',
    'stability.stable-style-transfer-v1:0',
    'stability.stable-creative-upscale-v1:0',
    'stability.stable-conservative-upscale-v1:0',
    'stability.stable-fast-upscale-v1:0',
  ];

  it.each(['stability.sd3-5-large-v1:0', 'stability.stable-image-core-v1:1', 'stability.stable-image-ultra-v1:1'])(
    '%s: ACTIVE, on demand in us-west-2 only, no profile, no streaming, Marketplace',
    (id) => {
      const m = catalog.model(id)!;
      expect([m.status, m.regions, m.onDemandRegions, m.profileOnlyRegions, m.profiles, m.streaming, m.marketplace]).toEqual([
        'ACTIVE', ['us-west-2'], ['us-west-2'], [], [], false, true,
      ]);
    },
  );

  it.each(imageServices)('%s: profile only through us. from us-east-1/us-east-2/us-west-2', (id) => {
    const m = catalog.model(id)!;
    expect([m.status, m.onDemandRegions, m.profileOnlyRegions, m.profiles, m.streaming]).toEqual(['ACTIVE', [], US3, [`us.${id}`], false]);
    for (const src of US3) expect(catalog.destinations(`us.${id}`, src)).toEqual(US3);
    expect(catalog.destinations(`us.${id}`, 'us-west-1')).toBeUndefined();
  });

  it.each([
    ['stability.stable-image-core-v1:0', undefined],
    ['stability.stable-image-ultra-v1:0', undefined],
    ['stability.sd3-large-v1:0', undefined],
    ['stability.stable-diffusion-xl-v1', '2025-05-20'],
    ['stability.stable-diffusion-xl-v0', '2024-04-30'],
    ['amazon.titan-image-generator-v2:0', '2026-06-30'],
    ['amazon.titan-text-express-v1', undefined],
    ['anthropic.claude-3-sonnet-20240229-v1:0', '2026-07-30'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', '2026-07-30'],
    ['anthropic.claude-3-opus-20240229-v1:0', undefined],
  ])('%s is EOL (EOL date %s)', (id, eol) => {
    const m = catalog.model(id)!;
    expect([m.status, m.eolDate]).toEqual(['EOL', eol]);
  });

  it.each([
    ['amazon.nova-canvas-v1:0', '2026-09-30'],
    ['amazon.nova-premier-v1:0', '2026-09-14'],
    ['amazon.nova-sonic-v1:0', '2026-09-14'],
    ['amazon.nova-reel-v1:0', '2026-09-30'],
    ['anthropic.claude-sonnet-4-20250514-v1:0', '2026-10-14'],
    ['anthropic.claude-opus-4-1-20250805-v1:0', '2027-01-08'],
    ['anthropic.claude-3-haiku-20240307-v1:0', '2026-09-10'],
    ['ai21.jamba-1-5-large-v1:0', '2026-11-26'],
    ['ai21.jamba-1-5-mini-v1:0', '2026-11-26'],
  ])('%s is LEGACY with EOL %s', (id, eol) => {
    const m = catalog.model(id)!;
    expect([m.status, m.eolDate]).toEqual(['LEGACY', eol]);
  });

  it('Nova Canvas: on demand in us-east-1, ap-northeast-1, eu-west-1; no profile', () => {
    const m = catalog.model('amazon.nova-canvas-v1:0')!;
    expect([m.onDemandRegions, m.profiles, m.legacyDate, m.unconfirmed]).toEqual([['ap-northeast-1', 'eu-west-1', 'us-east-1'], [], '2026-04-01', ['legacyDate']]);
  });

  it('Nova Pro: on demand in us-east-1, eu-west-2, ap-southeast-2, ap-southeast-3; us./eu./apac. profiles', () => {
    const m = catalog.model('amazon.nova-pro-v1:0')!;
    expect(m.onDemandRegions).toEqual(['ap-southeast-2', 'ap-southeast-3', 'eu-west-2', 'us-east-1']);
    expect(m.profiles).toEqual(['apac.amazon.nova-pro-v1:0', 'eu.amazon.nova-pro-v1:0', 'us.amazon.nova-pro-v1:0']);
    expect(m.marketplace).toBe(false);
  });

  it('Claude Sonnet 4.5 / Haiku 4.5: no on-demand Region, profiles us/eu/jp/au/global from 31 sources', () => {
    for (const id of ['anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-haiku-4-5-20251001-v1:0']) {
      const m = catalog.model(id)!;
      expect(m.onDemandRegions).toEqual([]);
      expect(m.regions.length).toBe(31);
      expect(m.profiles.map((p) => p.split('.')[0])).toEqual(['au', 'eu', 'global', 'jp', 'us']);
      expect(m.marketplace).toBe(true);
    }
  });

  it('us.anthropic.claude-sonnet-4-5: destinations grow with the source Region (facts §1.5)', () => {
    const p = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
    for (const src of US3) expect(catalog.destinations(p, src)).toEqual(US3);
    expect(catalog.destinations(p, 'us-west-1')).toEqual(['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2']);
    expect(catalog.destinations(p, 'ca-central-1')).toEqual(['ca-central-1', 'us-east-1', 'us-east-2', 'us-west-2']);
  });

  it('Titan Embeddings v2: ACTIVE, on demand in 19 Regions, no streaming', () => {
    const m = catalog.model('amazon.titan-embed-text-v2:0')!;
    expect([m.status, m.onDemandRegions.length, m.profileOnlyRegions, m.streaming, m.marketplace]).toEqual(['ACTIVE', 19, [], false, false]);
  });
});

describe('data/catalog.json', () => {
  it('is what data/gen-catalog.mjs produces from data/sources', () => {
    expect(() => execFileSync(process.execPath, [root('data/gen-catalog.mjs'), '--check'], { stdio: 'pipe' })).not.toThrow();
  });

  it('carries its dates, the geographies, endpoint services and Regions', () => {
    expect([catalog.date, catalog.lifecycleAsOf]).toEqual(['2026-08-21', '2026-07-17']);
    expect(catalog.geos()).toEqual(['apac', 'au', 'ca', 'eu', 'global', 'in', 'jp', 'us', 'us-gov']);
    expect(catalog.endpointServices().map((s) => s.serviceName)).toContain('com.amazonaws.<region>.bedrock-runtime');
    expect(catalog.endpointServices().length).toBe(14);
    expect(catalog.regionInfo('us-gov-west-1')?.partition).toBe('aws-us-gov');
    expect(catalog.models().length).toBe(157);
    expect(catalog.profiles().length).toBe(113);
  });

  it('neither the catalogue code nor its generator reads the shared reference folder', () => {
    const files = ['data/gen-catalog.mjs', ...readdirSync(root('src/catalog')).map((f) => `src/catalog/${f}`)];
    const offenders = files.filter((f) => /\.\.\/shared|shared\/reference/.test(readFileSync(root(f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
