// Invocation sites (SPEC §4): from environment variables, from scanned code (inline, CDK asset
// folders, SAM CodeUri folders), from grants, and from config `invocations`.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { scanCode } from '../../src/model/code-scan.js';
import { looksLikeModel } from '../../src/model/sites.js';
import type { InvocationSite } from '../../src/model/types.js';
import { lintFiles, scratch } from './helpers.js';

const CFN = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const SAM = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const ROLE = `  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: bedrock:InvokeModel
                Resource: "*"
`;
const PY_CALLS = 'import boto3\\nclient = boto3.client(\\"bedrock-runtime\\")\\ndef handler(e, c):\\n    return client.converse(modelId=MODEL)\\n';
const lambda = (env: string, code = PY_CALLS) => `${CFN}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code:
        ZipFile: "${code}"
      Environment:
        Variables:
${env}
${ROLE}`;

const brief = (s: InvocationSite) => ({
  source: s.source,
  model: s.model.value,
  api: s.api,
  roleId: s.roleId,
  resource: s.resource,
  file: s.file,
  line: s.model.loc.line,
  region: s.siteRegion?.value,
  passThrough: s.passThrough,
});

describe('sites from environment variables', () => {
  it.each([
    ['a model ID', 'amazon.nova-lite-v1:0', undefined],
    ['a profile ID', 'us.anthropic.claude-3-5-haiku-20241022-v1:0', undefined],
    ['a model ARN', 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0', 'us-west-2'],
  ])('%s', (_, value, region) => {
    const res = lintFiles({ 'template.yaml': lambda(`          MODEL_ID: "${value}"\n          UNRELATED: hello`) });
    expect(res.deployment.sites.map(brief)).toEqual([
      { source: 'env', model: value, api: 'invoke', roleId: 'FnRole', resource: 'Fn', file: 'template.yaml', line: 13, region, passThrough: undefined },
    ]);
  });

  it('a model ID from Fn::ImportValue gives no site and one template-unresolved note', () => {
    const res = lintFiles({ 'template.yaml': lambda('          MODEL_ID: !ImportValue shared-model-id') }, { region: 'us-east-1' });
    expect(res.deployment.sites).toEqual([]);
    const notes = res.findings.filter((f) => f.ruleId === 'template-unresolved');
    expect(notes.map((f) => [f.line, f.column, f.resource, f.message])).toEqual([
      [
        13,
        21,
        'Fn',
        'Fn environment variable MODEL_ID (the model ID) could not be resolved: Fn::ImportValue shared-model-id; model checks for this function were skipped; supply the value through a parameter default or config `parameters` (an explicit `invocations:` entry checks the call, but this note stays)',
      ],
    ]);
    expect(res.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('BEDROCK_REGION in the environment is the site region', () => {
    const res = lintFiles({ 'template.yaml': lambda('          MODEL_ID: amazon.nova-lite-v1:0\n          BEDROCK_REGION: eu-west-1') });
    expect(res.deployment.sites.map((s) => s.siteRegion)).toEqual([{ value: 'eu-west-1', source: 'BEDROCK_REGION', loc: { file: 'template.yaml', line: 14, column: 27, endLine: 14, endColumn: 36 } }]);
  });

  it('a function whose code never calls Bedrock only passes the model ID on', () => {
    const res = lintFiles({ 'template.yaml': lambda('          MODEL_ID: amazon.nova-lite-v1:0', 'def handler(e, c):\\n    return 1\\n') });
    expect(res.deployment.sites.map((s) => s.passThrough)).toEqual(['the code of Fn never calls Bedrock; it only passes MODEL_ID on']);
  });

  it('a function whose code is not in the inputs is marked unscanned', () => {
    const res = lintFiles({
      'template.yaml': `${CFN}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt FnRole.Arn
      Code: { S3Bucket: b, S3Key: k }
      Environment: { Variables: { MODEL_ID: amazon.nova-lite-v1:0 } }
${ROLE}`,
    });
    expect(res.deployment.sites.map((s) => [s.source, s.passThrough])).toEqual([['env', 'unscanned']]);
  });
});

describe('sites from scanned code', () => {
  it('finds model literals in an inline ZipFile, located in the template', () => {
    const res = lintFiles({
      'template.yaml': `${CFN}Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: !GetAtt FnRole.Arn
      Code:
        ZipFile: |
          import boto3
          client = boto3.client("bedrock-runtime", region_name="us-west-2")
          def handler(e, c):
              client.invoke_model(modelId="amazon.titan-text-express-v1", body="{}")
              return client.converse(modelId="amazon.nova-lite-v1:0")
${ROLE}`,
    });
    expect(res.deployment.sites.map((s) => [s.source, s.model.value, s.api, s.roleId, s.file, s.model.loc.line, s.model.loc.column, s.siteRegion?.value])).toEqual([
      ['code', 'amazon.titan-text-express-v1', 'invoke', 'FnRole', 'template.yaml', 12, 44, 'us-west-2'],
      ['code', 'amazon.nova-lite-v1:0', 'invoke', 'FnRole', 'template.yaml', 13, 47, 'us-west-2'],
    ]);
  });

  it('points matches inside a one-line JSON ZipFile string at the string itself', () => {
    const code = 'import boto3\nbr = boto3.client("bedrock-runtime")\nbr.converse(modelId="amazon.nova-lite-v1:0")\n';
    const template = {
      Resources: {
        FnRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
        Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] }, Code: { ZipFile: code } } },
      },
    };
    const text = JSON.stringify(template, null, 2);
    const line = text.split('\n').findIndex((l) => l.includes('"ZipFile"')) + 1;
    const column = text.split('\n')[line - 1]!.indexOf('"import') + 1;
    const res = lintFiles({ 'template.json': text });
    expect(res.deployment.sites.map((s) => [s.model.value, s.model.loc.line, s.model.loc.column, s.model.loc.endLine])).toEqual([['amazon.nova-lite-v1:0', line, column, line]]);
  });

  it('scans a CDK asset folder named by aws:asset:path', () => {
    const res = lintFiles({
      'cdk.out/manifest.json': JSON.stringify({ version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', environment: 'aws://111122223333/us-east-1', properties: { templateFile: 'S.template.json' } } } }),
      'cdk.out/S.template.json': JSON.stringify({
        Resources: {
          FnRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
          Fn: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': ['FnRole', 'Arn'] }, Code: { S3Bucket: 'b', S3Key: 'k.zip' } }, Metadata: { 'aws:asset:path': 'asset.abc123' } },
        },
      }),
      'cdk.out/asset.abc123/index.mjs': [
        "import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';",
        "const client = new BedrockRuntimeClient({ region: 'eu-central-1' });",
        "export const handler = () => client.send(new ConverseStreamCommand({ modelId: 'eu.amazon.nova-lite-v1:0', messages: [] }));",
      ].join('\n'),
    });
    expect(res.deployment.sites.map((s) => [s.source, s.model.value, s.api, s.streamEvidence, s.file, s.model.loc.line, s.siteRegion?.value, s.stack])).toEqual([
      ['code', 'eu.amazon.nova-lite-v1:0', 'stream', 'cdk.out/asset.abc123/index.mjs:3 ConverseStreamCommand', 'cdk.out/asset.abc123/index.mjs', 3, 'eu-central-1', 'S'],
    ]);
  });

  it('scans a SAM CodeUri folder, skipping node_modules', () => {
    const res = lintFiles({
      'template.yaml': `${SAM}Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: python3.12
`,
      'src/app.py': 'import boto3\nbr = boto3.client("bedrock-runtime")\n\ndef handler(e, c):\n    return br.invoke_model_with_response_stream(modelId="anthropic.claude-3-haiku-20240307-v1:0", body="{}")\n',
      'src/node_modules/dep/index.js': 'const m = "amazon.titan-text-express-v1";\n',
      'src/README.md': 'uses "cohere.command-r-v1:0"\n',
    });
    expect(res.deployment.sites.map((s) => [s.model.value, s.api, s.roleId, s.file, s.model.loc.line, s.model.loc.column])).toEqual([
      ['anthropic.claude-3-haiku-20240307-v1:0', 'stream', 'FnRole', 'src/app.py', 5, 58],
    ]);
  });

  it('an env var naming the model wins over code literals', () => {
    const res = lintFiles({ 'template.yaml': lambda('          MODEL_ID: amazon.nova-lite-v1:0', 'c = boto3.client(\\"bedrock-runtime\\")\\nc.converse(modelId=\\"amazon.titan-text-express-v1\\")\\n') });
    expect(res.deployment.sites.map((s) => [s.source, s.model.value])).toEqual([['env', 'amazon.nova-lite-v1:0']]);
  });
});

describe('scanCode: client region literal, streaming, endpoint override', () => {
  const scan = (file: string, text: string) => {
    const dir = scratch({ [file]: text });
    return scanCode([{ path: dir, loc: { file: 't', line: 1, column: 1, endLine: 1, endColumn: 1 } }], dir);
  };

  it.each([
    ['index.js', 'const { BedrockRuntimeClient } = require("@aws-sdk/client-bedrock-runtime");\nconst c = new BedrockRuntimeClient({ region: "us-west-2" });\n', 'us-west-2', 'region literal in index.js:2'],
    ['app.py', 'import boto3\nc = boto3.client("bedrock-runtime", region_name="us-west-2")\n', 'us-west-2', 'region literal in app.py:2'],
    ['App.java', 'class App {\n  BedrockRuntimeClient c = BedrockRuntimeClient.builder()\n      .region(Region.US_WEST_2)\n      .build();\n}\n', 'us-west-2', 'region literal in App.java:3'],
    [
      'main.go',
      'package main\n\nimport (\n\t"context"\n\t"github.com/aws/aws-sdk-go-v2/config"\n\t"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"\n)\n\nfunc client(ctx context.Context) *bedrockruntime.Client {\n\tcfg, _ := config.LoadDefaultConfig(ctx, config.WithRegion("us-west-2"))\n\treturn bedrockruntime.NewFromConfig(cfg)\n}\n',
      'us-west-2',
      'region literal in main.go:10',
    ],
    [
      'far.go',
      'package main\n\nimport (\n\t"context"\n\t"github.com/aws/aws-sdk-go-v2/config"\n\t"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"\n)\n\n// client builds the runtime client.\n// It is shared by every handler.\n\nfunc client(ctx context.Context) *bedrockruntime.Client {\n\tcfg, _ := config.LoadDefaultConfig(ctx,\n\t\tconfig.WithRegion("us-west-2"))\n\treturn bedrockruntime.NewFromConfig(cfg)\n}\n',
      'us-west-2',
      'region literal in far.go:14',
    ],
    [
      'docs.go',
      'package main\n\nimport (\n\t"context"\n\t"log"\n\n\t"github.com/aws/aws-sdk-go-v2/config"\n\t"github.com/aws/aws-sdk-go-v2/service/bedrockruntime"\n)\n\nconst modelID = "amazon.nova-lite-v1:0"\n\nfunc main() {\n\tcfg, err := config.LoadDefaultConfig(context.TODO(), config.WithRegion("us-west-2"))\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n\tclient := bedrockruntime.NewFromConfig(cfg)\n\t_ = client\n}\n',
      'us-west-2',
      'region literal in docs.go:14',
    ],
    ['sess.py', 'import boto3\nsession = boto3.Session(region_name="eu-west-1")\nbr = session.client("bedrock-runtime")\n', 'eu-west-1', 'region literal in sess.py:2'],
    ['other.py', 'import boto3\ns3 = boto3.client("s3", region_name="eu-west-1")\nbr = boto3.client("bedrock-runtime")\n', undefined, undefined],
  ])('%s', (file, text, region, source) => {
    const f = scan(file, text);
    expect([f.region?.value, f.region?.source]).toEqual([region, source]);
  });

  it.each([
    ['index.js', 'client.send(new ConverseStreamCommand({ modelId }));', 'index.js:1 ConverseStreamCommand'],
    ['app.py', 'br = boto3.client("bedrock-runtime")\nbr.invoke_model_with_response_stream(modelId=m, body=b)', 'app.py:2 invoke_model_with_response_stream'],
    ['app2.py', 'br = boto3.client("bedrock-runtime")\nbr.converse_stream(modelId=m, messages=[])', 'app2.py:2 converse_stream'],
    ['conv.py', 'br = boto3.client("bedrock-runtime")\nbr.converse(modelId=m, messages=[])', undefined],
    ['commented.js', '// client.send(new ConverseStreamCommand({}))\nclient.send(new ConverseCommand({ modelId }));', undefined],
  ])('streaming in %s', (file, text, streams) => {
    const f = scan(file, text);
    expect(f.streams).toBe(streams);
    expect(f.noBedrockCalls).toBeUndefined();
  });

  it('notes an endpoint URL override and code without Bedrock calls', () => {
    expect(scan('a.py', 'br = boto3.client("bedrock-runtime", endpoint_url="https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com")\n').endpointOverride).toBe(true);
    expect(scan('b.py', 'def handler(e, c):\n    return {"ok": True}\n')).toEqual({ models: [], scanned: true, noBedrockCalls: true });
  });
});

describe('looksLikeModel', () => {
  const catalog = loadCatalog();
  it.each([
    ['amazon.nova-lite-v1:0', true],
    ['anthropic.claude-made-up-v9', true],
    ['us.anthropic.claude-3-5-haiku-20241022-v1:0', true],
    ['arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc', true],
    ['arn:aws:bedrock:\uFFFF::foundation-model/amazon.nova-lite-v1:0', true],
    ['\uFFFF', false],
    ['my-table', false],
    ['example.com', false],
    ['arn:aws:s3:::bucket', false],
  ])('%s → %s', (value, expected) => {
    expect(looksLikeModel(value, catalog)).toBe(expected);
  });
});

describe('sites from grants (SPEC §4 source 5)', () => {
  it('a role no other site uses intends to call the models its grants name', () => {
    const res = lintFiles({
      'template.yaml': `${CFN}Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream]
                Resource:
                  - arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.amazon.nova-lite-v1:0
                  - arn:aws:bedrock:*::foundation-model/amazon.nova-lite-v1:0
                  - arn:aws:bedrock:us-east-1::foundation-model/*
              - Effect: Allow
                Action: bedrock:InvokeModelWithResponseStream
                Resource: arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-express-v1
              - Effect: Allow
                Action: bedrock:InvokeModel
                Resource: arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-embed-text-v2:0
                Condition: { StringEquals: { aws:RequestedRegion: us-west-2 } }
`,
    });
    expect(res.deployment.sites.map((s) => [s.source, s.model.value, s.api, s.roleId, s.model.loc.line, s.siteRegion?.value, s.passThrough])).toEqual([
      ['policy', 'us.amazon.nova-lite-v1:0', 'invoke', 'Worker', 15, 'us-east-1', undefined],
      ['policy', 'amazon.nova-lite-v1:0', 'invoke', 'Worker', 16, undefined, 'a grant on a foundation-model ARN is its own evidence'],
      ['policy', 'amazon.titan-text-express-v1', 'stream', 'Worker', 20, 'us-west-2', 'a grant on a foundation-model ARN is its own evidence'],
    ]);
  });

  it('a role that already has a site gets no grant sites', () => {
    const res = lintFiles({ 'template.yaml': lambda('          MODEL_ID: amazon.nova-lite-v1:0').replace('Resource: "*"', 'Resource: arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1') });
    expect(res.deployment.sites.map((s) => [s.source, s.model.value])).toEqual([['env', 'amazon.nova-lite-v1:0']]);
  });
});

describe('sites from config invocations', () => {
  const template = `${CFN}Resources:
${ROLE}`;
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*' }] });

  it('names a role by logical ID', () => {
    const res = lintFiles({
      'template.yaml': template,
      '.bedrock-lint.yaml': 'invocations:\n  - principal: FnRole\n    model: amazon.nova-lite-v1:0\n    region: us-west-2\n    stream: true\n',
    }, { config: '.bedrock-lint.yaml' });
    const s = res.deployment.sites.find((x) => x.source === 'config')!;
    expect([s.model.value, s.api, s.roleId, s.resource, s.file, s.siteRegion?.value, s.streamEvidence, s.model.loc.line]).toEqual([
      'amazon.nova-lite-v1:0',
      'stream',
      'FnRole',
      'FnRole',
      'template.yaml',
      'us-west-2',
      'config invocation stream: true',
      3,
    ]);
  });

  it('names a policy file as the principal identity', () => {
    const res = lintFiles({
      'policies/caller.json': policy,
      '.bedrock-lint.yaml': 'invocations:\n  - principal: policies/caller.json\n    model: amazon.nova-lite-v1:0\n',
    }, { config: '.bedrock-lint.yaml', region: 'us-east-1' });
    const s = res.deployment.sites.find((x) => x.source === 'config')!;
    expect([s.principalName, s.file, s.roleId, s.principalPolicies?.map((p) => p.id), s.via]).toEqual([
      'policies/caller.json',
      'policies/caller.json',
      undefined,
      ['policies/caller.json'],
      ['principal policy policies/caller.json'],
    ]);
    expect(res.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('a principal that is neither a role nor a file is a usage error', () => {
    expect(() =>
      lintFiles({ 'template.yaml': template, '.bedrock-lint.yaml': 'invocations:\n  - principal: NoSuchRole\n    model: amazon.nova-lite-v1:0\n' }, { config: '.bedrock-lint.yaml' }),
    ).toThrow('config invocations: principal NoSuchRole is neither a role in the inputs nor a policy file');
  });
});

