// buildRequests: the (action, resource, context) triples Bedrock authorizes for one call
// (SPEC §5 Bedrock specifics; ../reference/bedrock-facts.md §1).
import { describe, expect, it } from 'vitest';
import { buildRequests } from '../../src/analysis/site.js';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Deployment, InvocationSite } from '../../src/model/types.js';
import type { Str } from '../../src/types.js';
import { UNKNOWN_MARK } from '../../src/types.js';

const catalog = loadCatalog();
const LOC = { file: 't', line: 1, column: 1, endLine: 1, endColumn: 1 };
const INVOKE = 'bedrock:InvokeModel';
const ACCOUNT = '111122223333';

function requests(model: string, region: string | undefined, o: { action?: string; appProfiles?: Map<string, Str[]> } = {}) {
  const site: InvocationSite = { model: { value: model, loc: LOC }, api: 'invoke', file: 't', source: 'config', via: [] };
  const dep = { appProfiles: o.appProfiles ?? new Map() } as unknown as Deployment;
  return buildRequests(site, catalog.parseModelRef(model), region, ACCOUNT, catalog, dep, o.action ?? INVOKE);
}

const fm = (region: string, id: string) => `arn:aws:bedrock:${region}::foundation-model/${id}`;
const rr = (r: string) => ({ 'aws:requestedregion': [r] });
const via = (r: string, profile: string) => ({ 'aws:requestedregion': [r], 'bedrock:inferenceprofilearn': [profile] });

