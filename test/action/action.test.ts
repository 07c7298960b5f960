// The composite GitHub Action: its structure, and its lint step's own shell script run on a fixture
// folder with the built CLI, as the runner would run it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, ROOT } from '../helpers/cli.js';

interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  shell?: string;
  run?: string;
  with?: Record<string, string | number>;
  env?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; required: boolean; default: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as Action;
const step = (name: string) => action.runs.steps.find((s) => s.name === name)!;

// SARIF 2.1.0 schema subset, as in test/report/sarif.test.ts.
const ajv = new Ajv({ allErrors: true, strict: false });
ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s\\]*$/.test(s) && !/%(?![0-9a-fA-F]{2})/.test(s));
ajv.addFormat('uri-reference', (s: string) => !/[\s\\]/.test(s) && !/%(?![0-9a-fA-F]{2})/.test(s));
const validateSarif = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'test/fixtures-sarif/sarif-schema-2.1.0-subset.json'), 'utf8')));

const dirs: string[] = [];
const tmp = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs one of the action's bash steps as GitHub's runner does (`bash -e {0}`), with its env mapped from inputs. */
function runStep(s: Step, cwd: string, env: Record<string, string>) {
  const script = path.join(tmp('bedrock-lint-step-'), 'step.sh');
  writeFileSync(script, s.run!);
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(AWS_|GITHUB_)/.test(k) && v !== undefined) clean[k] = v;
  return spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd, encoding: 'utf8', env: { ...clean, NO_COLOR: '1', ...env }, timeout: 60_000 });
}

/** The lint step with the given inputs, in a fresh copy of test/action/fixture. */
function lint(inputs: { paths: string; args: string; sarif: string; failOn: string }) {
  const cwd = tmp('bedrock-lint-action-');
  cpSync(path.join(ROOT, 'test/action/fixture'), cwd, { recursive: true });
  const outputFile = path.join(cwd, '.github-output');
  writeFileSync(outputFile, '');
  const r = runStep(step('Run bedrock-lint'), cwd, {
    BEDROCK_LINT_CLI: CLI,
    BEDROCK_LINT_PATHS: inputs.paths,
    BEDROCK_LINT_ARGS: inputs.args,
    BEDROCK_LINT_SARIF: inputs.sarif,
    BEDROCK_LINT_FAIL_ON: inputs.failOn,
    GITHUB_OUTPUT: outputFile,
  });
  const outputs = Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
  return { ...r, cwd, outputs };
}

