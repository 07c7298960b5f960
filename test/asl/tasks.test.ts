import { describe, expect, it } from 'vitest';
import { findBedrockTasks, isAslDefinition, substitute } from '../../src/asl/tasks.js';
import { UNKNOWN_MARK, type Node } from '../../src/types.js';
import { get, jsonNode, yamlNode } from '../request/helpers.js';

const scalar = (n: Node | undefined) => (n?.kind === 'scalar' ? n.value : undefined);

describe('findBedrockTasks', () => {
  it('finds a JSONPath task with a static model and body', () => {
    const def = jsonNode(`{
  "StartAt": "Gen",
  "States": {
    "Gen": {
      "Type": "Task",
      "Resource": "arn:aws:states:::bedrock:invokeModel",
      "Parameters": { "ModelId": "stability.sd3-5-large-v1:0", "Body": { "prompt.$": "$.p" } },
      "End": true
    },
    "Other": { "Type": "Task", "Resource": "arn:aws:states:::aws-sdk:s3:putObject", "End": true }
  }
}`);
    expect(isAslDefinition(def)).toBe(true);
    const tasks = findBedrockTasks(def);
    expect(tasks).toHaveLength(1);
    const t = tasks[0]!;
    expect([t.stateName, t.modelDynamic, scalar(t.model), t.bodyDynamic, t.body?.kind, t.queryLanguage]).toEqual(['Gen', false, 'stability.sd3-5-large-v1:0', false, 'map', 'JSONPath']);
    expect([t.loc.line, t.loc.column, t.resourceLoc.line, t.resourceLoc.column]).toEqual([4, 5, 6, 19]);
  });

  it('marks ModelId.$ and Body.$ as dynamic', () => {
    const def = jsonNode('{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel", "Parameters": { "ModelId.$": "$.model", "Body.$": "$.body" }, "End": true } } }');
    const [t] = findBedrockTasks(def);
    expect([t!.modelDynamic, t!.model, t!.bodyDynamic, t!.body]).toEqual([true, undefined, true, undefined]);
  });

  it('reads JSONata Arguments (top-level and per-state QueryLanguage)', () => {
    const def = jsonNode(`{
  "QueryLanguage": "JSONata",
  "StartAt": "A",
  "States": {
    "A": { "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
           "Arguments": { "ModelId": "{% $states.input.model %}", "Body": { "prompt": "{% $states.input.p %}", "seed": 1 } }, "Next": "B" },
    "B": { "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
           "Arguments": "{% $states.input.request %}", "End": true }
  }
}`);
    const [a, b] = findBedrockTasks(def);
    expect([a!.queryLanguage, a!.modelDynamic, a!.bodyDynamic, a!.body?.kind]).toEqual(['JSONata', true, false, 'map']);
    expect([b!.modelDynamic, b!.bodyDynamic]).toEqual([true, true]);
  });

  it('walks Parallel branches and Map ItemProcessor / Iterator', () => {
    const task = (m: string) => `{ "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel", "Parameters": { "ModelId": "${m}" }, "End": true }`;
    const def = jsonNode(`{ "StartAt": "P", "States": {
  "P": { "Type": "Parallel", "Branches": [
    { "StartAt": "B1", "States": { "B1": ${task('amazon.nova-lite-v1:0')} } },
    { "StartAt": "M", "QueryLanguage": "JSONata", "States": { "M": { "Type": "Map", "ItemProcessor": { "StartAt": "I", "States": { "I": ${task('amazon.nova-pro-v1:0')} } }, "End": true } } }
  ], "Next": "Old" },
  "Old": { "Type": "Map", "Iterator": { "StartAt": "J", "States": { "J": ${task('amazon.nova-micro-v1:0')} } }, "End": true }
} }`);
    expect(findBedrockTasks(def).map((t) => [t.stateName, scalar(t.model), t.queryLanguage])).toEqual([
      ['B1', 'amazon.nova-lite-v1:0', 'JSONPath'],
      ['I', 'amazon.nova-pro-v1:0', 'JSONata'],
      ['J', 'amazon.nova-micro-v1:0', 'JSONPath'],
    ]);
  });

  it('accepts partition variants and the unresolved !Sub form in templates', () => {
    const def = yamlNode(`StartAt: A
States:
  A:
    Type: Task
    Resource: !Sub arn:\${AWS::Partition}:states:::bedrock:invokeModel
    Parameters: { ModelId: amazon.nova-pro-v1:0 }
    Next: B
  B:
    Type: Task
    Resource: arn:aws-us-gov:states:::bedrock:invokeModel
    Parameters: { ModelId: amazon.nova-pro-v1:0 }
    Next: C
  C:
    Type: Task
    Resource: arn:aws:states:::bedrock:createModelCustomizationJob.sync
    End: true
`);
    expect(findBedrockTasks(def).map((t) => t.stateName)).toEqual(['A', 'B']);
  });

  it('a placeholder-only ModelId is dynamic', () => {
    const def = jsonNode('{ "StartAt": "A", "States": { "A": { "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel", "Parameters": { "ModelId": "${ModelId}" }, "End": true } } }');
    expect(findBedrockTasks(def)[0]!.modelDynamic).toBe(true);
    expect(findBedrockTasks(substitute(def, new Map()))[0]!.modelDynamic).toBe(true);
  });

  it('isAslDefinition needs States and StartAt', () => {
    expect(isAslDefinition(jsonNode('{ "States": {} }'))).toBe(false);
    expect(isAslDefinition(jsonNode('{ "StartAt": "A", "States": [] }'))).toBe(false);
  });
});

describe('substitute', () => {
  const def = jsonNode(`{
  "StartAt": "A",
  "States": { "A": { "Type": "Task", "Resource": "arn:aws:states:::bedrock:invokeModel",
    "Parameters": { "ModelId": "\${ImageModelId}", "Body": { "prompt": "\${Prefix} cat", "output_format": "\${Fmt}", "note": "\${!Literal}" } },
    "End": true } }
}`, 'sm.asl.json');

  it('replaces placeholders with known values and keeps the ASL location', () => {
    const subs = new Map<string, Node | undefined>([
      ['ImageModelId', yamlNode('stability.sd3-5-large-v1:0', 'template.yaml')],
      ['Prefix', yamlNode('a', 'template.yaml')],
      ['Fmt', { kind: 'map', entries: [{ key: 'Ref', keyLoc: def.loc, value: yamlNode('X') }], loc: def.loc }],
    ]);
    const out = substitute(def, subs);
    const [t] = findBedrockTasks(out);
    expect(scalar(t!.model)).toBe('stability.sd3-5-large-v1:0');
    expect(t!.model!.loc).toEqual(get(def, 'States', 'A', 'Parameters', 'ModelId').loc);
    expect(t!.model!.loc.file).toBe('sm.asl.json');
    expect(scalar(get(out, 'States', 'A', 'Parameters', 'Body', 'prompt'))).toBe('a cat');
    expect(scalar(get(out, 'States', 'A', 'Parameters', 'Body', 'output_format'))).toBe(UNKNOWN_MARK);
    expect(scalar(get(out, 'States', 'A', 'Parameters', 'Body', 'note'))).toBe('${Literal}');
  });

  it('makes missing substitutions unknown, never model IDs', () => {
    const [t] = findBedrockTasks(substitute(def, new Map()));
    expect(scalar(t!.model)).toBe(UNKNOWN_MARK);
    expect(t!.modelDynamic).toBe(true);
  });

  it('does not change the input tree', () => {
    substitute(def, new Map());
    expect(scalar(get(def, 'States', 'A', 'Parameters', 'ModelId'))).toBe('${ImageModelId}');
  });
});
