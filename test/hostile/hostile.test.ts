// Hostile and accidental inputs (SPEC §2 "Bounded", §11): each one gives a clear parse-error or
// analysis-budget-exceeded finding through the real CLI, never a crash, a hang, or a read outside
// the given paths. Inputs are written to a temporary folder at test time.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSync } from '../../src/engine.js';
import { parseJson } from '../../src/load/json.js';
import { toPlain } from '../../src/load/node.js';
import { parseYaml } from '../../src/load/yaml.js';
import { generateChainedIf } from '../../bench/gen.mjs';
import { runCli } from '../helpers/cli.js';

interface Finding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
}
interface Report {
  findings: Finding[];
  errors: { file: string; message: string }[];
  summary: { files: number };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'bedrock-lint-hostile-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(rel: string, content: string | Buffer): string {
  const abs = path.join(dir, rel);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return rel;
}

/** Runs the CLI with --format json in the temp folder; asserts a clean exit and a JSON report. */
function lint(args: string[], cwd = dir): Report & { status: number | null; ms: number } {
  const started = Date.now();
  const r = runCli([...args, '--format', 'json'], cwd);
  const ms = Date.now() - started;
  expect([0, 1, 3], `exit ${r.status}; stderr: ${r.stderr}`).toContain(r.status);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  const report = JSON.parse(r.stdout) as Report;
  return { ...report, status: r.status, ms };
}

const TEMPLATE_HEAD = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const only = (report: Report) => report.findings.map((f) => [f.ruleId, f.file, f.line]);