describe('action.yml', () => {
  it('is a composite action with the documented inputs and outputs', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]))).toEqual({
      paths: '.',
      args: '',
      'sarif-file': 'bedrock-lint.sarif',
      'upload-sarif': 'true',
      'fail-on': 'error',
      version: '',
    });
    expect(Object.values(action.inputs).every((i) => i.required === false && i.description.length > 0)).toBe(true);
    expect(action.outputs['exit-code']!.value).toBe('${{ steps.lint.outputs.exit-code }}');
  });

  it('sets up Node 20, installs, lints once, uploads SARIF and exits with the CLI code', () => {
    const steps = action.runs.steps;
    expect(steps.map((s) => s.name)).toEqual(['Set up Node.js', 'Install bedrock-lint', 'Run bedrock-lint', 'Upload SARIF to code scanning', "Exit with bedrock-lint's status"]);
    expect(steps[0]).toMatchObject({ uses: 'actions/setup-node@v4', with: { 'node-version': 20 } });
    const install = step('Install bedrock-lint');
    expect(install.env).toEqual({ BEDROCK_LINT_VERSION: '${{ inputs.version }}', ACTION_PATH: '${{ github.action_path }}' });
    expect(install.run).toContain('(cd "$ACTION_PATH" && npm ci --no-audit --no-fund)');
    expect(install.run).toContain('echo "BEDROCK_LINT_CLI=$ACTION_PATH/dist/cli.mjs" >> "$GITHUB_ENV"');
    const run = step('Run bedrock-lint');
    expect(run.id).toBe('lint');
    expect(run.env).toEqual({
      BEDROCK_LINT_PATHS: '${{ inputs.paths }}',
      BEDROCK_LINT_ARGS: '${{ inputs.args }}',
      BEDROCK_LINT_SARIF: '${{ inputs.sarif-file }}',
      BEDROCK_LINT_FAIL_ON: '${{ inputs.fail-on }}',
    });
    // Inputs reach shell scripts only through env, never as ${{ }} inside `run` (script injection).
    for (const s of steps) expect(s.run ?? '').not.toContain('${{');
    const upload = step('Upload SARIF to code scanning');
    expect(upload).toMatchObject({
      uses: 'github/codeql-action/upload-sarif@v3',
      if: "always() && inputs.upload-sarif == 'true' && steps.lint.outputs.sarif-file != ''",
      with: { sarif_file: '${{ steps.lint.outputs.sarif-file }}', category: 'bedrock-lint' },
    });
    expect(step("Exit with bedrock-lint's status")).toMatchObject({ if: 'always()', env: { BEDROCK_LINT_EXIT: '${{ steps.lint.outputs.exit-code }}' } });
  });

  it('its lint step prints ::error annotations, writes valid SARIF and records exit code 1', () => {
    const r = lint({ paths: 'infra', args: '--date 2026-01-15', sarif: 'bedrock-lint.sarif', failOn: 'error' });
    expect(r.status, r.stderr).toBe(0); // the step itself succeeds; the last step fails the job
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'bedrock-lint.sarif' });
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::'))).toEqual([
      '::error file=infra/template.yaml,line=22,col=19,endLine=22,endColumn=39,title=iam-invoke-denied::role ImageFnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0 — no statement allows it%0Afix: allow bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0',
      '::error file=infra/template.yaml,line=22,col=19,endLine=22,endColumn=39,title=iam-unknown-action::bedrock:InvokeModels is not an IAM action; did you mean bedrock:InvokeModel? (it grants nothing)%0Afix: replace bedrock:InvokeModels with bedrock:InvokeModel',
    ]);
    const sarif = JSON.parse(readFileSync(path.join(r.cwd, 'bedrock-lint.sarif'), 'utf8')) as {
      version: string;
      runs: { tool: { driver: { name: string } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }[] }[];
    };
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.tool.driver.name).toBe('bedrock-lint');
    expect(sarif.runs[0]!.results.map((x) => [x.ruleId, x.level, x.locations[0]!.physicalLocation.artifactLocation.uri, x.locations[0]!.physicalLocation.region.startLine])).toEqual([
      ['iam-invoke-denied', 'error', 'infra/template.yaml', 22],
      ['iam-unknown-action', 'error', 'infra/template.yaml', 22],
    ]);

    const exit = runStep(step("Exit with bedrock-lint's status"), r.cwd, { BEDROCK_LINT_EXIT: r.outputs['exit-code']! });
    expect(exit.status).toBe(1);
  });

  it('honours fail-on, splits paths and args on spaces, and keeps an extra --format/--output pair paired', () => {
    const r = lint({ paths: 'infra missing-folder', args: '--date 2026-01-15 --format json --output report.json', sarif: 'lint.sarif', failOn: 'none' });
    // A path that does not exist is a usage error (exit 2) and no report is written.
    expect(r.outputs).toEqual({ 'exit-code': '2' });
    expect(r.stderr).toContain('no such file or directory: missing-folder');

    const ok = lint({ paths: 'infra', args: '--date 2026-01-15 --format json --output report.json', sarif: 'lint.sarif', failOn: 'none' });
    expect(ok.outputs).toEqual({ 'exit-code': '0', 'sarif-file': 'lint.sarif' });
    const json = JSON.parse(readFileSync(path.join(ok.cwd, 'report.json'), 'utf8')) as { findings: { ruleId: string }[] };
    expect(json.findings.map((f) => f.ruleId)).toEqual(['iam-invoke-denied', 'iam-unknown-action']);
    expect(ok.stdout).toContain('title=iam-unknown-action::');
    expect(runStep(step("Exit with bedrock-lint's status"), ok.cwd, { BEDROCK_LINT_EXIT: '0' }).status).toBe(0);

    // An empty fail-on leaves the threshold to the config file, else the CLI default (error).
    const configured = lint({ paths: 'infra', args: '--date 2026-01-15', sarif: 'lint.sarif', failOn: '' });
    expect(configured.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'lint.sarif' });
  });
});
