// The pre-commit hook: its definition, and a real `pre-commit` run in a scratch git repository.
// The run uses a `repo: local` hook pointing at the built CLI (a `language: node` hook from a
// remote repository would need the network); it copies the published hook's file filters.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CLI, ROOT } from '../helpers/cli.js';

interface HookDef {
  id: string;
  name: string;
  entry: string;
  language: string;
  types_or: string[];
  pass_filenames: boolean;
  require_serial: boolean;
  exclude: string;
  [k: string]: unknown;
}

const hooks = parse(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as HookDef[];
const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasPreCommit) console.warn('pre-commit is not installed: the pre-commit run test is skipped (install it with `apt-get install pre-commit` or `pipx install pre-commit`)');

const dirs: string[] = [];
const tmp = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const BAD = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  ImageFn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: |
        import boto3, os
        bedrock = boto3.client("bedrock-runtime", region_name="us-west-2")
        def handler(event, context):
            return bedrock.invoke_model(modelId=os.environ["MODEL_ID"], body=event["body"])
      Environment:
        Variables:
          MODEL_ID: stability.sd3-5-large-v1:0
      Policies:
        - Statement:
            - Effect: Allow
              Action:
                - bedrock:InvokeModels
              Resource: arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0
`;
const GOOD = BAD.replace('bedrock:InvokeModels', 'bedrock:InvokeModel');

describe('.pre-commit-hooks.yaml', () => {
  it('defines the bedrock-lint hook', () => {
    expect(hooks).toHaveLength(1);
    const { description, exclude, ...hook } = hooks[0]!;
    expect(hook).toEqual({
      id: 'bedrock-lint',
      name: 'bedrock-lint',
      entry: 'bedrock-lint',
      language: 'node',
      types_or: ['yaml', 'json'],
      pass_filenames: true,
      require_serial: true,
      minimum_pre_commit_version: '2.9.2',
    });
    expect(typeof description).toBe('string');
    // The entry is the package's bin, so `language: node` installs and finds it.
    expect(Object.keys(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).bin)).toEqual(['bedrock-lint']);
    const re = new RegExp(exclude);
    expect(['tsconfig.json', 'web/tsconfig.app.json', '.vscode/settings.json', '.devcontainer/devcontainer.json'].filter((f) => re.test(f))).toHaveLength(4);
    expect(['template.yaml', 'infra/cdk.json', 'policies/bedrock.json', 'cdk.out/App.template.json'].filter((f) => re.test(f))).toEqual([]);
  });
});

describe('pre-commit run', () => {
  it.skipIf(!hasPreCommit)('accepts .pre-commit-hooks.yaml as a hook manifest (skipped when pre-commit is not installed)', () => {
    const r = spawnSync('pre-commit', ['validate-manifest', path.join(ROOT, '.pre-commit-hooks.yaml')], { encoding: 'utf8', env: { ...process.env, PRE_COMMIT_HOME: tmp('bedrock-lint-precommit-home-') } });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!hasPreCommit)('blocks a commit with the InvokeModels typo and lets the fixed template through (skipped when pre-commit is not installed)', () => {
    const repo = tmp('bedrock-lint-precommit-');
    const env = { ...process.env, PRE_COMMIT_HOME: path.join(repo, '.cache'), NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', HOME: repo };
    const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { cwd: repo, env, encoding: 'utf8', timeout: 60_000 });
    const git = (...args: string[]) => {
      const r = run('git', args);
      expect(r.status, r.stderr).toBe(0);
    };
    git('init', '-q');
    git('config', 'user.email', 'dev@example.com');
    git('config', 'user.name', 'Dev');
    git('config', 'commit.gpgsign', 'false');

    const { id, name, types_or, pass_filenames, require_serial, exclude } = hooks[0]!;
    const local = { id, name, entry: `node ${JSON.stringify(CLI)}`, language: 'system', types_or, pass_filenames, require_serial, exclude, args: ['--date=2026-01-15'] };
    writeFileSync(path.join(repo, '.pre-commit-config.yaml'), stringify({ repos: [{ repo: 'local', hooks: [local] }] }));
    writeFileSync(path.join(repo, '.gitignore'), '.cache/\n');
    // A JSON-with-comments file the hook must not hand to bedrock-lint.
    writeFileSync(path.join(repo, 'tsconfig.json'), '{\n  // editor settings\n  "compilerOptions": {}\n}\n');
    writeFileSync(path.join(repo, 'template.yaml'), BAD);
    git('add', '.pre-commit-config.yaml', '.gitignore', 'tsconfig.json', 'template.yaml');

    const bad = run('pre-commit', ['run', '--files', 'template.yaml', 'tsconfig.json']);
    expect(bad.status, bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/^bedrock-lint\.+Failed$/m);
    expect(bad.stdout).toContain('- exit code: 1');
    expect(bad.stdout).toContain('template.yaml:21:19: error: bedrock:InvokeModels is not an IAM action; did you mean bedrock:InvokeModel? (it grants nothing) [iam-unknown-action]');
    expect(bad.stdout).toContain('2 errors, 0 warnings in 1 file (1 file checked)');

    // The real commit path: the installed git hook runs the same check.
    const install = run('pre-commit', ['install']);
    expect(install.status, install.stderr).toBe(0);
    const blocked = run('git', ['commit', '-q', '-m', 'add image function']);
    expect(blocked.status).toBe(1);
    expect(blocked.stdout + blocked.stderr).toContain('[iam-unknown-action]');

    writeFileSync(path.join(repo, 'template.yaml'), GOOD);
    git('add', 'template.yaml');
    const good = run('pre-commit', ['run', '--files', 'template.yaml']);
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^bedrock-lint\.+Passed$/m);
    const committed = run('git', ['commit', '-q', '-m', 'add image function']);
    expect(committed.status, committed.stdout + committed.stderr).toBe(0);
  });
});
