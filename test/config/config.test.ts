import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, findConfig, loadConfig, parseConfig } from '../../src/config/index.js';

function tempRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** The problems of a config that must fail, as "line:col: message". */
function problems(text: string, opts: { knownRules?: string[]; cwd?: string } = {}): string[] {
  try {
    parseConfig(text, '.bedrock-lint.yaml', { cwd: opts.cwd ?? '/nowhere', ...opts });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    const err = e as ConfigError;
    expect([err.line, err.column]).toEqual([err.problems[0]!.line, err.problems[0]!.column]);
    expect(err.message).toBe(err.problems.map((p) => `.bedrock-lint.yaml:${p.line}:${p.column}: ${p.message}`).join('\n'));
    return err.problems.map((p) => `${p.line}:${p.column}: ${p.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('loads every key, resolving paths against the config folder', () => {
    const dir = tempRepo({
      'infra/.bedrock-lint.yaml': [
        'region: eu-central-1',
        'include: ["stacks/**"]',
        'exclude: ["**/test/**"]',
        'rules:',
        '  model-legacy: off',
        '  region-unresolved: warning',
        'failOn: warning',
        'scps:',
        '  - org/scp.json',
        'invocations:',
        '  - principal: policies/receipt-ocr.json',
        '    model: eu.mistral.pixtral-large-2502-v1:0',
        '  - principal: arn:aws:iam::123456789012:role/app/worker',
        '    model: amazon.nova-pro-v1:0',
        '    region: us-east-1',
        '    stream: true',
        '  - principal: module.app.aws_iam_role.worker',
        '    model: amazon.nova-lite-v1:0',
        'models:',
        '  - catalog/models.json',
        'ignore:',
        '  - rule: iam-invoke-denied',
        '    path: legacy/**',
        '    resource: OldRole',
        '    reason: owned by the platform team (PLAT-7)',
        'baseline: .bedrock-lint-baseline.json',
        'maxFileSize: 2000000',
        'parameters:',
        '  ModelId: amazon.nova-pro-v1:0',
        '  Subnets: [subnet-1, subnet-2]',
        '  Port: 443',
        '  Debug: false',
        '',
      ].join('\n'),
      'infra/org/scp.json': '{}',
      'infra/policies/receipt-ocr.json': '{}',
      'infra/catalog/models.json': '{}',
    });
    const c = loadConfig('infra/.bedrock-lint.yaml', { cwd: dir });
    const d = join(dir, 'infra');
    expect(c).toEqual({
      file: join(d, '.bedrock-lint.yaml'),
      dir: d,
      region: 'eu-central-1',
      include: ['stacks/**'],
      exclude: ['**/test/**'],
      rules: { 'model-legacy': 'off', 'region-unresolved': 'warning' },
      failOn: 'warning',
      scps: [join(d, 'org/scp.json')],
      invocations: [
        {
          principal: 'policies/receipt-ocr.json',
          principalFile: join(d, 'policies/receipt-ocr.json'),
          model: 'eu.mistral.pixtral-large-2502-v1:0',
          stream: false,
          loc: { file: 'infra/.bedrock-lint.yaml', line: 11, column: 5, endLine: 12, endColumn: 46 },
          modelLoc: { file: 'infra/.bedrock-lint.yaml', line: 12, column: 12, endLine: 12, endColumn: 46 },
        },
        {
          principal: 'arn:aws:iam::123456789012:role/app/worker',
          model: 'amazon.nova-pro-v1:0',
          region: 'us-east-1',
          stream: true,
          loc: { file: 'infra/.bedrock-lint.yaml', line: 13, column: 5, endLine: 16, endColumn: 17 },
          modelLoc: { file: 'infra/.bedrock-lint.yaml', line: 14, column: 12, endLine: 14, endColumn: 32 },
        },
        {
          principal: 'module.app.aws_iam_role.worker',
          model: 'amazon.nova-lite-v1:0',
          stream: false,
          loc: { file: 'infra/.bedrock-lint.yaml', line: 17, column: 5, endLine: 18, endColumn: 33 },
          modelLoc: { file: 'infra/.bedrock-lint.yaml', line: 18, column: 12, endLine: 18, endColumn: 33 },
        },
      ],
      models: [join(d, 'catalog/models.json')],
      ignore: [
        {
          rule: 'iam-invoke-denied',
          path: 'legacy/**',
          resource: 'OldRole',
          reason: 'owned by the platform team (PLAT-7)',
          loc: { file: 'infra/.bedrock-lint.yaml', line: 22, column: 5, endLine: 25, endColumn: 48 },
        },
      ],
      baseline: join(d, '.bedrock-lint-baseline.json'),
      maxFileSize: 2000000,
      parameters: { ModelId: 'amazon.nova-pro-v1:0', Subnets: ['subnet-1', 'subnet-2'], Port: '443', Debug: 'false' },
    });
  });

  it('accepts the conformance configs and an empty file', () => {
    const dir = tempRepo({ 'policies/analytics-reporting.json': '{}', 'org/scp-region-guardrail.json': '{}' });
    const c003 = parseConfig(
      '# The nightly reporting job\nregion: us-east-1\ninvocations:\n  - principal: policies/analytics-reporting.json\n    model: amazon.nova-pro-v1:0\n    region: us-east-1\n',
      '.bedrock-lint.yaml',
      { cwd: dir },
    );
    expect(c003.invocations[0]).toMatchObject({ principalFile: join(dir, 'policies/analytics-reporting.json'), region: 'us-east-1', stream: false });
    const c058 = parseConfig('region: us-east-1\nscps:\n  - org/scp-region-guardrail.json\n', '.bedrock-lint.yaml', { cwd: dir });
    expect(c058.scps).toEqual([join(dir, 'org/scp-region-guardrail.json')]);
    expect(parseConfig('# only a comment\n', '.bedrock-lint.yaml', { cwd: dir })).toEqual({
      file: join(dir, '.bedrock-lint.yaml'),
      dir,
      include: [],
      exclude: [],
      rules: {},
      scps: [],
      invocations: [],
      models: [],
      ignore: [],
      parameters: {},
    });
  });

  it('reports schema violations with their locations', () => {
    expect(
      problems(
        [
          'region: us-east-1',
          'failon: error',
          'rules:',
          '  model-legacy: nope',
          '  Bad_Id: off',
          'invocations:',
          '  - principal: Fn',
          '    stream: "yes"',
          '    extra: 1',
          'ignore:',
          '  - rule: model-legacy',
          '    reason: "  "',
          '  - rule: model-legacy',
          '',
        ].join('\n'),
      ),
    ).toEqual([
      '2:1: unknown key "failon" in the configuration (allowed: region, include, exclude, rules, failOn, scps, invocations, models, ignore, baseline, maxFileSize, parameters)',
      '4:17: rules.model-legacy must be one of off, error, warning, info',
      '5:3: "Bad_Id" is not a rule ID (kebab-case, e.g. iam-invoke-denied)',
      '7:5: invocations[0] is missing "model"',
      '8:13: invocations[0].stream must be true or false',
      '9:5: unknown key "extra" in invocations[0]',
      '12:13: ignore[0].reason must not be empty: say why the finding is acceptable',
      '13:5: ignore[1] is missing "reason"',
    ]);
    expect(problems('maxFileSize: 0\nparameters:\n  A: {x: 1}\nregion: mars\ninclude: src\n')).toEqual([
      '1:14: maxFileSize must be at least 1',
      '3:6: parameters.A must be a string, number, boolean or a list of them',
      '4:9: region is not a Region name (like us-east-1)',
      '5:10: include must be a list',
    ]);
  });

  it('reports YAML errors, duplicate keys and non-mappings with locations', () => {
    expect(problems('region: us-east-1\nregion: us-west-2\n')).toEqual(['2:1: Map keys must be unique']);
    expect(problems('rules: [\n')[0]).toMatch(/^2:1: /);
    expect(problems('- region\n')).toEqual(['1:1: the configuration must be a mapping of keys (region:, rules:, …)']);
    expect(problems('__proto__: {}\n')).toEqual([
      '1:1: unknown key "__proto__" in the configuration (allowed: region, include, exclude, rules, failOn, scps, invocations, models, ignore, baseline, maxFileSize, parameters)',
    ]);
  });

  it('reports unknown rule IDs (with a suggestion) and missing referenced files', () => {
    const dir = tempRepo({});
    expect(
      problems(
        'rules:\n  model-legacyy: off\n  totally-else: off\nignore:\n  - rule: iam-invoke-denid\n    reason: r\nscps: [org/missing.json]\ninvocations:\n  - principal: policies/p.json\n    model: m\n',
        { cwd: dir, knownRules: ['model-legacy', 'iam-invoke-denied'] },
      ),
    ).toEqual([
      '2:3: unknown rule ID "model-legacyy"; did you mean "model-legacy"?',
      '3:3: unknown rule ID "totally-else"',
      '5:11: unknown rule ID "iam-invoke-denid"; did you mean "iam-invoke-denied"?',
      `7:8: SCP file org/missing.json not found (relative to ${dir})`,
      `9:16: policy file policies/p.json not found (relative to ${dir})`,
    ]);
  });

  it('reports an unreadable file as a ConfigError', () => {
    const dir = tempRepo({});
    expect(() => loadConfig('nope.yaml', { cwd: dir })).toThrow(new ConfigError('nope.yaml', [{ line: 1, column: 1, message: 'cannot read the configuration (ENOENT)' }]));
  });
});

describe('findConfig', () => {
  it('finds the nearest config walking up, preferring .yaml over .yml', () => {
    const dir = tempRepo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.bedrock-lint.yml': 'region: us-east-1\n',
      'a/.bedrock-lint.yaml': 'region: us-east-1\n',
      'a/.bedrock-lint.yml': 'region: us-east-1\n',
      'a/b/c/template.yaml': '',
    });
    expect(findConfig(join(dir, 'a/b/c'))).toBe(join(dir, 'a/.bedrock-lint.yaml'));
    expect(findConfig(join(dir, 'a'))).toBe(join(dir, 'a/.bedrock-lint.yaml'));
    expect(findConfig(dir)).toBe(join(dir, '.bedrock-lint.yml'));
  });

  it('stops at the repository root unless told not to', () => {
    const dir = tempRepo({ '.bedrock-lint.yaml': 'region: us-east-1\n', 'repo/.git': 'gitdir: ../x\n', 'repo/src/x.yaml': '' });
    expect(findConfig(join(dir, 'repo/src'))).toBeUndefined();
    expect(findConfig(join(dir, 'repo/src'), false)).toBe(join(dir, '.bedrock-lint.yaml'));
  });

  it('ignores a directory named like the config', () => {
    const dir = tempRepo({ '.git/HEAD': '', '.bedrock-lint.yaml/x': '' });
    expect(findConfig(dir)).toBeUndefined();
  });
});
