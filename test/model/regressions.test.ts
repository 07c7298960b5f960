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
