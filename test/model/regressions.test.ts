// Inputs the fuzzer found that once crashed the model builder.
import { expect, it } from 'vitest';
import { describePolicy, lintFiles, roleById } from './helpers.js';

it('a SAM Policies list with an empty item is skipped, not a crash', () => {
  const res = lintFiles({
    'template.yaml': [
      'AWSTemplateFormatVersion: "2010-09-09"',
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  Fn:',
      '    Type: AWS::Serverless::Function',
      '    Properties:',
      '      Handler: app.handler',
      '      Runtime: python3.12',
      '      InlineCode: "def handler(e, c): pass"',
      '      Policies:',
      '        -',
      '        - AWSLambdaBasicExecutionRole',
      '',
    ].join('\n'),
  });
  expect(res.errors).toEqual([]);
  expect(roleById(res, 'FnRole').policies.map(describePolicy)).toEqual([
    'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
    'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  ]);
});

it('two templates that reuse logical IDs keep separate network models', async () => {
  // Conformance cases 023 (no NAT, no endpoint) and 045 (NAT route) use the same logical IDs.
  const { readFileSync } = await import('node:fs');
  const { SHARED } = await import('../helpers/cli.js');
  const read = (c: string) => readFileSync(`${SHARED}/conformance/cases/${c}/template.yaml`, 'utf8');
  const res = lintFiles({ 'blocked/template.yaml': read('023-private-subnets-without-nat-or-endpoint'), 'nat/template.yaml': read('045-clean-private-subnets-with-nat-route') }, { region: 'eu-west-1' });
  const route = res.findings.filter((f) => f.ruleId === 'network-no-bedrock-route').map((f) => f.file);
  expect(route).toEqual(['blocked/template.yaml']);
});
