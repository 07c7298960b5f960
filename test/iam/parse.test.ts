import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/iam/evaluate.js';
import { parsePolicyJson, parsePolicyNode } from '../../src/iam/parse.js';
import { UNKNOWN_MARK, type Loc, type MapEntry, type Node } from '../../src/types.js';
import { FM, loc } from './helpers.js';

// A tiny located-tree builder: every node gets its own line so locations can be checked.
let line = 0;
function node(v: unknown): Node {
  const l: Loc = loc('t.yaml', ++line);
  if (v instanceof Unknown) return { kind: 'unknown', reason: v.reason, loc: l };
  if (Array.isArray(v)) return { kind: 'seq', items: v.map(node), loc: l };
  if (v !== null && typeof v === 'object') {
    const entries: MapEntry[] = Object.entries(v).map(([key, value]) => ({ key, keyLoc: loc('t.yaml', line + 1), value: node(value) }));
    return { kind: 'map', entries, loc: l };
  }
  return { kind: 'scalar', value: v as string | number | boolean | null, loc: l };
}
class Unknown {
  constructor(readonly reason: string) {}
}
const meta = { id: 'p', name: 'P', kind: 'identity' as const };

describe('parsePolicyNode', () => {
  it('reads a single statement object with string values', () => {
    const d = parsePolicyNode(node({ Version: '2012-10-17', Statement: { Sid: 'A', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: FM } }), meta);
    expect(d.version).toBe('2012-10-17');
    expect(d.statements).toHaveLength(1);
    const s = d.statements[0]!;
    expect([s.index, s.sid, s.effect]).toEqual([0, 'A', 'Allow']);
    expect(s.action?.map((a) => a.value)).toEqual(['bedrock:InvokeModel']);
    expect(s.resource?.map((a) => a.value)).toEqual([FM]);
    expect(s.conditions).toEqual([]);
  });

  it('reads statement lists, list values, NotAction and NotResource, and keeps locations', () => {
    line = 0;
    const d = parsePolicyNode(
      node({
        Statement: [
          { Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: ['a', 'b'] },
          { Effect: 'Deny', NotAction: 'iam:*', NotResource: ['c'] },
        ],
      }),
      meta,
    );
    expect(d.version).toBeUndefined();
    expect(d.statements.map((s) => [s.index, s.effect])).toEqual([
      [0, 'Allow'],
      [1, 'Deny'],
    ]);
    expect(d.statements[0]!.action!.map((a) => [a.value, a.loc.line])).toEqual([
      ['bedrock:InvokeModel', 6],
      ['bedrock:InvokeModelWithResponseStream', 7],
    ]);
    expect(d.statements[1]!.notAction!.map((a) => a.value)).toEqual(['iam:*']);
    expect(d.statements[1]!.notResource!.map((a) => a.value)).toEqual(['c']);
    expect(d.statements[1]!.action).toBeUndefined();
  });

  it('reads Principal forms', () => {
    const d = parsePolicyNode(
      node({
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: '*' },
          { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:role/a', '444455556666'], Service: 'lambda.amazonaws.com' }, Action: '*', Resource: '*' },
          { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/a' }, Action: '*', Resource: '*' },
        ],
      }),
      { ...meta, kind: 'endpoint' },
    );
    const [a, b, c, e] = d.statements;
    expect([a!.principal!.any, b!.principal!.any, c!.principal!.any]).toEqual([true, true, false]);
    expect(c!.principal!.entries['AWS']!.map((v) => v.value)).toEqual(['arn:aws:iam::111122223333:role/a', '444455556666']);
    expect(c!.principal!.entries['Service']!.map((v) => v.value)).toEqual(['lambda.amazonaws.com']);
    expect(e!.notPrincipal!.entries['AWS']!.map((v) => v.value)).toEqual(['arn:aws:iam::111122223333:role/a']);
  });

  it('reads conditions; booleans and numbers become strings', () => {
    const d = parsePolicyNode(
      node({
        Statement: {
          Effect: 'Allow',
          Action: '*',
          Resource: '*',
          Condition: { Bool: { 'aws:SecureTransport': true }, NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 }, StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'], 'aws:PrincipalAccount': '111122223333' } },
        },
      }),
      meta,
    );
    expect(d.statements[0]!.conditions.map((c) => [c.operator, c.key, c.values.map((v) => v.value)])).toEqual([
      ['Bool', 'aws:SecureTransport', ['true']],
      ['NumericLessThan', 'aws:MultiFactorAuthAge', ['3600']],
      ['StringEquals', 'aws:RequestedRegion', ['us-east-1', 'us-west-2']],
      ['StringEquals', 'aws:PrincipalAccount', ['111122223333']],
    ]);
  });

  it('turns unknown values into UNKNOWN_MARK with their reason and keeps partial marks', () => {
    const d = parsePolicyNode(
      node({ Statement: { Effect: 'Allow', Action: ['bedrock:InvokeModel', new Unknown('Fn::ImportValue actions')], Resource: `arn:aws:bedrock:${UNKNOWN_MARK}::foundation-model/x` } }),
      meta,
    );
    const s = d.statements[0]!;
    expect(s.action!.map((a) => [a.value, a.unknown])).toEqual([
      ['bedrock:InvokeModel', undefined],
      [UNKNOWN_MARK, 'Fn::ImportValue actions'],
    ]);
    expect(s.resource![0]!.value).toBe(`arn:aws:bedrock:${UNKNOWN_MARK}::foundation-model/x`);
    expect(s.resource![0]!.unknown).toBe('partly unresolved value');
    expect(d.unknown).toBeUndefined();
  });

  it('a wholly unknown document has no statements and says why', () => {
    const d = parsePolicyNode(node(new Unknown('parameter PolicyDoc has no default')), meta);
    expect(d).toMatchObject({ id: 'p', name: 'P', kind: 'identity', statements: [], unknown: 'parameter PolicyDoc has no default' });
  });

  it('an unknown statement marks the document unknown and keeps the others', () => {
    const d = parsePolicyNode(node({ Statement: [new Unknown('Fn::If on IsProd'), { Effect: 'Allow', Action: '*', Resource: '*' }] }), meta);
    expect(d.unknown).toBe('Fn::If on IsProd');
    expect(d.statements.map((s) => s.index)).toEqual([1]);
  });

  it('an unresolved Effect marks the document unknown', () => {
    const d = parsePolicyNode(node({ Statement: [{ Effect: new Unknown('Ref EffectParam'), Action: '*', Resource: '*' }] }), meta);
    expect(d.unknown).toBe('Effect of statement 0 is unresolved');
    expect(d.statements).toEqual([]);
  });

  it('skips statements with an invalid Effect', () => {
    const d = parsePolicyNode(node({ Statement: [{ Effect: 'Alow', Action: '*', Resource: '*' }] }), meta);
    expect(d.statements).toEqual([]);
    expect(d.unknown).toBeUndefined();
  });

  it('an unknown Condition block makes the statement unknown when evaluated', () => {
    const d = parsePolicyNode(node({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: '*', Resource: '*', Condition: new Unknown('Ref Cond') } }), meta);
    expect(d.statements[0]!.conditions.map((c) => c.operator)).toEqual([UNKNOWN_MARK]);
    expect(evaluate({ action: 'bedrock:InvokeModel', resource: FM, context: {} }, { identity: [d] }).verdict).toBe('unknown');
  });

  it('parses a policy given as a JSON string (VPC endpoint PolicyDocument)', () => {
    const text = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'bedrock:*', Resource: '*' }] });
    const d = parsePolicyNode({ kind: 'scalar', value: text, loc: loc('t.yaml', 40) }, { ...meta, kind: 'endpoint' });
    expect(d.statements[0]!.principal!.any).toBe(true);
    expect(d.statements[0]!.action![0]!.loc.line).toBe(40);
    expect(parsePolicyNode({ kind: 'scalar', value: '{not json', loc: loc('t.yaml', 40) }, meta).unknown).toBe('policy document is a string that is not valid JSON');
  });
});

describe('parsePolicyJson', () => {
  it('locates every value at the given location and copies the metadata', () => {
    const at = loc('aws-managed:X', 1);
    const d = parsePolicyJson({ Version: '2012-10-17', Statement: [{ Sid: 'S', Effect: 'Allow', Action: ['logs:*'], Resource: '*' }] }, { id: 'aws-managed:X', name: 'X', kind: 'identity', managedArn: 'arn:aws:iam::aws:policy/X', loc: at });
    expect(d.managedArn).toBe('arn:aws:iam::aws:policy/X');
    expect(d.loc).toEqual(at);
    expect(d.statements[0]!.loc).toEqual(at);
    expect(d.statements[0]!.action![0]).toEqual({ value: 'logs:*', loc: at });
  });
});
