import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/iam/evaluate.js';
import { managedPolicy } from '../../src/iam/managed.js';
import { parsePolicyNode } from '../../src/iam/parse.js';
import type { DecisionLayer, EvalRequest, PolicyDoc, PolicyLayers, Verdict } from '../../src/iam/types.js';
import { UNKNOWN_MARK, type Node } from '../../src/types.js';
import { ACCOUNT, FM, FM_ID, ROLE, allow, deny, loc, pol } from './helpers.js';

type Stmt = Record<string, unknown>;
const id = (...statements: Stmt[]): PolicyDoc => pol({ Statement: statements }, 'identity', 'Inline');
const doc = (kind: PolicyDoc['kind'], name: string, ...statements: Stmt[]): PolicyDoc => pol({ Statement: statements }, kind, name);
const unknownDoc = (name: string): PolicyDoc => ({
  id: name,
  name,
  kind: 'identity',
  loc: loc('t.yaml', 9),
  statements: [],
  unknown: 'customer managed policy arn:aws:iam::111122223333:policy/ext is not in the inputs',
});

const FULL_ACCESS = doc('scp', 'FullAWSAccess', allow('*'));
const REGIONLESS = `arn:aws:bedrock:::foundation-model/${FM_ID}`;
const PROFILE = `arn:aws:bedrock:us-east-1:${ACCOUNT}:inference-profile/global.${FM_ID}`;
const M = UNKNOWN_MARK;

interface Case {
  name: string;
  layers: PolicyLayers;
  req?: Partial<EvalRequest>;
  expect: [Verdict, DecisionLayer?, string?];
}

const ctx = (o: Record<string, string[] | 'unknown'>) => ({ context: o });
const region = (r: string) => ctx({ 'aws:requestedregion': [r] });

