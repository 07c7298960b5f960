// The catalogue's query API: reference parsing, suggestions, lifecycle at a date, availability,
// profile destinations, and merging user captures of `aws bedrock list-*`.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogDate, loadCatalog } from '../../src/catalog/index.js';
import { editDistance } from '../../src/catalog/suggest.js';
import { UNKNOWN_MARK } from '../../src/types.js';

const catalog = loadCatalog();
const U = UNKNOWN_MARK;

describe('catalogDate / loadCatalog', () => {
  it('reads the snapshot date from the small meta file', () => {
    expect(catalogDate()).toBe('2026-08-21');
  });
  it('returns the same bundled catalogue on every call without captures', () => {
    expect(loadCatalog()).toBe(catalog);
    expect(loadCatalog([])).toBe(catalog);
  });
});

describe('parseModelRef', () => {
  it('bare model ID', () => {
    const r = catalog.parseModelRef('stability.sd3-5-large-v1:0');
    expect(r.kind).toBe('model');
    if (r.kind !== 'model') return;
    expect([r.id, r.model?.id, r.arn, r.arnRegion]).toEqual(['stability.sd3-5-large-v1:0', 'stability.sd3-5-large-v1:0', undefined, undefined]);
  });

  it('unknown bare model ID: a model ref without an entry', () => {
    expect(catalog.parseModelRef('  amazon.nova-pro-v1 ')).toEqual({ kind: 'model', id: 'amazon.nova-pro-v1' });
  });

  it('profile ID with its geography prefix', () => {
    const r = catalog.parseModelRef('us.meta.llama3-3-70b-instruct-v1:0');
    expect(r.kind).toBe('profile');
    if (r.kind !== 'profile') return;
    expect([r.id, r.geo, r.modelId, r.profile?.id, r.model?.id]).toEqual([
      'us.meta.llama3-3-70b-instruct-v1:0', 'us', 'meta.llama3-3-70b-instruct-v1:0', 'us.meta.llama3-3-70b-instruct-v1:0', 'meta.llama3-3-70b-instruct-v1:0',
    ]);
  });

  it('global. and apac. prefixes; a prefix with no such profile keeps the parts', () => {
    const g = catalog.parseModelRef('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(g.kind === 'profile' && [g.geo, g.profile?.regionless]).toEqual(['global', true]);
    expect(catalog.parseModelRef('eu.deepseek.r1-v1:0')).toEqual({
      kind: 'profile', id: 'eu.deepseek.r1-v1:0', geo: 'eu', modelId: 'deepseek.r1-v1:0', model: catalog.model('deepseek.r1-v1:0'),
    });
  });

  it('foundation-model ARN, including Region-less and other partitions', () => {
    expect(catalog.parseModelRef('arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0')).toEqual({
      kind: 'model', id: 'stability.sd3-5-large-v1:0', model: catalog.model('stability.sd3-5-large-v1:0'),
      arn: 'arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0', partition: 'aws', arnRegion: 'us-west-2', account: '',
    });
    const regionless = catalog.parseModelRef('arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0');
    expect(regionless.kind === 'model' && [regionless.arnRegion, regionless.account]).toEqual(['', '']);
    const gov = catalog.parseModelRef('arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/amazon.titan-embed-text-v2:0');
    expect(gov.kind === 'model' && [gov.partition, gov.arnRegion, gov.model?.id]).toEqual(['aws-us-gov', 'us-gov-west-1', 'amazon.titan-embed-text-v2:0']);
  });

  it('foundation-model ARN with an account or a profile ID inside stays a model ref (IAM rules judge it)', () => {
    const r = catalog.parseModelRef('arn:aws:bedrock:us-east-1:123456789012:foundation-model/us.amazon.nova-pro-v1:0');
    expect(r.kind === 'model' && [r.id, r.account, r.model]).toEqual(['us.amazon.nova-pro-v1:0', '123456789012', undefined]);
  });

  it('inference-profile ARN', () => {
    const arn = 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.stability.stable-image-inpaint-v1:0';
    expect(catalog.parseModelRef(arn)).toEqual({
      kind: 'profile', id: 'us.stability.stable-image-inpaint-v1:0', geo: 'us', modelId: 'stability.stable-image-inpaint-v1:0',
      profile: catalog.profile('us.stability.stable-image-inpaint-v1:0'), model: catalog.model('stability.stable-image-inpaint-v1:0'),
      arn, partition: 'aws', arnRegion: 'us-east-1', account: '111122223333',
    });
    const noGeo = catalog.parseModelRef('arn:aws:bedrock:us-east-1:111122223333:inference-profile/amazon.nova-pro-v1:0');
    expect(noGeo.kind === 'profile' && [noGeo.geo, noGeo.modelId, noGeo.profile]).toEqual(['', 'amazon.nova-pro-v1:0', undefined]);
  });

  it('application-inference-profile ARN', () => {
    const arn = 'arn:aws:bedrock:eu-west-1:111122223333:application-inference-profile/a1b2c3d4e5';
    expect(catalog.parseModelRef(arn)).toEqual({
      kind: 'application-profile', id: 'a1b2c3d4e5', arn, partition: 'aws', arnRegion: 'eu-west-1', account: '111122223333',
    });
  });

  it('other Bedrock resources and other services are not judged', () => {
    expect(catalog.parseModelRef('arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abc')).toEqual({
      kind: 'other', arn: 'arn:aws:bedrock:us-east-1:111122223333:provisioned-model/abc', service: 'bedrock', resourceType: 'provisioned-model',
    });
    expect(catalog.parseModelRef('arn:aws:bedrock:us-east-1:111122223333:prompt/P1:2')).toMatchObject({ kind: 'other', resourceType: 'prompt' });
    expect(catalog.parseModelRef('arn:aws:sagemaker:us-east-1:111122223333:endpoint/x')).toMatchObject({ kind: 'other', service: 'sagemaker', resourceType: 'endpoint' });
    expect(catalog.parseModelRef('arn:aws:bedrock-runtime:us-east-1::foundation-model/amazon.nova-pro-v1:0')).toMatchObject({
      kind: 'other', service: 'bedrock-runtime', resourceType: 'foundation-model',
    });
  });

  it('unknown values', () => {
    expect(catalog.parseModelRef('')).toEqual({ kind: 'unknown-value' });
    expect(catalog.parseModelRef(U)).toEqual({ kind: 'unknown-value' });
    expect(catalog.parseModelRef(`us.${U}`)).toEqual({ kind: 'unknown-value' });
    expect(catalog.parseModelRef(`arn:aws:bedrock:us-east-1::foundation-model/${U}`)).toEqual({ kind: 'unknown-value' });
  });

  it('an ARN whose Region or account is unknown still names its model', () => {
    const r = catalog.parseModelRef(`arn:aws:bedrock:${U}:${U}:inference-profile/eu.amazon.nova-pro-v1:0`);
    expect(r.kind === 'profile' && [r.id, r.arnRegion, r.account, r.unknownParts]).toEqual(['eu.amazon.nova-pro-v1:0', undefined, undefined, ['region', 'account']]);
  });
});

describe('suggest', () => {
  it.each([
    ['amazon.nova-pro-v1', 'amazon.nova-pro-v1:0'],
    ['us.amazon.nova-pro-v1', 'us.amazon.nova-pro-v1:0'],
    ['amazon.titan-embed-text-v1:0', 'amazon.titan-embed-text-v1'],
    ['stability.stable-image-core-v1:2', 'stability.stable-image-core-v1:1'],
    ['amazon.nova-pro-v2:0', 'amazon.nova-pro-v1:0'],
    ['Amazon.Nova-Lite-V1:0', 'amazon.nova-lite-v1:0'],
    ['anthropic.claude-3-haiku', 'anthropic.claude-3-haiku-20240307-v1:0'],
    ['stability.sd3-5-large-v1', 'stability.sd3-5-large-v1:0'],
    ['stabilty.sd3-5-large-v1:0', 'stability.sd3-5-large-v1:0'],
    ['eu.deepseek.r1-v1:0', 'us.deepseek.r1-v1:0'],
  ])('%s → %s', (input, want) => {
    expect(catalog.suggest(input)).toBe(want);
  });

  it('nothing for a known ID or for something far from every ID', () => {
    expect(catalog.suggest('amazon.nova-pro-v1:0')).toBeUndefined();
    expect(catalog.suggest('my-own-endpoint')).toBeUndefined();
    expect(catalog.suggest('')).toBeUndefined();
  });

  it('edit distance', () => {
    expect(editDistance('kitten', 'sitting', 5)).toBe(3);
    expect(editDistance('abc', 'abcdefgh', 2)).toBe(3);
  });
});

describe('lifecycle', () => {
  it('SDXL is end of life', () => {
    expect(catalog.lifecycle('stability.stable-diffusion-xl-v1', '2026-11-25')).toEqual({
      status: 'eol', eolDate: '2025-05-20', successor: 'stability.stable-image-core-v1:1',
    });
    expect(catalog.lifecycle('stability.stable-diffusion-xl-v1', '2025-05-20').status).toBe('eol');
    expect(catalog.lifecycle('stability.stable-diffusion-xl-v1', '2025-05-19').status).toBe('legacy');
  });

  it('Jamba 1.5 Mini: legacy on 2026-11-20, end of life from 2026-11-26', () => {
    expect(catalog.lifecycle('ai21.jamba-1-5-mini-v1:0', '2026-11-20')).toEqual({ status: 'legacy', eolDate: '2026-11-26' });
    expect(catalog.lifecycle('ai21.jamba-1-5-mini-v1:0', '2026-11-25').status).toBe('legacy');
    expect(catalog.lifecycle('ai21.jamba-1-5-mini-v1:0', '2026-11-26')).toEqual({ status: 'eol', eolDate: '2026-11-26' });
  });

  it('EOL on an unknown date is end of life at any date; active models stay active', () => {
    expect(catalog.lifecycle('stability.stable-image-core-v1:0', '2020-01-01')).toEqual({ status: 'eol', successor: 'stability.stable-image-core-v1:1' });
    expect(catalog.lifecycle('amazon.nova-pro-v1:0', '2030-01-01')).toEqual({ status: 'active' });
  });

  it('a profile ID is judged by its model; an unknown ID is left to model-unknown', () => {
    expect(catalog.lifecycle('us.anthropic.claude-sonnet-4-20250514-v1:0', '2026-11-25')).toEqual({ status: 'eol', eolDate: '2026-10-14' });
    expect(catalog.lifecycle('us.anthropic.claude-sonnet-4-20250514-v1:0', '2026-10-13').status).toBe('legacy');
    expect(catalog.lifecycle('acme.nothing-v1:0', '2026-11-25')).toEqual({ status: 'active' });
  });
});

describe('availability, profiles and destinations', () => {
  it('SD3.5 Large is on demand only in us-west-2', () => {
    expect(catalog.availability('stability.sd3-5-large-v1:0', 'us-west-2')).toBe('on-demand');
    expect(catalog.availability('stability.sd3-5-large-v1:0', 'us-east-1')).toBe('unavailable');
    expect(catalog.profilesFor('stability.sd3-5-large-v1:0', 'us-west-2')).toEqual([]);
  });

  it('Llama 3.3 70B is profile-only in us-east-1, through us.meta.llama3-3-70b-instruct-v1:0', () => {
    expect(catalog.availability('meta.llama3-3-70b-instruct-v1:0', 'us-east-1')).toBe('profile-only');
    expect(catalog.profilesFor('meta.llama3-3-70b-instruct-v1:0', 'us-east-1').map((p) => p.id)).toEqual(['us.meta.llama3-3-70b-instruct-v1:0']);
  });

  it('DeepSeek R1 from us-east-1 routes to us-east-1, us-east-2, us-west-2', () => {
    expect(catalog.destinations('us.deepseek.r1-v1:0', 'us-east-1')).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
  });

  it('eu.amazon.nova-pro-v1:0 cannot be called from us-east-1', () => {
    expect(catalog.destinations('eu.amazon.nova-pro-v1:0', 'us-east-1')).toBeUndefined();
    expect(catalog.profile('eu.amazon.nova-pro-v1:0')!.sourceRegions).not.toContain('us-east-1');
    expect(catalog.destinations('eu.amazon.nova-pro-v1:0', 'eu-west-1')).toEqual(['eu-central-1', 'eu-north-1', 'eu-west-1', 'eu-west-3']);
    expect(catalog.profilesFor('amazon.nova-pro-v1:0', 'us-east-1').map((p) => p.id)).toEqual(['us.amazon.nova-pro-v1:0']);
  });

  it('geographic profiles come before the global one', () => {
    expect(catalog.profilesFor('anthropic.claude-sonnet-4-5-20250929-v1:0', 'eu-west-1').map((p) => p.id)).toEqual([
      'eu.anthropic.claude-sonnet-4-5-20250929-v1:0', 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
    ]);
    expect(catalog.destinations('global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'sa-east-1')).toEqual(['sa-east-1']);
  });

  it('Regions: unknown, known but not covered by the model table, unknown model', () => {
    expect(catalog.availability('amazon.nova-pro-v1:0', 'us-east-7')).toBe('unknown-region');
    expect(catalog.isKnownRegion('us-east-7')).toBe(false);
    expect(catalog.isKnownRegion('me-central-1')).toBe(true);
    expect(catalog.availability('amazon.nova-pro-v1:0', 'me-central-1')).toBe('not-covered');
    expect(catalog.availability('amazon.nova-pro-v1:0', 'us-gov-west-1')).toBe('not-covered');
    expect(catalog.availability('acme.nothing-v1:0', 'us-east-1')).toBe('unavailable');
  });
});

describe('merging captures', () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalog-captures-'));
  const write = (name: string, doc: unknown) => {
    const file = join(dir, name);
    writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return file;
  };
  const fm = (region: string, id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;

  // us-west-2 now offers SD3.5 Large and a new model only; the Region comes from the ARNs.
  const models = write('list-models.json', {
    modelSummaries: [
      { modelArn: fm('us-west-2', 'stability.sd3-5-large-v1:0'), modelId: 'stability.sd3-5-large-v1:0', providerName: 'Stability AI', outputModalities: ['IMAGE'],
        inferenceTypesSupported: ['ON_DEMAND'], responseStreamingSupported: false, modelLifecycle: { status: 'LEGACY' } },
      { modelArn: fm('us-west-2', 'acme.painter-v1:0'), modelId: 'acme.painter-v1:0', modelName: 'Painter', providerName: 'Acme', outputModalities: ['IMAGE'],
        inferenceTypesSupported: ['INFERENCE_PROFILE'], responseStreamingSupported: false, modelLifecycle: { status: 'ACTIVE' } },
      { modelArn: fm('us-west-2', 'amazon.nova-pro-v1:0:300k'), modelId: 'amazon.nova-pro-v1:0:300k', inferenceTypesSupported: ['PROVISIONED'] },
    ],
  });
  // us-east-1 profiles, Region from the file name (no ARNs): DeepSeek R1 now also routes to us-west-1.
  const profiles = write('profiles-us-east-1.json', {
    inferenceProfileSummaries: [
      { inferenceProfileId: 'us.deepseek.r1-v1:0', type: 'SYSTEM_DEFINED',
        models: [{ modelArn: fm('us-east-1', 'deepseek.r1-v1:0') }, { modelArn: fm('us-west-1', 'deepseek.r1-v1:0') }] },
      { inferenceProfileId: 'global.deepseek.r1-v1:0', type: 'SYSTEM_DEFINED',
        models: [{ modelArn: fm('us-east-1', 'deepseek.r1-v1:0') }, { modelArn: 'arn:aws:bedrock:::foundation-model/deepseek.r1-v1:0' }] },
      { inferenceProfileId: 'abc123', type: 'APPLICATION', models: [{ modelArn: fm('us-east-1', 'amazon.nova-pro-v1:0') }] },
    ],
  });
  const merged = loadCatalog([models, profiles]);

  it('records each capture and its Region', () => {
    expect(merged.captures).toEqual([
      { file: models, kind: 'models', region: 'us-west-2' },
      { file: profiles, kind: 'profiles', region: 'us-east-1' },
    ]);
    expect(merged.date).toBe('2026-08-21');
  });

  it('a captured models Region replaces that Region, and only that Region', () => {
    expect(merged.availability('stability.sd3-5-large-v1:0', 'us-west-2')).toBe('on-demand');
    expect(merged.model('stability.sd3-5-large-v1:0')!.status).toBe('LEGACY');
    expect(merged.availability('amazon.nova-pro-v1:0', 'us-west-2')).toBe('unavailable');
    expect(merged.availability('amazon.nova-pro-v1:0', 'us-east-1')).toBe('on-demand');
    expect(merged.model('anthropic.claude-sonnet-4-5-20250929-v1:0')!.regions).not.toContain('us-west-2');
    expect(merged.model('amazon.nova-pro-v1:0:300k')).toBeUndefined();
  });

  it('a new model from a capture', () => {
    expect(merged.model('acme.painter-v1:0')).toEqual({
      id: 'acme.painter-v1:0', name: 'Painter', provider: 'acme', modality: 'image', status: 'ACTIVE',
      regions: ['us-west-2'], onDemandRegions: [], profileOnlyRegions: ['us-west-2'], streaming: false, marketplace: true, profiles: [],
    });
    expect(merged.suggest('acme.painter-v1')).toBe('acme.painter-v1:0');
  });

  it('a captured profiles Region replaces the profiles from that source', () => {
    expect(merged.destinations('us.deepseek.r1-v1:0', 'us-east-1')).toEqual(['us-east-1', 'us-west-1']);
    expect(merged.destinations('us.deepseek.r1-v1:0', 'us-west-2')).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
    expect(merged.profile('global.deepseek.r1-v1:0')).toEqual({
      id: 'global.deepseek.r1-v1:0', geo: 'global', modelId: 'deepseek.r1-v1:0', sourceRegions: ['us-east-1'],
      destinationsBySource: { 'us-east-1': ['us-east-1'] }, regionless: true,
    });
    expect(merged.model('deepseek.r1-v1:0')!.profiles).toEqual(['global.deepseek.r1-v1:0', 'us.deepseek.r1-v1:0']);
    // Nova Pro has no system profile from us-east-1 any more, but stays on demand there.
    expect(merged.profilesFor('amazon.nova-pro-v1:0', 'us-east-1')).toEqual([]);
    expect(merged.availability('amazon.nova-pro-v1:0', 'us-east-1')).toBe('on-demand');
    // Llama 3.3 was profile-only in us-east-1; without a profile from there it is unavailable.
    expect(merged.availability('meta.llama3-3-70b-instruct-v1:0', 'us-east-1')).toBe('unavailable');
    // A profile whose only source was us-east-1 is gone.
    expect(merged.profile('us.twelvelabs.marengo-embed-2-7-v1:0')).toBeUndefined();
    expect(merged.model('twelvelabs.marengo-embed-2-7-v1:0')!.profiles).toEqual(['apac.twelvelabs.marengo-embed-2-7-v1:0', 'eu.twelvelabs.marengo-embed-2-7-v1:0']);
  });

  it('the bundled catalogue is left untouched', () => {
    expect(catalog.availability('amazon.nova-pro-v1:0', 'us-west-2')).toBe('profile-only');
    expect(catalog.destinations('us.deepseek.r1-v1:0', 'us-east-1')).toEqual(['us-east-1', 'us-east-2', 'us-west-2']);
    expect(catalog.model('stability.sd3-5-large-v1:0')!.status).toBe('ACTIVE');
    expect(loadCatalog().model('acme.painter-v1:0')).toBeUndefined();
  });

  it('the lifecycle table outranks a capture that still says ACTIVE', () => {
    const file = write('models-us-east-1.json', {
      modelSummaries: [{ modelId: 'ai21.jamba-1-5-mini-v1:0', inferenceTypesSupported: ['ON_DEMAND'], modelLifecycle: { status: 'ACTIVE' } }],
    });
    const c = loadCatalog([file]);
    expect(c.model('ai21.jamba-1-5-mini-v1:0')!.status).toBe('LEGACY');
    expect(c.captures).toEqual([{ file, kind: 'models', region: 'us-east-1' }]);
  });

  it.each([
    ['broken.json', '{"modelSummaries": [', /models file .*broken\.json: not valid JSON/],
    ['other-us-east-1.json', { Roles: [] }, /expected the JSON output of "aws bedrock list-foundation-models"/],
    ['noregion.json', { modelSummaries: [{ modelId: 'amazon.nova-pro-v1:0', inferenceTypesSupported: ['ON_DEMAND'] }] }, /cannot tell its Region/],
    ['mixed.json', { modelSummaries: [
      { modelId: 'a.b-v1:0', modelArn: fm('us-east-1', 'a.b-v1:0') },
      { modelId: 'a.c-v1:0', modelArn: fm('eu-west-1', 'a.c-v1:0') },
    ] }, /several Regions \(eu-west-1, us-east-1\)/],
    ['bad-entry-us-east-1.json', { modelSummaries: [{ providerName: 'x' }] }, /modelSummaries\[0\] has no modelId/],
    ['bad-profiles-us-east-1.json', { inferenceProfileSummaries: {} }, /inferenceProfileSummaries must be an array/],
  ])('%s is rejected with a clear message', (name, doc, message) => {
    const file = write(name, doc);
    expect(() => loadCatalog([file])).toThrow(message);
  });

  it('a missing file is rejected with a clear message', () => {
    expect(() => loadCatalog([join(dir, 'absent.json')])).toThrow(/models file .*absent\.json: cannot be read \(ENOENT\)/);
  });
});
