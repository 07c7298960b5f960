// The engine's own decisions: input detection by content, which files count as checked, and
// walking folders.
import { describe, expect, it } from 'vitest';
import { detect } from '../../src/engine.js';
import { parseJson } from '../../src/load/json.js';
import type { MapNode } from '../../src/types.js';
import { lintFiles } from '../model/helpers.js';

const root = (v: unknown) => parseJson(JSON.stringify(v), 'x.json').root as MapNode;

describe('detect: inputs are recognised by content', () => {
  it.each([
    ['a template with AWSTemplateFormatVersion', { AWSTemplateFormatVersion: '2010-09-09' }, 'cfn'],
    ['a template with only typed Resources (CDK output)', { Resources: { R: { Type: 'AWS::IAM::Role' } } }, 'cfn'],
    ['Resources without AWS types', { Resources: { R: { Type: 'kubernetes' } } }, undefined],
    ['a Terraform plan', { format_version: '1.2', planned_values: {} }, 'terraform'],
    ['an IAM policy', { Version: '2012-10-17', Statement: [] }, 'policy'],
    ['a Step Functions definition', { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, 'asl'],
    ['a Bedrock CLI request', { modelId: 'amazon.nova-lite-v1:0', body: '{}' }, 'request'],
    ['describe-vpc-endpoints output', { VpcEndpoints: [] }, 'vpc-endpoints'],
    ['list-foundation-models output', { modelSummaries: [] }, 'catalog'],
    ['list-inference-profiles output', { inferenceProfileSummaries: [] }, 'catalog'],
    ['package.json', { name: 'x', version: '1.0.0' }, undefined],
  ])('%s', (_, value, kind) => {
    expect(detect(root(value))).toBe(kind);
  });
});

describe('files checked', () => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

  it('counts inputs found in a folder, not unrelated files', () => {
    const res = lintFiles({ 'policy.json': policy, 'package.json': '{"name":"x"}', 'notes.yaml': 'a: 1\n' });
    expect([res.files, res.findings]).toEqual([1, []]);
  });

  it('counts a file found in a folder that looks like an input but does not parse', () => {
    const res = lintFiles({ 'policy.json': policy, 'broken.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  X: [\n' });
    expect(res.files).toBe(2);
    expect(res.hadParseError).toBe(true);
    expect(res.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([['parse-error', 'broken.yaml', 4]]);
  });

  it('ignores an unparsable file that does not look like an input', () => {
    const res = lintFiles({ 'policy.json': policy, 'odd.yaml': 'key: [unclosed\n' });
    expect([res.files, res.hadParseError]).toEqual([1, false]);
  });

  it('a binary file given explicitly is a parse-error', () => {
    const res = lintFiles({ 'blob.json': '{\u0000}' }, { paths: ['blob.json'] });
    expect(res.findings.map((f) => [f.ruleId, f.message])).toEqual([['parse-error', 'binary file (contains NUL bytes); not a template, policy or request']]);
  });

  it('skips node_modules and .git', () => {
    const res = lintFiles({ 'node_modules/dep/policy.json': policy, '.git/policy.json': policy, 'src/policy.json': policy });
    expect(res.files).toBe(1);
    expect(res.deployment.policies.map((p) => p.id)).toEqual(['src/policy.json']);
  });
});
