import { describe, expect, it } from 'vitest';
import { evaluateCondition, ipInCidr, parseOperator } from '../../src/iam/conditions.js';
import type { Condition } from '../../src/iam/types.js';
import { UNKNOWN_MARK } from '../../src/types.js';
import { loc } from './helpers.js';

const at = loc('c.json');
const cond = (operator: string, key: string, values: string[]): Condition => ({ operator, key, values: values.map((value) => ({ value, loc: at })), loc: at });
const env = (context: Record<string, string[] | 'unknown'>, variables = true) => ({ lookup: (k: string) => context[k], variables });

describe('parseOperator', () => {
  it.each([
    ['StringEquals', { base: 'StringEquals', ifExists: false, negated: false }],
    ['ForAnyValue:StringLikeIfExists', { base: 'StringLike', set: 'any', ifExists: true, negated: false }],
    ['ForAllValues:StringNotEquals', { base: 'StringNotEquals', set: 'all', ifExists: false, negated: true }],
    ['NotIpAddressIfExists', { base: 'NotIpAddress', ifExists: true, negated: true }],
    ['DateLessThanEquals', { base: 'DateLessThanEquals', ifExists: false, negated: false }],
    ['Null', { base: 'Null', ifExists: false, negated: false }],
  ])('%s', (op, expected) => {
    expect(parseOperator(op)).toMatchObject(expected);
  });

  it.each(['StringEqualz', 'NullIfExists', 'ForSomeValues:StringEquals', 'Numeric', ''])('rejects %s', (op) => {
    expect(parseOperator(op)).toBeUndefined();
  });
});

describe('ipInCidr', () => {
  it.each([
    ['10.1.2.3', '10.0.0.0/8', true],
    ['11.1.2.3', '10.0.0.0/8', false],
    ['192.0.2.7', '192.0.2.7', true],
    ['192.0.2.7', '0.0.0.0/0', true],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db9::1', '2001:db8::/32', false],
    ['::ffff:10.0.0.1', '::ffff:10.0.0.0/120', true],
    ['::1', '::1/128', true],
    ['10.0.0.1', '2001:db8::/32', false],
    ['not-an-ip', '10.0.0.0/8', false],
    ['10.0.0.1', '10.0.0.0/33', false],
  ] as const)('%s in %s → %s', (ip, cidr, expected) => {
    expect(ipInCidr(ip, cidr)).toBe(expected);
  });
  it('is unknown with an unknown part', () => {
    expect(ipInCidr(`10.0.0.${UNKNOWN_MARK}`, '10.0.0.0/8')).toBe('unknown');
  });
});

describe('evaluateCondition', () => {
  it('ArnLike compares each ARN component; "*" matches any ARN', () => {
    const arn = 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.x';
    expect(evaluateCondition(cond('ArnLike', 'bedrock:InferenceProfileArn', ['arn:aws:bedrock:*:*:inference-profile/*']), env({ 'bedrock:inferenceprofilearn': [arn] }))).toBe(true);
    expect(evaluateCondition(cond('ArnLike', 'bedrock:InferenceProfileArn', ['arn:aws:bedrock:*:inference-profile/*']), env({ 'bedrock:inferenceprofilearn': [arn] }))).toBe(false);
    expect(evaluateCondition(cond('ArnLike', 'bedrock:InferenceProfileArn', ['*']), env({ 'bedrock:inferenceprofilearn': [arn] }))).toBe(true);
    expect(evaluateCondition(cond('ArnNotLike', 'bedrock:InferenceProfileArn', ['arn:aws:bedrock:*:*:inference-profile/eu.*']), env({ 'bedrock:inferenceprofilearn': [arn] }))).toBe(true);
  });

  it('negated operators on absent keys are true, positive ones false', () => {
    expect(evaluateCondition(cond('StringNotLike', 'aws:SourceVpce', ['vpce-*']), env({}))).toBe(true);
    expect(evaluateCondition(cond('ArnNotEquals', 'aws:SourceArn', ['arn:aws:s3:::b']), env({}))).toBe(true);
    expect(evaluateCondition(cond('NumericEquals', 'aws:MultiFactorAuthAge', ['1']), env({}))).toBe(false);
    expect(evaluateCondition(cond('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['a']), env({}))).toBe(false);
  });

  it('multivalued keys: ForAllValues / ForAnyValue with negation', () => {
    const tags = env({ 'aws:tagkeys': ['a', 'b'] });
    expect(evaluateCondition(cond('ForAllValues:StringEquals', 'aws:TagKeys', ['a', 'b', 'c']), tags)).toBe(true);
    expect(evaluateCondition(cond('ForAllValues:StringNotEquals', 'aws:TagKeys', ['c']), tags)).toBe(true);
    expect(evaluateCondition(cond('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['a']), tags)).toBe(true);
    expect(evaluateCondition(cond('ForAnyValue:StringNotEquals', 'aws:TagKeys', ['a', 'b']), tags)).toBe(false);
    expect(evaluateCondition(cond('StringNotEquals', 'aws:TagKeys', ['a']), tags)).toBe(false);
  });

  it('policy variables in condition values, only when enabled', () => {
    const c = cond('StringEquals', 'aws:ResourceTag/owner', ['${aws:username}']);
    const context = { 'aws:resourcetag/owner': ['alice'], 'aws:username': ['alice'] };
    expect(evaluateCondition(c, env(context))).toBe(true);
    expect(evaluateCondition(c, env(context, false))).toBe(false);
    expect(evaluateCondition(c, env({ ...context, 'aws:username': 'unknown' }))).toBe('unknown');
  });

  it('unknown values stay unknown unless they cannot match', () => {
    expect(evaluateCondition(cond('StringEquals', 'aws:SourceVpce', [`vpce-${UNKNOWN_MARK}`]), env({ 'aws:sourcevpce': ['vpce-1'] }))).toBe('unknown');
    expect(evaluateCondition(cond('StringEquals', 'aws:SourceVpce', [`vpce-${UNKNOWN_MARK}`]), env({ 'aws:sourcevpce': ['other'] }))).toBe(false);
    expect(evaluateCondition(cond('NumericLessThan', 'aws:MultiFactorAuthAge', [UNKNOWN_MARK]), env({ 'aws:multifactorauthage': ['5'] }))).toBe('unknown');
    expect(evaluateCondition(cond('Null', 'aws:SourceVpce', ['true']), env({ 'aws:sourcevpce': 'unknown' }))).toBe('unknown');
  });
});
