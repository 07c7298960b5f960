// Call-region precedence (SPEC §4): a region named at the site (model ARN > BEDROCK_REGION env >
// the code's client literal) wins; otherwise the deployment region: --region > config `region` >
// cdk.out stack environment > Terraform provider > samconfig.toml. Nothing known → region-unresolved.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { analyzeSites } from '../../src/analysis/site.js';
import type { LintOptions, LintResult } from '../../src/engine.js';
import { lintFiles } from './helpers.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** [call region, where it came from] of every site, in site order. */
function callRegions(res: LintResult, region?: string): [string | undefined, string | undefined][] {
  return analyzeSites({ deployment: res.deployment, catalog: res.catalog, date: '2026-09-01', ...(region ? { region } : {}) }).map((a) => [a.callRegion?.value, a.callRegion?.source]);
}

const SAM = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';

/** A SAM function with an optional model ARN, BEDROCK_REGION and client region literal. */
function samFunction(o: { arnRegion?: string; envRegion?: string; codeRegion?: string }): string {
  const model = o.arnRegion ? `arn:aws:bedrock:${o.arnRegion}::foundation-model/amazon.nova-lite-v1:0` : 'amazon.nova-lite-v1:0';
  const client = o.codeRegion ? `boto3.client("bedrock-runtime", region_name="${o.codeRegion}")` : 'boto3.client("bedrock-runtime")';
  return `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Policies:
        - Statement:
            - Effect: Allow
              Action: bedrock:InvokeModel
              Resource: arn:aws:bedrock:*::foundation-model/*
      InlineCode: |
        import boto3, os
        br = ${client}
        def handler(e, c):
            return br.converse(modelId=os.environ["MODEL_ID"], messages=[])
      Environment:
        Variables:
          MODEL_ID: ${model}
${o.envRegion ? `          BEDROCK_REGION: ${o.envRegion}\n` : ''}`;
}

const SAMCONFIG = 'version = 0.1\n[default.deploy.parameters]\nstack_name = "app"\nregion = "ap-southeast-2"\n[prod.deploy.parameters]\nregion = "eu-central-1"\n';
const CONFIG = 'region: ca-central-1\n';

function cdkFiles(env: string): Record<string, string> {
  return {
    'cdk.out/manifest.json': JSON.stringify({ version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', environment: env, properties: { templateFile: 'S.template.json' } } } }),
    'cdk.out/S.template.json': JSON.stringify({
      Resources: {
        R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['R', 'Arn'] }, Code: { ZipFile: 'x' }, Environment: { Variables: { MODEL_ID: 'amazon.nova-lite-v1:0' } } } },
      },
    }),
  };
}

const TF_PLAN = readFileSync(path.join(ROOT, 'fixtures/model-end-of-life/pass/tf-lambda-nova-micro/plan.json'), 'utf8');

interface Case {
  name: string;
  files: Record<string, string>;
  opts?: Partial<LintOptions>;
  expected: [string | undefined, string | undefined];
}

