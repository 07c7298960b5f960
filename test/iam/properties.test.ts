// Property-based tests: algebraic facts AWS's evaluation logic guarantees, checked on generated policies.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serviceActions } from '../../src/iam/actions.js';
import { evaluate } from '../../src/iam/evaluate.js';
import { globsIntersect, matchGlob } from '../../src/iam/match.js';
import type { Decision, EvalRequest, PolicyLayers } from '../../src/iam/types.js';
import { UNKNOWN_MARK } from '../../src/types.js';
import { ACCOUNT, FM, pol } from './helpers.js';

type Json = Record<string, unknown>;
type ArbValue<A> = A extends fc.Arbitrary<infer T> ? T : never;
const PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/us.stability.sd3-5-large-v1:0`;

const actionArb = fc.constantFrom('bedrock:InvokeModel', 'bedrock:Invoke*', 'bedrock:*', '*', 'bedrock:InvokeModelWithResponseStream', 's3:*', 'bedrock:Get*', 'bedrock:?nvokeModel');
const resourceArb = fc.constantFrom('*', FM, FM.replace('us-west-2', 'us-east-1'), 'arn:aws:bedrock:*::foundation-model/*', 'arn:aws:bedrock:*::foundation-model/stability.*', 'arn:aws:bedrock:*::foundation-model/anthropic.*', PROFILE);
const conditionArb = fc.constantFrom<Json | undefined>(
  undefined,
  { StringEquals: { 'aws:RequestedRegion': 'us-west-2' } },
  { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } },
  { StringLike: { 'aws:RequestedRegion': 'eu-*' } },
  { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } },
  { Null: { 'aws:SourceVpce': 'true' } },
  { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } },
  { 'ForAnyValue:StringLike': { 'aws:TagKeys': ['t*'] } },
);
const statementArb = (effect: fc.Arbitrary<'Allow' | 'Deny'>) =>
  fc.record({ effect, not: fc.boolean(), actions: fc.array(actionArb, { minLength: 1, maxLength: 2 }), resources: fc.array(resourceArb, { minLength: 1, maxLength: 2 }), condition: conditionArb }).map((s): Json => ({
    Effect: s.effect,
    [s.not ? 'NotAction' : 'Action']: s.actions,
    Resource: s.resources,
    ...(s.condition ? { Condition: s.condition } : {}),
  }));
const anyStatement = statementArb(fc.constantFrom('Allow', 'Allow', 'Deny'));
const policiesArb = fc.array(fc.array(anyStatement, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 });
const requestArb = fc.record({
  action: fc.constantFrom('bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 's3:GetObject'),
  resource: fc.constantFrom(FM, PROFILE, FM.replace('us-west-2', 'us-east-1')),
  region: fc.constantFrom('us-west-2', 'us-east-1', 'eu-west-1'),
  vpce: fc.constantFrom<string | undefined>(undefined, 'vpce-1'),
  tags: fc.constantFrom<string[] | undefined>(undefined, [], ['team'], ['team', 'cost']),
});
const scenarioArb = fc.record({ identity: policiesArb, boundary: fc.option(fc.array(anyStatement, { minLength: 1, maxLength: 3 }), { nil: undefined }), req: requestArb });
type Scenario = ArbValue<typeof scenarioArb>;

function request(r: Scenario['req']): EvalRequest {
  const context: EvalRequest['context'] = { 'aws:requestedregion': [r.region] };
  if (r.vpce) context['aws:sourcevpce'] = [r.vpce];
  if (r.tags) context['aws:tagkeys'] = r.tags;
  return { action: r.action, resource: r.resource, context };
}

function layers(identity: Json[][], boundary?: Json[]): PolicyLayers {
  const l: PolicyLayers = { identity: identity.map((sts, i) => pol({ Statement: sts }, 'identity', `p${i}`)) };
  if (boundary) l.boundary = [pol({ Statement: boundary }, 'boundary', 'pb')];
  return l;
}

const run = (s: Scenario, identity = s.identity, boundary = s.boundary): Decision => evaluate(request(s.req), layers(identity, boundary));

describe('evaluation properties', () => {
  it('inputs without unknowns never give unknown', () => {
    fc.assert(fc.property(scenarioArb, (s) => run(s).verdict !== 'unknown'), { numRuns: 300 });
  });

  it('adding a Deny never turns a denial into an allow', () => {
    fc.assert(
      fc.property(scenarioArb, statementArb(fc.constant('Deny')), fc.nat(), (s, extra, where) => {
        const before = run(s);
        const identity = s.identity.map((p) => [...p]);
        identity[where % identity.length]!.push(extra);
        const after = run(s, identity);
        if (before.verdict === 'denied') expect(after.verdict).toBe('denied');
        if (after.verdict === 'allowed') expect(before.verdict).toBe('allowed');
      }),
      { numRuns: 300 },
    );
  });

  it('adding an Allow never overrides an explicit deny', () => {
    fc.assert(
      fc.property(scenarioArb, statementArb(fc.constant('Allow')), (s, extra) => {
        const before = run(s);
        const after = run(s, [...s.identity, [extra]], s.boundary ? [...s.boundary, extra] : undefined);
        if (before.layer === 'explicit-deny') expect([after.verdict, after.layer]).toEqual(['denied', 'explicit-deny']);
      }),
      { numRuns: 300 },
    );
  });

  it('statement and policy order never matter', () => {
    fc.assert(
      fc.property(scenarioArb, fc.infiniteStream(fc.nat()), (s, rnd) => {
        const shuffle = <T>(xs: T[]): T[] => {
          const a = [...xs];
          for (let i = a.length - 1; i > 0; i--) {
            const j = (rnd.next().value as number) % (i + 1);
            [a[i], a[j]] = [a[j] as T, a[i] as T];
          }
          return a;
        };
        const before = run(s);
        const after = run(s, shuffle(s.identity.map(shuffle)), s.boundary ? shuffle(s.boundary) : undefined);
        expect([after.verdict, after.layer]).toEqual([before.verdict, before.layer]);
      }),
      { numRuns: 300 },
    );
  });

  it('an unknown part never gives a verdict that some concrete value contradicts', () => {
    // Replace part of one resource pattern by UNKNOWN_MARK; a definite verdict must hold for every
    // concrete value the mark could stand for.
    const fillArb = fc.constantFrom('', 'us-west-2', 'us-east-1', 'stability.sd3-5-large-v1:0', 'anthropic', ACCOUNT, '*', 'x');
    fc.assert(
      fc.property(scenarioArb, fc.nat(), fc.nat(), fc.nat(), fc.array(fillArb, { minLength: 1, maxLength: 4 }), (s, pi, si, cut, fills) => {
        const p = s.identity[pi % s.identity.length]!;
        const st = p[si % p.length]!;
        const resources = st['Resource'] as string[];
        const original = resources[0]!;
        const start = cut % (original.length + 1);
        const end = Math.min(original.length, start + 1 + (cut % 9));
        const withValue = (v: string) => s.identity.map((q) => q.map((t) => (t === st ? { ...t, Resource: [original.slice(0, start) + v + original.slice(end), ...resources.slice(1)] } : t)));
        const marked = run(s, withValue(UNKNOWN_MARK));
        if (marked.verdict === 'unknown') return;
        for (const v of [original.slice(start, end), ...fills]) expect(run(s, withValue(v)).verdict).toBe(marked.verdict);
      }),
      { numRuns: 300 },
    );
  });
});

describe('wildcard matching properties', () => {
  const bedrockActions = serviceActions('bedrock')!;
  const nameArb = fc.constantFrom(...bedrockActions);

  /** Reference glob matcher: plain recursion, no regular expressions. */
  function reference(p: string, s: string): boolean {
    if (p === '') return s === '';
    if (p[0] === '*') return reference(p.slice(1), s) || (s !== '' && reference(p, s.slice(1)));
    if (s === '') return false;
    return (p[0] === '?' || p[0] === s[0]) && reference(p.slice(1), s.slice(1));
  }

  it('a pattern made from an action name by wildcarding parts matches it, in any case', () => {
    fc.assert(
      fc.property(nameArb, fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.boolean()), { maxLength: 3 }), (name, holes) => {
        let pattern = name;
        for (const [at, len, star] of holes) {
          const i = at % (pattern.length + 1);
          pattern = star ? `${pattern.slice(0, i)}*${pattern.slice(i + len)}` : i < pattern.length && pattern[i] !== '*' ? `${pattern.slice(0, i)}?${pattern.slice(i + 1)}` : pattern;
        }
        expect(matchGlob(`bedrock:${pattern}`, `bedrock:${name}`.toLowerCase(), true)).toBe(true);
        expect(matchGlob(`BEDROCK:${pattern.toUpperCase()}`, `bedrock:${name}`, true)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('an exact pattern matches exactly the same action names', () => {
    fc.assert(
      fc.property(nameArb, nameArb, (a, b) => {
        expect(matchGlob(`bedrock:${a}`, `bedrock:${b}`.toLowerCase(), true)).toBe(a.toLowerCase() === b.toLowerCase());
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with a reference glob matcher, and with glob intersection', () => {
    const patternArb = fc.string({ unit: fc.constantFrom('a', 'b', ':', '*', '?'), maxLength: 8 });
    const valueArb = fc.string({ unit: fc.constantFrom('a', 'b', ':'), maxLength: 8 });
    fc.assert(
      fc.property(patternArb, valueArb, (p, s) => {
        const expected = reference(p, s);
        expect(matchGlob(p, s, false)).toBe(expected);
        expect(globsIntersect(p, s, false)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a value with an unknown part is unknown exactly when some filling could match', () => {
    const patternArb = fc.string({ unit: fc.constantFrom('a', 'b', '*', '?'), maxLength: 6 });
    const fillings = ['', 'a', 'b', 'ab', 'ba', 'aa', 'bb', 'aab', 'bba', 'abab'];
    fc.assert(
      fc.property(patternArb, fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 3 }), fc.string({ unit: fc.constantFrom('a', 'b'), maxLength: 3 }), (p, left, right) => {
        const r = matchGlob(p, `${left}${UNKNOWN_MARK}${right}`, false);
        const concrete = fillings.map((f) => reference(p, `${left}${f}${right}`));
        if (r === true) expect(concrete.every(Boolean)).toBe(true);
        if (r === false) expect(concrete.some(Boolean)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
