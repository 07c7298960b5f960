// Differential test: our evaluator against @cloud-copilot/iam-simulate (a dev-only oracle; it is
// AGPL and never imported by src/). Only cases without unknowns, and without the oracle's known
// gaps (2008-10-17 variables, unknown condition operators, the region-less global foundation-model
// ARN, which it does not recognise as a resource type).
import { runSimulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/iam/evaluate.js';
import type { PolicyLayers } from '../../src/iam/types.js';
import { ACCOUNT, FM, FM_ID, ROLE, pol } from './helpers.js';

type Json = Record<string, unknown>;
type ArbValue<A> = A extends fc.Arbitrary<infer T> ? T : never;
interface DiffCase {
  name: string;
  identity: Json[];
  boundary?: Json;
  scps?: Json[][];
  endpoint?: Json;
  action: string;
  resource: string;
  context: Record<string, string[]>;
}

const PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.${FM_ID}`;
const FM_EAST = FM.replace('us-west-2', 'us-east-1');
const P = (...Statement: Json[]): Json => ({ Version: '2012-10-17', Statement });
const FULL = P({ Effect: 'Allow', Action: '*', Resource: '*' });

const handWritten: DiffCase[] = [
  { name: 'exact allow', identity: [P({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: FM })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'mixed-case action', identity: [P({ Effect: 'Allow', Action: 'Bedrock:invokeMODEL', Resource: FM })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'wrong action', identity: [P({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: FM })], action: 'bedrock:InvokeModelWithResponseStream', resource: FM, context: {} },
  { name: 'NotAction allow incl. bedrock', identity: [P({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'NotAction allow excl. bedrock', identity: [P({ Effect: 'Allow', NotAction: 'bedrock:*', Resource: '*' })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'profile ARN for a model request', identity: [P({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: PROFILE })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'profile ARN request', identity: [P({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*` })], action: 'bedrock:InvokeModel', resource: PROFILE, context: {} },
  { name: 'region-pinned ARN elsewhere', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/*' })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'deny StringNotEquals region', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-east-1' } } })], action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:RequestedRegion': ['us-west-2'] } },
  { name: 'allow StringEquals region', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'us-west-2' } } })], action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:RequestedRegion': ['us-west-2'] } },
  { name: 'SourceVpce present', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } } })], action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:SourceVpce': ['vpce-0abc'] } },
  { name: 'SourceVpce absent', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-0abc' } } })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'boundary with bedrock', identity: [FULL], boundary: P({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }), action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'boundary without bedrock', identity: [FULL], boundary: P({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'SCP NotAction region deny', identity: [FULL], scps: [[FULL, P({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } })]], action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:RequestedRegion': ['us-west-2'] } },
  { name: 'SCP deny on a model pattern', identity: [FULL], scps: [[FULL, P({ Effect: 'Deny', Action: 'bedrock:*', Resource: 'arn:aws:bedrock:*::foundation-model/stability.*' })]], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'SCP level with only denies', identity: [FULL], scps: [[FULL], [P({ Effect: 'Deny', Action: 's3:*', Resource: '*' })]], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'endpoint policy anthropic only', identity: [FULL], endpoint: P({ Effect: 'Allow', Principal: '*', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*::foundation-model/anthropic.*' }), action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:SourceVpce': ['vpce-0abc'] } },
  // The oracle accepts only Principal "*" in endpoint policies, so name the role by aws:PrincipalArn.
  { name: 'endpoint policy naming the role', identity: [FULL], endpoint: P({ Effect: 'Allow', Principal: '*', Action: 'bedrock:*', Resource: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': ROLE } } }), action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:SourceVpce': ['vpce-0abc'], 'aws:PrincipalArn': [ROLE] } },
  { name: 'endpoint policy naming another role', identity: [FULL], endpoint: P({ Effect: 'Allow', Principal: '*', Action: 'bedrock:*', Resource: '*', Condition: { ArnEquals: { 'aws:PrincipalArn': `${ROLE}-other` } } }), action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:SourceVpce': ['vpce-0abc'], 'aws:PrincipalArn': [ROLE] } },
  { name: 'StringEqualsIfExists absent', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*', Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'Null true on absent key', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*', Condition: { Null: { 'aws:SourceVpce': 'true' } } })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'ArnLike inference profile', identity: [P({ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', Condition: { ArnLike: { 'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:*:inference-profile/us.*' } } })], action: 'bedrock:InvokeModel', resource: FM, context: { 'bedrock:InferenceProfileArn': [PROFILE] } },
  { name: 'principal tag variable', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: `arn:aws:bedrock:*::foundation-model/\${aws:PrincipalTag/family}.*` })], action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:PrincipalTag/family': ['stability'] } },
  { name: 'explicit deny beats allow', identity: [FULL, P({ Effect: 'Deny', Action: 'bedrock:InvokeModel*', Resource: '*' })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'ForAllValues absent', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
  { name: 'ForAnyValue absent', identity: [P({ Effect: 'Allow', Action: 'bedrock:*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } } })], action: 'bedrock:InvokeModel', resource: FM, context: {} },
];

// Generated cases from a small vocabulary, with a fixed seed so the suite is deterministic.
const actionPatterns = ['bedrock:InvokeModel', 'bedrock:Invoke*', 'bedrock:*', '*', 'bedrock:InvokeModelWithResponseStream', 's3:GetObject', 'bedrock:Get*'];
const resourcePatterns = ['*', '*', FM, FM_EAST, 'arn:aws:bedrock:*::foundation-model/*', 'arn:aws:bedrock:*::foundation-model/stability.*', 'arn:aws:bedrock:*::foundation-model/anthropic.*', PROFILE, `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*`];
const conditions: (Json | undefined)[] = [
  undefined,
  { StringEquals: { 'aws:RequestedRegion': 'us-west-2' } },
  { StringEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
  { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-east-2'] } },
  { StringLike: { 'aws:RequestedRegion': 'us-*' } },
  { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
  { Null: { 'aws:SourceVpce': 'false' } },
  { StringNotEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
];
const statementArb = fc.record({
  effect: fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny'),
  not: fc.boolean(),
  actions: fc.subarray(actionPatterns, { minLength: 1, maxLength: 2 }),
  resources: fc.subarray(resourcePatterns, { minLength: 1, maxLength: 2 }),
  condition: fc.constantFrom(...conditions),
});
const caseArb = fc.record({
  identity: fc.array(fc.array(statementArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }),
  boundary: fc.option(fc.array(statementArb, { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 1 }),
  action: fc.constantFrom('bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'),
  resource: fc.constantFrom(FM, FM_EAST, PROFILE),
  region: fc.constantFrom('us-west-2', 'us-east-1'),
  vpce: fc.constantFrom<string | undefined>(undefined, 'vpce-1', 'vpce-2'),
});
type GenStatement = ArbValue<typeof statementArb>;
const toStatement = (s: GenStatement): Json => ({
  Effect: s.effect,
  [s.not ? 'NotAction' : 'Action']: s.actions,
  Resource: s.resources,
  ...(s.condition ? { Condition: s.condition } : {}),
});
const generated: DiffCase[] = fc.sample(caseArb, { seed: 20260926, numRuns: 100 }).map((g, i) => {
  const c: DiffCase = {
    name: `generated #${i}`,
    identity: g.identity.map((sts) => P(...sts.map(toStatement))),
    action: g.action,
    resource: g.resource,
    context: { 'aws:RequestedRegion': [g.region], ...(g.vpce ? { 'aws:SourceVpce': [g.vpce] } : {}) },
  };
  if (g.boundary) c.boundary = P(...g.boundary.map(toStatement));
  return c;
});

const lower = (context: Record<string, string[]>) => Object.fromEntries(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));

function ourLayers(c: DiffCase): PolicyLayers {
  const layers: PolicyLayers = { identity: c.identity.map((d, i) => pol(d, 'identity', `id${i}`)) };
  if (c.boundary) layers.boundary = [pol(c.boundary, 'boundary', 'pb')];
  if (c.scps) layers.scps = c.scps.map((level, i) => level.map((d, j) => pol(d, 'scp', `scp${i}-${j}`)));
  if (c.endpoint) layers.endpoint = [pol(c.endpoint, 'endpoint', 'vpce')];
  return layers;
}

async function oracle(c: DiffCase): Promise<string> {
  const r = await runSimulation(
    {
      request: { principal: ROLE, action: c.action, resource: { resource: c.resource, accountId: ACCOUNT }, contextVariables: c.context },
      identityPolicies: c.identity.map((policy, i) => ({ name: `id${i}`, policy })),
      permissionBoundaryPolicies: c.boundary ? [{ name: 'pb', policy: c.boundary }] : undefined,
      serviceControlPolicies: (c.scps ?? []).map((level, i) => ({ orgIdentifier: `ou-${i}`, policies: level.map((policy, j) => ({ name: `scp${i}-${j}`, policy })) })),
      resourceControlPolicies: [],
      vpcEndpointPolicies: c.endpoint ? [{ name: 'vpce', policy: c.endpoint }] : undefined,
    } as Parameters<typeof runSimulation>[0],
    { simulationMode: 'Strict' },
  );
  if (r.resultType === 'error') throw new Error(`oracle rejected ${c.name}: ${JSON.stringify(r.errors)}`);
  return r.overallResult;
}

describe('differential: evaluate() vs @cloud-copilot/iam-simulate', () => {
  const all = [...handWritten, ...generated];
  it('covers at least 30 cases', () => {
    expect(handWritten.length).toBeGreaterThanOrEqual(25);
    expect(all.length).toBeGreaterThanOrEqual(80);
    // The generated cases exercise every outcome, not only denials.
    const outcomes = new Map<string, number>();
    for (const c of generated) {
      const d = evaluate({ action: c.action, resource: c.resource, principalArn: ROLE, context: lower(c.context) }, ourLayers(c));
      const key = `${d.verdict}/${d.layer ?? ''}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    expect(outcomes.get('allowed/')).toBeGreaterThanOrEqual(5);
    expect(outcomes.get('denied/explicit-deny')).toBeGreaterThanOrEqual(5);
    expect(outcomes.get('denied/no-allow')).toBeGreaterThanOrEqual(5);
  });
  for (const c of all) {
    it(c.name, async () => {
      const ours = evaluate({ action: c.action, resource: c.resource, principalArn: ROLE, context: lower(c.context) }, ourLayers(c));
      const mapped = ours.verdict === 'allowed' ? 'Allowed' : ours.layer === 'explicit-deny' ? 'ExplicitlyDenied' : 'ImplicitlyDenied';
      expect(ours.verdict).not.toBe('unknown');
      expect(mapped).toBe(await oracle(c));
    });
  }
});