const cases: Case[] = [
  {
    name: 'the model ARN beats BEDROCK_REGION, the code literal and --region',
    files: { 'template.yaml': samFunction({ arnRegion: 'eu-west-1', envRegion: 'us-west-2', codeRegion: 'ap-northeast-1' }), 'samconfig.toml': SAMCONFIG },
    opts: { region: 'us-east-2' },
    expected: ['eu-west-1', 'model ARN'],
  },
  {
    name: 'BEDROCK_REGION beats the code literal and --region',
    files: { 'template.yaml': samFunction({ envRegion: 'us-west-2', codeRegion: 'ap-northeast-1' }) },
    opts: { region: 'us-east-2' },
    expected: ['us-west-2', 'BEDROCK_REGION'],
  },
  {
    name: 'the code literal beats --region',
    files: { 'template.yaml': samFunction({ codeRegion: 'ap-northeast-1' }) },
    opts: { region: 'us-east-2' },
    expected: ['ap-northeast-1', 'region literal in template.yaml:16'],
  },
  {
    name: '--region beats the config region and samconfig.toml',
    files: { 'template.yaml': samFunction({}), '.bedrock-lint.yaml': CONFIG, 'samconfig.toml': SAMCONFIG },
    opts: { region: 'us-east-2', config: '.bedrock-lint.yaml' },
    expected: ['us-east-2', '--region'],
  },
  {
    name: 'the config region beats samconfig.toml',
    files: { 'template.yaml': samFunction({}), '.bedrock-lint.yaml': CONFIG, 'samconfig.toml': SAMCONFIG },
    opts: { config: '.bedrock-lint.yaml' },
    expected: ['ca-central-1', 'config region (.bedrock-lint.yaml)'],
  },
  {
    name: 'the config region beats the cdk.out environment',
    files: { ...cdkFiles('aws://111122223333/eu-west-1'), '.bedrock-lint.yaml': CONFIG },
    opts: { config: '.bedrock-lint.yaml' },
    expected: ['ca-central-1', 'config region (.bedrock-lint.yaml)'],
  },
  {
    name: 'the cdk.out environment',
    files: cdkFiles('aws://111122223333/eu-west-1'),
    expected: ['eu-west-1', 'cdk.out environment of S'],
  },
  {
    name: '--region beats the Terraform provider',
    files: { 'plan.json': TF_PLAN },
    opts: { region: 'us-west-2' },
    expected: ['us-west-2', '--region'],
  },
  {
    name: 'the Terraform provider',
    files: { 'plan.json': TF_PLAN },
    expected: ['us-east-1', 'Terraform provider aws'],
  },
  {
    name: 'samconfig.toml [default.deploy.parameters]',
    files: { 'template.yaml': samFunction({}), 'samconfig.toml': SAMCONFIG },
    expected: ['ap-southeast-2', 'samconfig.toml [default.deploy.parameters]'],
  },
  {
    name: 'samconfig.toml [default.global.parameters] when deploy does not say',
    files: { 'template.yaml': samFunction({}), 'samconfig.toml': 'version = 0.1\n[default.global.parameters]\nregion = "sa-east-1"\n' },
    expected: ['sa-east-1', 'samconfig.toml [default.global.parameters]'],
  },
];

describe('call-region precedence', () => {
  for (const c of cases) {
    it(c.name, () => {
      const res = lintFiles(c.files, c.opts);
      expect(callRegions(res, c.opts?.region)).toEqual([c.expected]);
      expect(res.findings.filter((f) => f.ruleId === 'region-unresolved')).toEqual([]);
    });
  }
});

describe('samconfig.toml environments', () => {
  const saved = process.env.SAM_CONFIG_ENV;
  afterEach(() => {
    if (saved === undefined) delete process.env.SAM_CONFIG_ENV;
    else process.env.SAM_CONFIG_ENV = saved;
  });

  it('SAM_CONFIG_ENV picks the [<env>.deploy.parameters] table', () => {
    process.env.SAM_CONFIG_ENV = 'prod';
    const res = lintFiles({ 'template.yaml': samFunction({}), 'samconfig.toml': SAMCONFIG });
    expect(callRegions(res)).toEqual([['eu-central-1', 'samconfig.toml [prod.deploy.parameters]']]);
  });

  it('an environment samconfig.toml does not have gives no region', () => {
    process.env.SAM_CONFIG_ENV = 'staging';
    const res = lintFiles({ 'template.yaml': samFunction({}), 'samconfig.toml': SAMCONFIG });
    expect(callRegions(res)).toEqual([[undefined, undefined]]);
  });
});

describe('no region anywhere', () => {
  it('gives one region-unresolved info per site, and no error', () => {
    const res = lintFiles({ 'template.yaml': samFunction({}) });
    expect(callRegions(res)).toEqual([[undefined, undefined]]);
    expect(res.findings.map((f) => [f.ruleId, f.severity, f.line, f.column, f.resource, f.message])).toEqual([
      [
        'region-unresolved',
        'info',
        21,
        21,
        'Fn',
        'the Region amazon.nova-lite-v1:0 is called from is unknown, so Region checks (and Region-dependent permission checks) were skipped',
      ],
    ]);
    expect(res.findings.find((f) => f.ruleId === 'region-unresolved')?.fix).toBe('pass --region, set `region` in .bedrock-lint.yaml, or deploy with samconfig.toml / a CDK stack env');
  });
});