describe('resource exhaustion', () => {
  it('a YAML alias bomb (billion laughs) stops at the alias budget', () => {
    const lines = [TEMPLATE_HEAD.trim(), `a0: &a0 [${Array(9).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
    lines.push('Resources:', '  Q:', '    Type: AWS::SQS::Queue', '    Properties:', '      Tags: *a9');
    const file = write('bomb.yaml', `${lines.join('\n')}\n`);
    const r = lint([file]);
    expect(r.status).toBe(0);
    expect(only(r)).toEqual([['analysis-budget-exceeded', 'bomb.yaml', 4]]);
    expect(r.findings[0]!.message).toMatch(/^more than 1000 YAML alias.*; not analysed$/);
  });

  const deep = 10_000;
  it.each([
    ['YAML flow', 'deep-flow.yaml', `${TEMPLATE_HEAD}Resources: ${'['.repeat(deep)}${']'.repeat(deep)}\n`],
    ['YAML block', 'deep-block.yaml', `${TEMPLATE_HEAD}Resources:\n  ${'- '.repeat(deep)}x\n`],
    ['JSON arrays', 'deep-array.json', `{"AWSTemplateFormatVersion": "2010-09-09", "Resources": ${'['.repeat(deep)}${']'.repeat(deep)}}\n`],
    ['JSON objects', 'deep-object.json', `{"Resources": ${'{"a": '.repeat(deep)}1${'}'.repeat(deep)}}\n`],
  ])('%s nested 10,000 levels deep stops at the depth budget', (_kind, name, text) => {
    const r = lint([write(name, text)]);
    expect(r.status).toBe(0);
    expect(r.findings.map((f) => [f.ruleId, f.file])).toEqual([['analysis-budget-exceeded', name]]);
    expect(r.findings[0]!.message).toMatch(/^nesting (deeper than 500 levels|too deep to parse)/);
  });

  it('a 50 MB file is skipped with a size-budget finding, without being read', () => {
    const text = `${TEMPLATE_HEAD}Description: "${'x'.repeat(50 * 1024 * 1024)}"\nResources: {}\n`;
    const file = write('huge.yaml', text);
    const r = lint([file]);
    expect(r.status).toBe(0);
    expect(only(r)).toEqual([['analysis-budget-exceeded', 'huge.yaml', 1]]);
    expect(r.findings[0]!.message).toBe(`file is ${Buffer.byteLength(text)} bytes, over the 10485760-byte size budget; not analysed (raise --max-file-size to include it)`);
    rmSync(path.join(dir, file));
  });

  it('40 chained Fn::If conditions (each using the previous one twice) resolve quickly', () => {
    for (const format of ['yaml', 'json'] as const) {
      const r = lint([write(`chained.${format}`, generateChainedIf(format)), '--region', 'us-east-1']);
      expect(r.status).toBe(0);
      expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual([
        ['template-unresolved', 'info'],
        ['template-unresolved', 'info'],
      ]);
    }
  });
});

describe('bytes that are not text', () => {
  it('a binary file given explicitly is a parse-error', () => {
    const r = lint([write('blob.yaml', Buffer.from([0x00, 0x01, 0x02, 0x41, 0x00, 0xff]))]);
    expect(r.status).toBe(3);
    expect(only(r)).toEqual([['parse-error', 'blob.yaml', 1]]);
    expect(r.findings[0]!.message).toBe('binary file (contains NUL bytes); not a template, policy or request');
  });

  it('invalid UTF-8 given explicitly is a parse-error that says so', () => {
    const bytes = Buffer.concat([Buffer.from(`${TEMPLATE_HEAD}Description: "caf`), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n')]);
    const r = lint([write('latin.yaml', bytes)]);
    expect(r.status).toBe(3);
    expect(r.findings.map((f) => [f.ruleId, f.file])).toEqual([['parse-error', 'latin.yaml']]);
    expect(r.findings[0]!.message).toMatch(/UTF-8/);
    expect(r.findings[0]!.line).toBe(2);
  });
});

describe('malformed documents', () => {
  it('duplicate keys in YAML are a parse-error at the second key', () => {
    const r = lint([write('dup.yaml', `${TEMPLATE_HEAD}Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  Q:\n    Type: AWS::SNS::Topic\n`)]);
    expect(r.status).toBe(3);
    expect(only(r)).toEqual([['parse-error', 'dup.yaml', 5]]);
    expect(r.findings[0]!.message).toBe('duplicate key "Q" (first defined at line 3, column 3)');
  });

  it('duplicate keys in JSON are a parse-error at the second key', () => {
    const r = lint([write('dup.json', '{\n "AWSTemplateFormatVersion": "2010-09-09",\n "Resources": {\n  "Q": {"Type": "AWS::SQS::Queue"},\n  "Q": {"Type": "AWS::SNS::Topic"}\n }\n}\n')]);
    expect(r.status).toBe(3);
    expect(only(r)).toEqual([['parse-error', 'dup.json', 5]]);
    expect(r.findings[0]!.message).toBe('duplicate key "Q" (first defined at line 4, column 3)');
  });

  it('an empty file given explicitly gets one input-unrecognized note and does not fail the run', () => {
    // Pre-commit passes every YAML/JSON file of a commit explicitly: an empty one must not block it.
    const r = lint([write('empty.yaml', '')]);
    expect(r.status).toBe(0);
    expect(only(r)).toEqual([['input-unrecognized', 'empty.yaml', 1]]);
    expect(r.findings[0]!.severity).toBe('info');
  });

  it.each([
    ['YAML', 'list.yaml', `- ${TEMPLATE_HEAD}- Resources: {}\n`],
    ['JSON', 'list.json', '[{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {}}]\n'],
  ])('a %s document that is only a list, given explicitly, is a parse-error', (_kind, name, text) => {
    const r = lint([write(name, text)]);
    expect(r.status).toBe(3);
    expect(only(r)).toEqual([['parse-error', name, 1]]);
  });

  it('empty and list-only files found by walking a folder are skipped silently', () => {
    write('walked/empty.yaml', '');
    write('walked/list.yaml', '- a\n- b\n');
    const r = lint(['walked']);
    expect(r.status).toBe(0);
    expect(r.findings).toEqual([]);
  });
});

describe('links and references outside the given paths', () => {
  // A template that yields a finding when it is read: proof that a file was (not) read.
  const OUTSIDE_TEMPLATE = `${TEMPLATE_HEAD}Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}]}
      Policies:
        - PolicyName: p
          PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "bedrock:InvokeModels", Resource: "*"}]}
`;
  const ASL = '{"StartAt":"I","States":{"I":{"Type":"Task","Resource":"arn:aws:states:::bedrock:invokeModel","Parameters":{"ModelId":"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0","Body":{"bogusField":1}},"End":true}}}\n';

  beforeAll(() => {
    write('outside/secret.yaml', OUTSIDE_TEMPLATE);
    write('outside/machine.asl.json', ASL);
    write('outside/stack.template.json', JSON.stringify(toPlain(parseYaml(OUTSIDE_TEMPLATE, 'x').root!), null, 1));
    write('root/inside.yaml', OUTSIDE_TEMPLATE);
    mkdirSync(path.join(dir, 'root/sub'), { recursive: true });
    symlinkSync('../outside/secret.yaml', path.join(dir, 'root/link-file.yaml'));
    symlinkSync('../outside', path.join(dir, 'root/link-dir'));
    symlinkSync('.', path.join(dir, 'root/sub/loop'));
    symlinkSync('..', path.join(dir, 'root/sub/up'));
    symlinkSync('b.yaml', path.join(dir, 'root/a.yaml'));
    symlinkSync('a.yaml', path.join(dir, 'root/b.yaml'));
  });

  it('the outside files yield findings when linted directly (control)', () => {
    const r = lint(['outside', '--region', 'us-east-1']);
    expect(r.findings.map((f) => [f.ruleId, f.file])).toEqual([
      ['request-invalid-body', 'outside/machine.asl.json'],
      ['iam-unknown-action', 'outside/secret.yaml'],
      ['iam-unknown-action', 'outside/stack.template.json'],
    ]);
  });

  it('symlink loops and links leaving the root are not followed', () => {
    const r = lint(['root', '--region', 'us-east-1']);
    expect(r.status).toBe(1);
    expect(only(r)).toEqual([['iam-unknown-action', 'root/inside.yaml', 9]]);
    expect(r.summary.files).toBe(1);
  });

  it('a SAM DefinitionUri that leaves the given folder is not read', () => {
    write(
      'samroot/template.yaml',
      `${TEMPLATE_HEAD}Transform: AWS::Serverless-2016-10-31
Resources:
  M:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: ../outside/machine.asl.json
      Policies:
        - Statement: [{Effect: Allow, Action: "bedrock:InvokeModel", Resource: "*"}]
`,
    );
    const r = lint(['samroot', '--region', 'us-east-1']);
    expect(r.findings.filter((f) => f.file.startsWith('outside/'))).toEqual([]);
    expect(r.errors.filter((e) => e.file.startsWith('outside/'))).toEqual([]);
  });

  it('a cloud assembly whose manifest points outside it is not read there', () => {
    write('cdkroot/cdk.out/cdk.out', '{"version":"36.0.0"}');
    write('cdkroot/cdk.out/Stack.template.json', '{}');
    write(
      'cdkroot/cdk.out/manifest.json',
      JSON.stringify({ version: '36.0.0', artifacts: { Stack: { type: 'aws:cloudformation:stack', environment: 'aws://111122223333/us-east-1', properties: { templateFile: '../../outside/stack.template.json' } } } }),
    );
    const r = lint(['cdkroot']);
    expect(r.findings.filter((f) => f.file.startsWith('outside/'))).toEqual([]);
  });
});

describe('prototype pollution', () => {
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const assertClean = () => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(Object.prototype.toString.call([])).toBe('[object Array]');
  };

  const YAML_DOC = `__proto__:
  polluted: true
constructor:
  prototype:
    polluted: true
Resources:
  __proto__:
    Type: AWS::Lambda::Function
    Properties:
      Environment:
        Variables:
          __proto__: {polluted: true}
          constructor: amazon.nova-pro-v1:0
`;
  const JSON_DOC = '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "Resources": {"__proto__": {"Type": "AWS::SQS::Queue"}}}';

  it('the YAML loader keeps __proto__ and constructor as plain keys', () => {
    const r = parseYaml(YAML_DOC, 'p.yaml');
    expect(r.errors).toEqual([]);
    const plain = toPlain(r.root!) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__', 'constructor', 'Resources']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value).toEqual({ polluted: true });
    assertClean();
  });

  it('the JSON loader keeps __proto__ and constructor as plain keys', () => {
    const r = parseJson(JSON_DOC, 'p.json');
    expect(r.errors).toEqual([]);
    const plain = toPlain(r.root!) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__', 'constructor', 'Resources']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    assertClean();
  });

  it('the whole engine runs over __proto__/constructor/prototype keys everywhere without pollution', () => {
    const keys = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
    const nasty = Object.fromEntries(keys.map((k) => [k, { polluted: true }]));
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      ...nasty,
      Parameters: { ...nasty, P: { Type: 'String', Default: '__proto__' } },
      Mappings: { __proto__x: {}, ...Object.fromEntries(keys.map((k) => [k, { [k]: { [k]: 'v' } }])) },
      Conditions: Object.fromEntries(keys.map((k) => [k, { 'Fn::Equals': [{ Ref: 'P' }, k] }])),
      Resources: {
        ...Object.fromEntries(keys.map((k) => [k, { Type: 'AWS::SQS::Queue', Properties: nasty }])),
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
            Policies: [{ PolicyName: '__proto__', PolicyDocument: { Version: '2012-10-17', Statement: [{ Sid: 'constructor', Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: '*', Condition: { __proto__x: {}, ...Object.fromEntries(keys.map((k) => [k, { [k]: k }])) } }] } }],
            Tags: keys.map((k) => ({ Key: k, Value: k })),
          },
        },
        Fn: {
          Type: 'AWS::Lambda::Function',
          Properties: {
            Role: { 'Fn::GetAtt': ['Role', 'Arn'] },
            Environment: { Variables: { ...Object.fromEntries(keys.map((k) => [k, k])), MODEL_ID: { 'Fn::FindInMap': ['__proto__', '__proto__', '__proto__'] } } },
            Code: { ZipFile: 'client.invoke_model(modelId="__proto__")' },
          },
        },
      },
    };
    // JSON.stringify of an object literal built above drops nothing: __proto__ came in through computed keys.
    const json = JSON.stringify(template, null, 1);
    expect(json).toContain('"__proto__": {');
    write('proto/template.json', json);
    write('proto/template.yaml', YAML_DOC);
    write('proto/policy.json', '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"__proto__": {"constructor": "x"}}}]}');
    const result = lintSync({ paths: ['proto'], cwd: dir, region: 'us-east-1', useConfig: false });
    expect(result.errors).toEqual([]);
    expect(result.files).toBe(3);
    assertClean();
    expect(({} as Record<string, unknown>)['constructor']).toBe(Object);
  });
});

describe('time budget', () => {
  it('the engine has a per-template analysis time budget', async () => {
    // SPEC §2: "Every file and every template has a size, depth and time budget". The budget
    // object is the single place such limits live.
    const { defaultBudget } = await import('../../src/load/budget.js');
    expect(Object.keys(defaultBudget).filter((k) => /time|ms|deadline/i.test(k))).not.toEqual([]);
  });
});
