import { describe, expect, it } from 'vitest';
import { bedrockResourceShapes, checkBedrockArn, parseArn } from '../../src/iam/arn.js';
import { UNKNOWN_MARK } from '../../src/types.js';

describe('parseArn', () => {
  it('splits the six parts and the resource type', () => {
    expect(parseArn('arn:aws:bedrock:us-east-1:111122223333:flow/F1/alias/A1')).toEqual({
      partition: 'aws',
      service: 'bedrock',
      region: 'us-east-1',
      account: '111122223333',
      resource: 'flow/F1/alias/A1',
      resourceType: 'flow',
      resourceId: 'F1/alias/A1',
    });
    expect(parseArn('arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-v2:1')?.resourceId).toBe('anthropic.claude-v2:1');
    expect(parseArn('not-an-arn')).toBeUndefined();
    expect(parseArn('arn:aws:s3')).toBeUndefined();
  });
});

describe('checkBedrockArn', () => {
  it.each([
    'arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0',
    'arn:aws:bedrock:::foundation-model/anthropic.claude-sonnet-4-5-20250929-v1:0',
    'arn:aws:bedrock:*::foundation-model/*',
    'arn:aws:bedrock:*:*:foundation-model/*',
    'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.stability.stable-image-inpaint-v1:0',
    'arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123',
    'arn:aws:bedrock:us-east-1:111122223333:*',
    'arn:aws:bedrock:*:*:*',
    'arn:aws:bedrock::111122223333:system-tool/web-grounding',
    'arn:aws:bedrock:us-east-1:111122223333:marketplace/model-endpoint/all-access',
    'arn:aws:bedrock:us-east-1:111122223333:prompt/P1:2',
    `arn:aws:bedrock:${UNKNOWN_MARK}:${UNKNOWN_MARK}:inference-profile/us.x.y`,
    `arn:aws:bedrock:us-east-1:111122223333:${UNKNOWN_MARK}`,
    'arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    'arn:aws:s3:::bucket',
    'arn:aws:bedrock-agentcore:us-east-1:111122223333:runtime/r',
  ])('accepts %s', (arn) => {
    expect(checkBedrockArn(arn)).toBeUndefined();
  });

  it('flags an account in a foundation-model ARN', () => {
    expect(checkBedrockArn('arn:aws:bedrock:us-west-2:111122223333:foundation-model/stability.sd3-5-large-v1:0')).toEqual({
      problem: 'foundation-model ARNs have an empty account field, but this one has "111122223333": it matches no model',
      fix: 'use arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0',
    });
  });

  it.each(['us', 'eu', 'apac', 'jp', 'au', 'ca', 'in', 'global'])('flags a %s. profile ID inside foundation-model/', (geo) => {
    const r = checkBedrockArn(`arn:aws:bedrock:us-east-1::foundation-model/${geo}.anthropic.claude-3-haiku-20240307-v1:0`);
    expect(r?.problem).toBe(`"${geo}.anthropic.claude-3-haiku-20240307-v1:0" is an inference profile ID, not a foundation model: foundation-model/${geo}.anthropic.claude-3-haiku-20240307-v1:0 matches nothing`);
    expect(r?.fix).toBe(
      `use the profile ARN arn:aws:bedrock:us-east-1:<account-id>:inference-profile/${geo}.anthropic.claude-3-haiku-20240307-v1:0 ` +
        'and keep foundation-model ARNs for the model in every destination Region (arn:aws:bedrock:*::foundation-model/anthropic.claude-3-haiku-20240307-v1:0)',
    );
  });

  it('keeps the account in the profile fix when one was given', () => {
    expect(checkBedrockArn('arn:aws:bedrock:us-east-1:111122223333:foundation-model/us.amazon.nova-pro-v1:0')?.fix).toContain('arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-pro-v1:0');
  });

  it.each(['bedrock-runtime', 'bedrock-agent-runtime', 'bedrock-agent'])('flags %s as the ARN service', (svc) => {
    expect(checkBedrockArn(`arn:aws:${svc}:us-east-1::foundation-model/amazon.nova-pro-v1:0`)).toEqual({
      problem: `"${svc}" is an endpoint name, not an IAM service: Bedrock ARNs use the service "bedrock"`,
      fix: 'use arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
    });
  });

  it('flags an unknown resource type and suggests the near one', () => {
    expect(checkBedrockArn('arn:aws:bedrock:us-east-1::foundation-models/amazon.nova-pro-v1:0')).toEqual({
      problem: '"foundation-models" is not a Bedrock resource type',
      fix: 'use arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
    });
    expect(checkBedrockArn('arn:aws:bedrock:us-east-1:111122223333:model/x')).toEqual({
      problem: '"model" is not a Bedrock resource type',
      fix: 'use a Bedrock resource type such as foundation-model, inference-profile or application-inference-profile',
    });
  });

  it('flags a missing region or account where the type needs one', () => {
    expect(checkBedrockArn('arn:aws:bedrock::111122223333:inference-profile/us.amazon.nova-pro-v1:0')).toEqual({
      problem: 'inference-profile ARNs need a Region, but this one has none',
      fix: 'use arn:aws:bedrock:<region>:111122223333:inference-profile/us.amazon.nova-pro-v1:0',
    });
    expect(checkBedrockArn('arn:aws:bedrock:us-east-1::inference-profile/us.amazon.nova-pro-v1:0')).toEqual({
      problem: 'inference-profile ARNs need the account ID, but this one has none',
      fix: 'use arn:aws:bedrock:us-east-1:<account-id>:inference-profile/us.amazon.nova-pro-v1:0',
    });
  });

  it('knows every resource type listed in the Bedrock facts', () => {
    const shapes = bedrockResourceShapes();
    const facts = [
      'foundation-model', 'inference-profile', 'application-inference-profile', 'provisioned-model', 'custom-model',
      'custom-model-deployment', 'imported-model', 'prompt', 'prompt-router', 'default-prompt-router', 'guardrail',
      'guardrail-profile', 'async-invoke', 'model-invocation-job', 'marketplace', 'system-tool', 'agent', 'agent-alias',
      'knowledge-base', 'flow',
    ];
    expect(facts.filter((t) => !shapes.has(t))).toEqual([]);
    expect(shapes.get('foundation-model')).toEqual({ region: true, account: false });
    expect(shapes.get('system-tool')).toEqual({ region: false, account: true });
    expect(shapes.get('inference-profile')).toEqual({ region: true, account: true });
  });
});
