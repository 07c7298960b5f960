import { describe, expect, it } from 'vitest';
import { actionExists, iamDataDate, suggestAction } from '../../src/iam/actions.js';
import { UNKNOWN_MARK } from '../../src/types.js';

describe('actionExists', () => {
  it.each([
    ['bedrock:InvokeModel', true],
    ['bedrock:InvokeModelWithResponseStream', true],
    ['BEDROCK:invokemodel', true],
    ['bedrock:Invoke*', true],
    ['bedrock:Get*', true],
    ['bedrock:*', true],
    ['*', true],
    ['*:*', true],
    ['bedrock*:InvokeModel', true],
    ['aws-marketplace:Subscribe', true],
    ['logs:CreateLogGroup', true],
    ['bedrock:InvokeModels', false],
    ['bedrock:Converse', false],
    ['bedrock:ConverseStream', false],
    ['bedrock:UseInferenceProfile', false],
    ['bedrock-runtime:InvokeModel', false],
    ['bedrock:Nothing*', false],
    ['nosuchservice:Get', false],
    ['InvokeModel', false],
    ['bedrock:', false],
  ] as const)('%s → %s', (action, expected) => {
    expect(actionExists(action)).toBe(expected);
  });

  it('is unknown when part of the action is unresolved', () => {
    expect(actionExists(`bedrock:${UNKNOWN_MARK}`)).toBe('unknown');
  });
});

describe('suggestAction', () => {
  it.each([
    ['bedrock-runtime:InvokeModel', 'bedrock:InvokeModel'],
    ['bedrock-runtime:InvokeModelWithResponseStream', 'bedrock:InvokeModelWithResponseStream'],
    ['bedrock:Converse', 'bedrock:InvokeModel'],
    ['bedrock:ConverseStream', 'bedrock:InvokeModelWithResponseStream'],
    ['bedrock:UseInferenceProfile', 'bedrock:InvokeModel'],
    ['bedrock:InvokeModels', 'bedrock:InvokeModel'],
    ['bedrock:invokemodels', 'bedrock:InvokeModel'],
    ['bedrock:InvokeModle', 'bedrock:InvokeModel'],
    ['bedrock:GetFoundationModels', 'bedrock:GetFoundationModel'],
    ['s3:GetObjekt', 's3:GetObject'],
    ['bedrok:InvokeModel', 'bedrock:InvokeModel'],
    ['bedrock-agent-runtime:InvokeAgent', 'bedrock:InvokeAgent'],
  ])('%s → %s', (action, expected) => {
    expect(suggestAction(action)).toBe(expected);
  });

  it('has no suggestion for existing, far-off or wildcard actions', () => {
    expect(suggestAction('bedrock:InvokeModel')).toBeUndefined();
    expect(suggestAction('bedrock:CompletelyDifferentThing')).toBeUndefined();
    expect(suggestAction('bedrock:Foo*')).toBeUndefined();
  });
});

describe('iamDataDate', () => {
  it('is the date of the pinned iam-data package', () => {
    expect(iamDataDate()).toBe('2026-09-26');
  });
});