describe('buildRequests', () => {
  it('a bare model: its foundation-model ARN in the call region', () => {
    expect(requests('amazon.nova-lite-v1:0', 'us-east-1')).toEqual({
      requests: [{ action: INVOKE, resource: fm('us-east-1', 'amazon.nova-lite-v1:0'), context: rr('us-east-1'), purpose: 'model' }],
      unknowns: [],
    });
  });

  it('a streaming call asks for InvokeModelWithResponseStream', () => {
    expect(requests('amazon.nova-lite-v1:0', 'us-east-1', { action: 'bedrock:InvokeModelWithResponseStream' }).requests.map((r) => r.action)).toEqual(['bedrock:InvokeModelWithResponseStream']);
  });

  it('a foundation-model ARN keeps its own Region', () => {
    expect(requests(fm('us-west-2', 'amazon.nova-lite-v1:0'), 'us-east-1').requests).toEqual([
      { action: INVOKE, resource: fm('us-west-2', 'amazon.nova-lite-v1:0'), context: rr('us-west-2'), purpose: 'model' },
    ]);
  });

  it('a China Region uses the aws-cn partition', () => {
    expect(requests('amazon.nova-lite-v1:0', 'cn-north-1').requests.map((r) => r.resource)).toEqual(['arn:aws-cn:bedrock:cn-north-1::foundation-model/amazon.nova-lite-v1:0']);
  });

  it('a geographic profile: the profile ARN in the source Region and the model in every destination', () => {
    const profile = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.amazon.nova-lite-v1:0`;
    expect(requests('us.amazon.nova-lite-v1:0', 'us-east-1')).toEqual({
      requests: [
        { action: INVOKE, resource: profile, context: rr('us-east-1'), purpose: 'profile' },
        { action: INVOKE, resource: fm('us-east-1', 'amazon.nova-lite-v1:0'), context: via('us-east-1', profile), purpose: 'destination' },
        { action: INVOKE, resource: fm('us-east-2', 'amazon.nova-lite-v1:0'), context: via('us-east-2', profile), purpose: 'destination' },
        { action: INVOKE, resource: fm('us-west-2', 'amazon.nova-lite-v1:0'), context: via('us-west-2', profile), purpose: 'destination' },
      ],
      unknowns: [],
    });
  });

  it('a geographic profile ARN names its own source Region and account', () => {
    const profile = 'arn:aws:bedrock:eu-west-1:444455556666:inference-profile/eu.amazon.nova-lite-v1:0';
    expect(requests(profile, 'us-east-1').requests.map((r) => [r.resource, r.purpose])).toEqual([
      [profile, 'profile'],
      [fm('eu-central-1', 'amazon.nova-lite-v1:0'), 'destination'],
      [fm('eu-north-1', 'amazon.nova-lite-v1:0'), 'destination'],
      [fm('eu-west-1', 'amazon.nova-lite-v1:0'), 'destination'],
      [fm('eu-west-3', 'amazon.nova-lite-v1:0'), 'destination'],
    ]);
  });

  it('a global profile: profile ARN, source-Region model ARN, and the Region-less model ARN with Region "unspecified"', () => {
    const profile = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/global.anthropic.claude-sonnet-4-6`;
    expect(requests('global.anthropic.claude-sonnet-4-6', 'us-east-1')).toEqual({
      requests: [
        { action: INVOKE, resource: profile, context: rr('us-east-1'), purpose: 'profile' },
        { action: INVOKE, resource: fm('us-east-1', 'anthropic.claude-sonnet-4-6'), context: via('us-east-1', profile), purpose: 'destination' },
        { action: INVOKE, resource: 'arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-6', context: via('unspecified', profile), purpose: 'regionless' },
      ],
      unknowns: [],
    });
  });

  it('an application inference profile: its own ARN, then each underlying model through it', () => {
    const app = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/abc123`;
    const appProfiles = new Map<string, Str[]>([[app, [{ value: fm('us-east-1', 'amazon.nova-lite-v1:0'), loc: LOC }]]]);
    expect(requests(app, 'us-east-1', { appProfiles })).toEqual({
      requests: [
        { action: INVOKE, resource: app, context: rr('us-east-1'), purpose: 'application-profile' },
        { action: INVOKE, resource: fm('us-east-1', 'amazon.nova-lite-v1:0'), context: via('us-east-1', app), purpose: 'destination' },
      ],
      unknowns: [],
    });
  });

  it('an application profile copied from a geographic profile covers its destinations', () => {
    const app = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/geo1`;
    const appProfiles = new Map<string, Str[]>([[app, [{ value: `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.amazon.nova-lite-v1:0`, loc: LOC }]]]);
    expect(requests(app, 'us-east-1', { appProfiles }).requests.map((r) => [r.resource, r.purpose, r.context['aws:requestedregion']])).toEqual([
      [app, 'application-profile', ['us-east-1']],
      [fm('us-east-1', 'amazon.nova-lite-v1:0'), 'destination', ['us-east-1']],
      [fm('us-east-2', 'amazon.nova-lite-v1:0'), 'destination', ['us-east-2']],
      [fm('us-west-2', 'amazon.nova-lite-v1:0'), 'destination', ['us-west-2']],
    ]);
  });

  it('an application profile not in the inputs: only its own ARN, and an unknown', () => {
    const app = `arn:aws:bedrock:us-east-1:${ACCOUNT}:application-inference-profile/elsewhere`;
    expect(requests(app, 'us-east-1')).toEqual({
      requests: [{ action: INVOKE, resource: app, context: rr('us-east-1'), purpose: 'application-profile' }],
      unknowns: [`the models behind application inference profile ${app} are not in the inputs`],
    });
  });

  it('an unknown call Region: the Region part is unknown and said so', () => {
    expect(requests('amazon.nova-lite-v1:0', undefined)).toEqual({
      requests: [{ action: INVOKE, resource: fm(UNKNOWN_MARK, 'amazon.nova-lite-v1:0'), context: rr(UNKNOWN_MARK), purpose: 'model' }],
      unknowns: ['the call region is unknown'],
    });
  });

  it('a profile called from a Region it has no destinations for: only the profile ARN, and an unknown', () => {
    expect(requests('us.amazon.nova-lite-v1:0', 'eu-west-1')).toEqual({
      requests: [{ action: INVOKE, resource: `arn:aws:bedrock:eu-west-1:${ACCOUNT}:inference-profile/us.amazon.nova-lite-v1:0`, context: rr('eu-west-1'), purpose: 'profile' }],
      unknowns: ['the destination Regions of us.amazon.nova-lite-v1:0 from eu-west-1 are not in the catalogue'],
    });
  });

  it('something that is not a model reference gives no request', () => {
    expect(requests('arn:aws:s3:::bucket', 'us-east-1')).toEqual({
      requests: [],
      unknowns: ['model reference arn:aws:s3:::bucket is not a foundation model or inference profile bedrock-lint can evaluate'],
    });
  });
});