const cases: Case[] = [
  // --- actions -----------------------------------------------------------------------------
  { name: 'exact action and resource', layers: { identity: [id({ Sid: 'Invoke', ...allow('bedrock:InvokeModel', FM) })] }, expect: ['allowed', undefined, 'Invoke'] },
  { name: 'no policies at all', layers: { identity: [] }, expect: ['denied', 'no-allow'] },
  { name: 'only the streaming action is allowed', layers: { identity: [id(allow('bedrock:InvokeModelWithResponseStream', FM))] }, expect: ['denied', 'no-allow'] },
  { name: 'action match is case-insensitive', layers: { identity: [id(allow('BEDROCK:invokemodel', FM))] }, expect: ['allowed'] },
  { name: 'action wildcard Invoke*', layers: { identity: [id(allow('bedrock:Invoke*', FM))] }, expect: ['allowed'] },
  { name: 'service wildcard bedrock:*', layers: { identity: [id(allow('bedrock:*'))] }, expect: ['allowed'] },
  { name: 'action "*"', layers: { identity: [id(allow('*'))] }, expect: ['allowed'] },
  { name: '? needs exactly one character', layers: { identity: [id(allow('bedrock:InvokeModel?'))] }, expect: ['denied', 'no-allow'] },
  { name: '? matches one character', layers: { identity: [id(allow('bedrock:Invoke?odel'))] }, expect: ['allowed'] },
  { name: 'action list with a typo and the right one', layers: { identity: [id(allow(['bedrock:InvokeModels', 'bedrock:InvokeModel'], FM))] }, expect: ['allowed'] },
  { name: 'bedrock-runtime:InvokeModel grants nothing', layers: { identity: [id(allow('bedrock-runtime:InvokeModel', FM))] }, expect: ['denied', 'no-allow'] },
  // --- resources ---------------------------------------------------------------------------
  { name: 'resource match is case-sensitive', layers: { identity: [id(allow('bedrock:InvokeModel', FM.replace('stability', 'Stability')))] }, expect: ['denied', 'no-allow'] },
  { name: 'region wildcard in the resource', layers: { identity: [id(allow('bedrock:InvokeModel', 'arn:aws:bedrock:*::foundation-model/*'))] }, expect: ['allowed'] },
  { name: 'resource in another region', layers: { identity: [id(allow('bedrock:InvokeModel', FM.replace('us-west-2', 'us-east-1')))] }, expect: ['denied', 'no-allow'] },
  { name: 'inference-profile ARN does not cover the foundation model', layers: { identity: [id(allow('bedrock:InvokeModel', PROFILE))] }, expect: ['denied', 'no-allow'] },
  { name: 'foundation-model ARN with an account matches nothing', layers: { identity: [id(allow('bedrock:InvokeModel', FM.replace('::', `:${ACCOUNT}:`)))] }, expect: ['denied', 'no-allow'] },
  { name: '* region matches the region-less global ARN', layers: { identity: [id(allow('bedrock:InvokeModel', `arn:aws:bedrock:*::foundation-model/${FM_ID}`))] }, req: { resource: REGIONLESS }, expect: ['allowed'] },
  { name: 'us-* region does not match the region-less ARN', layers: { identity: [id(allow('bedrock:InvokeModel', `arn:aws:bedrock:us-*::foundation-model/${FM_ID}`))] }, req: { resource: REGIONLESS }, expect: ['denied', 'no-allow'] },
  { name: '*:* in region and account match an empty account', layers: { identity: [id(allow('bedrock:InvokeModel', 'arn:aws:bedrock:*:*:foundation-model/*'))] }, expect: ['allowed'] },
  // --- explicit deny -----------------------------------------------------------------------
  { name: 'explicit deny overrides allow in the same policy', layers: { identity: [id(allow('bedrock:*'), { Sid: 'NoInvoke', ...deny('bedrock:InvokeModel') })] }, expect: ['denied', 'explicit-deny', 'NoInvoke'] },
  { name: 'explicit deny in another policy', layers: { identity: [id(allow('*')), doc('identity', 'Guard', { Sid: 'G', ...deny('bedrock:Invoke*', 'arn:aws:bedrock:*::foundation-model/stability.*') })] }, expect: ['denied', 'explicit-deny', 'G'] },
  { name: 'deny bedrock:* beats allow *', layers: { identity: [id(allow('*'), { Sid: 'D', ...deny('bedrock:*') })] }, expect: ['denied', 'explicit-deny', 'D'] },
  { name: 'deny on another resource does not apply', layers: { identity: [id(allow('bedrock:*'), deny('bedrock:*', PROFILE))] }, expect: ['allowed'] },
  // --- NotAction / NotResource -------------------------------------------------------------
  { name: 'NotAction Allow (PowerUserAccess shape) covers bedrock', layers: { identity: [id({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' })] }, expect: ['allowed'] },
  { name: 'NotAction Allow that excludes bedrock', layers: { identity: [id({ Effect: 'Allow', NotAction: 'bedrock:*', Resource: '*' })] }, expect: ['denied', 'no-allow'] },
  { name: 'NotAction Deny catches bedrock', layers: { identity: [id(allow('*'), { Sid: 'OnlyS3', Effect: 'Deny', NotAction: 's3:*', Resource: '*' })] }, expect: ['denied', 'explicit-deny', 'OnlyS3'] },
  { name: 'NotResource Allow', layers: { identity: [id({ Effect: 'Allow', Action: 'bedrock:InvokeModel', NotResource: PROFILE })] }, expect: ['allowed'] },
  { name: 'NotResource Deny that excludes the model', layers: { identity: [id(allow('bedrock:*'), { Effect: 'Deny', Action: 'bedrock:*', NotResource: FM })] }, expect: ['allowed'] },
  // --- permissions boundary ----------------------------------------------------------------
  { name: 'boundary without bedrock', layers: { identity: [id(allow('bedrock:*'))], boundary: [doc('boundary', 'B', allow('s3:*'))] }, expect: ['denied', 'boundary'] },
  { name: 'boundary with bedrock', layers: { identity: [id(allow('bedrock:*'))], boundary: [doc('boundary', 'B', allow('bedrock:InvokeModel'))] }, expect: ['allowed'] },
  { name: 'boundary set but empty', layers: { identity: [id(allow('bedrock:*'))], boundary: [] }, expect: ['denied', 'boundary'] },
  { name: 'boundary alone grants nothing', layers: { identity: [], boundary: [doc('boundary', 'B', allow('*'))] }, expect: ['denied', 'no-allow'] },
  { name: 'deny in the boundary', layers: { identity: [id(allow('*'))], boundary: [doc('boundary', 'B', allow('*'), { Sid: 'BD', ...deny('bedrock:*') })] }, expect: ['denied', 'explicit-deny', 'BD'] },
  // --- SCPs and RCPs -----------------------------------------------------------------------
  { name: 'SCP FullAWSAccess', layers: { identity: [id(allow('bedrock:*'))], scps: [[FULL_ACCESS]] }, expect: ['allowed'] },
  { name: 'SCP level with only denies is an implicit deny', layers: { identity: [id(allow('bedrock:*'))], scps: [[doc('scp', 'DenyS3', deny('s3:*'))]] }, expect: ['denied', 'scp'] },
  { name: 'SCP second level allows only s3', layers: { identity: [id(allow('bedrock:*'))], scps: [[FULL_ACCESS], [doc('scp', 'OU', allow('s3:*'))]] }, expect: ['denied', 'scp'] },
  { name: 'SCP both levels allow bedrock', layers: { identity: [id(allow('bedrock:*'))], scps: [[FULL_ACCESS], [doc('scp', 'OU', allow('bedrock:*'))]] }, expect: ['allowed'] },
  { name: 'SCP allow never grants by itself', layers: { identity: [], scps: [[FULL_ACCESS]] }, expect: ['denied', 'no-allow'] },
  {
    name: 'SCP region deny, other region',
    layers: { identity: [id(allow('bedrock:*'))], scps: [[FULL_ACCESS, doc('scp', 'Regions', { Sid: 'R', Effect: 'Deny', NotAction: ['iam:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1'] } } })]] },
    req: region('us-west-2'),
    expect: ['denied', 'explicit-deny', 'R'],
  },
  {
    name: 'SCP region deny, allowed region',
    layers: { identity: [id(allow('bedrock:*'))], scps: [[FULL_ACCESS, doc('scp', 'Regions', { Effect: 'Deny', NotAction: ['iam:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } } })]] },
    req: region('us-west-2'),
    expect: ['allowed'],
  },
  {
    name: 'SCP region deny blocks global CRIS (RequestedRegion unspecified)',
    layers: { identity: [id(allow('bedrock:*'))], scps: [[FULL_ACCESS, doc('scp', 'Regions', { Sid: 'R', Effect: 'Deny', NotAction: ['iam:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } } })]] },
    req: { resource: REGIONLESS, ...region('unspecified') },
    expect: ['denied', 'explicit-deny', 'R'],
  },
  { name: 'RCP allowing everything', layers: { identity: [id(allow('bedrock:*'))], rcps: [[doc('rcp', 'RCPFullAWSAccess', { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })]] }, expect: ['allowed'] },
  { name: 'RCP level with only denies', layers: { identity: [id(allow('bedrock:*'))], rcps: [[doc('rcp', 'R', { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' })]] }, expect: ['denied', 'rcp'] },
  // --- conditions --------------------------------------------------------------------------
  { name: 'StringEquals region matches', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-west-2' } } }))] }, req: region('us-west-2'), expect: ['allowed'] },
  { name: 'StringEquals region mismatch → condition', layers: { identity: [id({ Sid: 'C', ...allow('bedrock:InvokeModel', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } } }) })] }, req: region('us-west-2'), expect: ['denied', 'condition', 'C'] },
  { name: 'StringEquals with the key absent → condition', layers: { identity: [id({ Sid: 'C', ...allow('bedrock:InvokeModel', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }) })] }, expect: ['denied', 'condition', 'C'] },
  { name: 'StringEqualsIfExists with the key absent', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } }))] }, expect: ['allowed'] },
  { name: 'StringEqualsIfExists with a different value', layers: { identity: [id({ Sid: 'C', ...allow('bedrock:InvokeModel', '*', { Condition: { StringEqualsIfExists: { 'aws:SourceVpce': 'vpce-1' } } }) })] }, req: ctx({ 'aws:sourcevpce': ['vpce-2'] }), expect: ['denied', 'condition', 'C'] },
  { name: 'StringNotEquals with the key absent is true', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1' } } }))] }, expect: ['allowed'] },
  { name: 'Null true with the key absent', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { Null: { 'aws:SourceVpce': 'true' } } }))] }, expect: ['allowed'] },
  { name: 'Null false with the key absent', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { Null: { 'aws:SourceVpce': false } } }))] }, expect: ['denied', 'condition'] },
  { name: 'ForAllValues with the key absent is true', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } }))] }, expect: ['allowed'] },
  { name: 'ForAllValues with an empty set is true', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } }))] }, req: ctx({ 'aws:tagkeys': [] }), expect: ['allowed'] },
  { name: 'ForAllValues with an extra value', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } }))] }, req: ctx({ 'aws:tagkeys': ['team', 'cost'] }), expect: ['denied', 'condition'] },
  { name: 'ForAnyValue with the key absent is false', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } } }))] }, expect: ['denied', 'condition'] },
  { name: 'ForAnyValue with one match', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } } }))] }, req: ctx({ 'aws:tagkeys': ['cost', 'team'] }), expect: ['allowed'] },
  { name: 'condition keys are case-insensitive', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringEquals: { 'AWS:REQUESTEDREGION': 'us-west-2' } } }))] }, req: region('us-west-2'), expect: ['allowed'] },
  { name: 'StringLike wildcard value', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringLike: { 'aws:RequestedRegion': 'us-*' } } }))] }, req: region('us-west-2'), expect: ['allowed'] },
  { name: 'StringNotLike on an allow', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringNotLike: { 'aws:RequestedRegion': 'eu-*' } } }))] }, req: region('us-west-2'), expect: ['allowed'] },
  { name: 'StringEqualsIgnoreCase', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'ML' } } }))] }, req: ctx({ 'aws:principaltag/team': ['ml'] }), expect: ['allowed'] },
  { name: 'StringEquals is case-sensitive on values', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringEquals: { 'aws:PrincipalTag/team': 'ML' } } }))] }, req: ctx({ 'aws:principaltag/team': ['ml'] }), expect: ['denied', 'condition'] },
  { name: 'NumericLessThan true', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': 3600 } } }))] }, req: ctx({ 'aws:multifactorauthage': ['100'] }), expect: ['allowed'] },
  { name: 'NumericLessThan false', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }))] }, req: ctx({ 'aws:multifactorauthage': ['7200'] }), expect: ['denied', 'condition'] },
  { name: 'DateGreaterThan ISO date', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } } }))] }, req: ctx({ 'aws:currenttime': ['2026-09-01T12:00:00Z'] }), expect: ['allowed'] },
  { name: 'DateLessThan with epoch seconds', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { DateLessThan: { 'aws:EpochTime': '1577836800' } } }))] }, req: ctx({ 'aws:epochtime': ['1780000000'] }), expect: ['denied', 'condition'] },
  { name: 'Bool true', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { Bool: { 'aws:SecureTransport': true } } }))] }, req: ctx({ 'aws:securetransport': ['true'] }), expect: ['allowed'] },
  { name: 'IpAddress IPv4 CIDR', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8'] } } }))] }, req: ctx({ 'aws:sourceip': ['10.1.2.3'] }), expect: ['allowed'] },
  { name: 'IpAddress IPv6 CIDR', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { IpAddress: { 'aws:SourceIp': ['2001:db8::/32'] } } }))] }, req: ctx({ 'aws:sourceip': ['2001:db8:0:1::5'] }), expect: ['allowed'] },
  { name: 'NotIpAddress deny from outside', layers: { identity: [id(allow('*'), { Sid: 'Net', ...deny('*', '*', { Condition: { NotIpAddress: { 'aws:SourceIp': ['192.0.2.0/24'] } } }) })] }, req: ctx({ 'aws:sourceip': ['203.0.113.9'] }), expect: ['denied', 'explicit-deny', 'Net'] },
  {
    name: 'ArnLike on bedrock:InferenceProfileArn',
    layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { ArnLike: { 'bedrock:InferenceProfileArn': 'arn:aws:bedrock:*:*:inference-profile/global.*' } } }))] },
    req: ctx({ 'bedrock:inferenceprofilearn': [PROFILE] }),
    expect: ['allowed'],
  },
  {
    name: 'ArnEquals mismatch',
    layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { ArnEquals: { 'bedrock:InferenceProfileArn': PROFILE.replace('global.', 'us.') } } }))] },
    req: ctx({ 'bedrock:inferenceprofilearn': [PROFILE] }),
    expect: ['denied', 'condition'],
  },
  // --- policy variables --------------------------------------------------------------------
  { name: '${aws:username} in Resource', layers: { identity: [id(allow('s3:GetObject', 'arn:aws:s3:::b/home/${aws:username}/*'))] }, req: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/alice/x', ...ctx({ 'aws:username': ['alice'] }) }, expect: ['allowed'] },
  { name: 'Version 2008-10-17 keeps ${…} literal', layers: { identity: [pol({ Version: '2008-10-17', Statement: [allow('s3:GetObject', 'arn:aws:s3:::b/home/${aws:username}/*')] })] }, req: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/alice/x', ...ctx({ 'aws:username': ['alice'] }) }, expect: ['denied', 'no-allow'] },
  { name: 'absent policy variable never matches', layers: { identity: [id(allow('s3:GetObject', 'arn:aws:s3:::b/home/${aws:username}/*'))] }, req: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/alice/x' }, expect: ['denied', 'no-allow'] },
  { name: 'policy variable default value', layers: { identity: [id(allow('s3:GetObject', "arn:aws:s3:::b/home/${aws:username, 'guest'}/*"))] }, req: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/guest/x' }, expect: ['allowed'] },
  { name: '${*} is a literal star', layers: { identity: [id(allow('s3:GetObject', 'arn:aws:s3:::b/${*}'))] }, req: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/x' }, expect: ['denied', 'no-allow'] },
  { name: '${*} matches a literal star', layers: { identity: [id(allow('s3:GetObject', 'arn:aws:s3:::b/${*}'))] }, req: { action: 's3:GetObject', resource: 'arn:aws:s3:::b/*' }, expect: ['allowed'] },
  {
    name: 'principal tag variable in a condition value',
    layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } }))] },
    req: ctx({ 'aws:resourcetag/team': ['ml'], 'aws:principaltag/team': ['ml'] }),
    expect: ['allowed'],
  },
  // --- unknowns ----------------------------------------------------------------------------
  { name: 'unknown condition operator', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringEqualz: { 'aws:RequestedRegion': 'us-west-2' } } }))] }, req: region('us-west-2'), expect: ['unknown'] },
  { name: 'context value unknown', layers: { identity: [id(allow('bedrock:InvokeModel', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } }))] }, req: ctx({ 'aws:sourcevpce': 'unknown' }), expect: ['unknown'] },
  { name: 'unknown action may match', layers: { identity: [id(allow(`bedrock:${M}`))] }, expect: ['unknown'] },
  { name: 'unknown action part that cannot match', layers: { identity: [id(allow(`s3:${M}`))] }, expect: ['denied', 'no-allow'] },
  { name: 'unknown region in the resource', layers: { identity: [id(allow('bedrock:InvokeModel', `arn:aws:bedrock:${M}::foundation-model/${FM_ID}`))] }, expect: ['unknown'] },
  { name: 'unknown part that cannot match the resource', layers: { identity: [id(allow('bedrock:InvokeModel', `arn:aws:bedrock:${M}::foundation-model/anthropic.claude-v2`))] }, expect: ['denied', 'no-allow'] },
  { name: 'request resource partly unknown, pattern covers it', layers: { identity: [id(allow('bedrock:InvokeModel', 'arn:aws:bedrock:*::foundation-model/*'))] }, req: { resource: `arn:aws:bedrock:${M}::foundation-model/${FM_ID}` }, expect: ['allowed'] },
  { name: 'request resource partly unknown, pattern may match', layers: { identity: [id(allow('bedrock:InvokeModel', FM))] }, req: { resource: `arn:aws:bedrock:${M}::foundation-model/${FM_ID}` }, expect: ['unknown'] },
  { name: 'unknown customer managed policy alone', layers: { identity: [unknownDoc('Ext')] }, expect: ['unknown'] },
  { name: 'unknown policy next to an allow may still deny', layers: { identity: [id(allow('bedrock:*')), unknownDoc('Ext')] }, expect: ['unknown'] },
  { name: 'unknown policy next to an explicit deny', layers: { identity: [id({ Sid: 'D', ...deny('bedrock:*') }), unknownDoc('Ext')] }, expect: ['denied', 'explicit-deny', 'D'] },
  { name: 'deny with an unknown resource next to an allow', layers: { identity: [id(allow('bedrock:*'), deny('bedrock:*', `arn:aws:bedrock:${M}::foundation-model/*`))] }, expect: ['unknown'] },
  { name: 'unknown allow but the boundary denies for sure', layers: { identity: [unknownDoc('Ext')], boundary: [doc('boundary', 'B', allow('s3:*'))] }, expect: ['denied', 'boundary'] },
  // --- endpoint, resource and session policies ---------------------------------------------
  { name: 'endpoint policy allowing only anthropic models', layers: { identity: [id(allow('bedrock:*'))], endpoint: [doc('endpoint', 'Vpce', { Effect: 'Allow', Principal: '*', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*::foundation-model/anthropic.*' })] }, expect: ['denied', 'endpoint'] },
  { name: 'endpoint policy with Principal "*"', layers: { identity: [id(allow('bedrock:*'))], endpoint: [doc('endpoint', 'Vpce', { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' })] }, expect: ['allowed'] },
  { name: 'endpoint policy naming the role', layers: { identity: [id(allow('bedrock:*'))], endpoint: [doc('endpoint', 'Vpce', { Effect: 'Allow', Principal: { AWS: [ROLE] }, Action: 'bedrock:*', Resource: '*' })] }, req: { principalArn: ROLE }, expect: ['allowed'] },
  { name: 'endpoint policy naming the account', layers: { identity: [id(allow('bedrock:*'))], endpoint: [doc('endpoint', 'Vpce', { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'bedrock:*', Resource: '*' })] }, req: { principalArn: ROLE }, expect: ['allowed'] },
  { name: 'endpoint policy naming another role', layers: { identity: [id(allow('bedrock:*'))], endpoint: [doc('endpoint', 'Vpce', { Effect: 'Allow', Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:role/other`] }, Action: 'bedrock:*', Resource: '*' })] }, req: { principalArn: ROLE }, expect: ['denied', 'endpoint'] },
  { name: 'endpoint policy principal with an unknown caller', layers: { identity: [id(allow('bedrock:*'))], endpoint: [doc('endpoint', 'Vpce', { Effect: 'Allow', Principal: { AWS: [ROLE] }, Action: 'bedrock:*', Resource: '*' })] }, expect: ['unknown'] },
  { name: 'endpoint policy deny', layers: { identity: [id(allow('bedrock:*'))], endpoint: [doc('endpoint', 'Vpce', { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }, { Sid: 'NoStability', Effect: 'Deny', Principal: '*', Action: '*', Resource: 'arn:aws:bedrock:*::foundation-model/stability.*' })] }, expect: ['denied', 'explicit-deny', 'NoStability'] },
  { name: 'resource policy allow without identity allow', layers: { identity: [], resource: [doc('resource', 'Res', { Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'bedrock:InvokeModel', Resource: '*' })] }, req: { principalArn: ROLE }, expect: ['allowed'] },
  { name: 'session policy without bedrock', layers: { identity: [id(allow('*'))], session: [doc('session', 'S', allow('s3:*'))] }, expect: ['denied', 'session'] },
  { name: 'session policy with bedrock', layers: { identity: [id(allow('*'))], session: [doc('session', 'S', allow('bedrock:InvokeModel'))] }, expect: ['allowed'] },
  // --- Bedrock specifics -------------------------------------------------------------------
  {
    name: 'global profile: region-less ARN with RequestedRegion unspecified',
    layers: { identity: [id(allow('bedrock:InvokeModel', [PROFILE, `arn:aws:bedrock:us-east-1::foundation-model/${FM_ID}`, REGIONLESS]))] },
    req: { resource: REGIONLESS, ...region('unspecified') },
    expect: ['allowed'],
  },
  {
    name: 'global profile: region-pinned condition fails on the region-less ARN',
    layers: { identity: [id({ Sid: 'Pinned', ...allow('bedrock:InvokeModel', 'arn:aws:bedrock:*::foundation-model/*', { Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } } }) })] },
    req: { resource: REGIONLESS, ...region('unspecified') },
    expect: ['denied', 'condition', 'Pinned'],
  },
  { name: 'AmazonBedrockFullAccess: aws-marketplace:Subscribe called via Bedrock', layers: { identity: [managedPolicy('AmazonBedrockFullAccess')!] }, req: { action: 'aws-marketplace:Subscribe', resource: '*', ...ctx({ 'aws:calledvialast': ['bedrock.amazonaws.com'] }) }, expect: ['allowed', undefined, 'MarketplaceOperationsFromBedrockFor3pModels'] },
  { name: 'AmazonBedrockFullAccess: aws-marketplace:Subscribe called directly', layers: { identity: [managedPolicy('AmazonBedrockFullAccess')!] }, req: { action: 'aws-marketplace:Subscribe', resource: '*' }, expect: ['denied', 'condition', 'MarketplaceOperationsFromBedrockFor3pModels'] },
  { name: 'AmazonBedrockFullAccess: InvokeModel', layers: { identity: [managedPolicy('AmazonBedrockFullAccess')!] }, expect: ['allowed', undefined, 'BedrockAll'] },
  { name: 'AmazonBedrockReadOnly cannot invoke', layers: { identity: [managedPolicy('AmazonBedrockReadOnly')!] }, expect: ['denied', 'no-allow'] },
  { name: 'AmazonBedrockReadOnly can GetFoundationModel', layers: { identity: [managedPolicy('AmazonBedrockReadOnly')!] }, req: { action: 'bedrock:GetFoundationModel' }, expect: ['allowed'] },
  {
    name: 'AWS example: identity, boundary and SCP all allow, SCP denies the model',
    layers: { identity: [id(allow('bedrock:*'))], boundary: [doc('boundary', 'B', allow('bedrock:*'))], scps: [[FULL_ACCESS, doc('scp', 'NoSd', { Sid: 'NoSd', ...deny('bedrock:InvokeModel', 'arn:aws:bedrock:*::foundation-model/stability.sd3*') })]] },
    expect: ['denied', 'explicit-deny', 'NoSd'],
  },
];

describe('evaluate: decision table', () => {
  it('has at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });
  for (const c of cases) {
    it(c.name, () => {
      const req: EvalRequest = { action: 'bedrock:InvokeModel', resource: FM, context: {}, ...c.req };
      const d = evaluate(req, c.layers);
      const [verdict, layer, sid] = c.expect;
      expect({ verdict: d.verdict, layer: d.layer }).toEqual({ verdict, layer });
      if (sid !== undefined) expect(d.deciding?.statement.sid).toBe(sid);
      if (verdict === 'unknown') expect(d.unknowns.length).toBeGreaterThan(0);
      else expect(d.unknowns).toEqual([]);
    });
  }
});

describe('evaluate: traces and explanations', () => {
  const n = (line: number, value: string): Node => ({ kind: 'scalar', value, loc: loc('template.yaml', line) });
  const policyNode: Node = {
    kind: 'map',
    loc: loc('template.yaml', 10),
    entries: [
      { key: 'Version', keyLoc: loc('template.yaml', 11), value: n(11, '2012-10-17') },
      {
        key: 'Statement',
        keyLoc: loc('template.yaml', 12),
        value: {
          kind: 'seq',
          loc: loc('template.yaml', 13),
          items: [
            {
              kind: 'map',
              loc: loc('template.yaml', 13),
              entries: [
                { key: 'Sid', keyLoc: loc('template.yaml', 13), value: n(13, 'Invoke') },
                { key: 'Effect', keyLoc: loc('template.yaml', 14), value: n(14, 'Allow') },
                { key: 'Action', keyLoc: loc('template.yaml', 15), value: n(15, 'bedrock:InvokeModel') },
                { key: 'Resource', keyLoc: loc('template.yaml', 16), value: n(16, FM) },
              ],
            },
          ],
        },
      },
    ],
  };
  const inline = parsePolicyNode(policyNode, { id: 'template.yaml#Role/Policies/0', name: 'RolePolicy', kind: 'identity', owner: 'Role' });

  it('names the granting statement with its location', () => {
    const d = evaluate({ action: 'bedrock:InvokeModel', resource: FM, context: {} }, { identity: [inline] });
    expect(d.verdict).toBe('allowed');
    expect(d.deciding?.policy).toBe(inline);
    expect(d.trace).toEqual([
      'identity policy RolePolicy, statement "Invoke" (template.yaml:13): Allow applies',
      'Result: allowed by identity policy RolePolicy, statement "Invoke" (template.yaml:13)',
    ]);
  });

  it('says which layer denied and why', () => {
    const d = evaluate({ action: 'bedrock:InvokeModel', resource: FM, context: {} }, { identity: [inline], boundary: [pol({ Statement: [allow('s3:*')] }, 'boundary', 'Fence')] });
    expect(d.trace.at(-1)).toBe(`Result: denied; permissions boundary: nothing allows bedrock:InvokeModel on ${FM}`);
  });

  it('names a failing condition and uses the statement index without a Sid', () => {
    const p = pol({ Statement: [allow('bedrock:InvokeModel', '*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } })] }, 'identity', 'P');
    const d = evaluate({ action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:requestedregion': ['us-west-2'] } }, { identity: [p] });
    expect(d.layer).toBe('condition');
    expect(d.trace[0]).toBe('identity policy P, statement #1 (P.json:1): Allow matches the action and resource but its condition StringEquals aws:RequestedRegion is false');
  });

  it('lists what is unknown', () => {
    const p = pol({ Statement: [allow('bedrock:InvokeModel', '*', { Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1' } } })] }, 'identity', 'P');
    const d = evaluate({ action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:sourcevpce': 'unknown' } }, { identity: [p] });
    expect(d.unknowns).toEqual(['identity policy P, statement #1 (P.json:1): context key aws:SourceVpce is unknown']);
  });

  it('reports an unknown condition operator', () => {
    const p = pol({ Statement: [allow('bedrock:InvokeModel', '*', { Condition: { StringEqualz: { 'aws:RequestedRegion': 'x' } } })] }, 'identity', 'P');
    const d = evaluate({ action: 'bedrock:InvokeModel', resource: FM, context: {} }, { identity: [p] });
    expect(d.unknowns).toEqual(['identity policy P, statement #1 (P.json:1): unknown condition operator StringEqualz']);
  });

  it('allows a typical role through every layer (boundary, two SCP levels) repeatedly', () => {
    const layers: PolicyLayers = {
      identity: [managedPolicy('AWSLambdaBasicExecutionRole')!, inline, pol({ Statement: [allow(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], ['arn:aws:bedrock:*::foundation-model/*', `arn:aws:bedrock:*:${ACCOUNT}:inference-profile/*`], { Condition: { StringEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } } })] })],
      boundary: [pol({ Statement: [allow('*')] }, 'boundary')],
      scps: [[FULL_ACCESS], [pol({ Statement: [allow('*'), { Effect: 'Deny', NotAction: 'iam:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] } } }] }, 'scp')]],
    };
    const req: EvalRequest = { action: 'bedrock:InvokeModel', resource: FM, context: { 'aws:requestedregion': ['us-west-2'] } };
    for (let i = 0; i < 200; i++) evaluate(req, layers);
    expect(evaluate(req, layers).verdict).toBe('allowed');
  });
});
