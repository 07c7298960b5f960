import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/report/color.js';
import { formatText } from '../../src/report/text.js';
import { denied, legacy, makeInput, sources } from './input.js';

const readSource = (f: string) => sources[f];

describe('text format', () => {
  it('prints findings with snippet, trace, fix and the summary (golden)', () => {
    expect(formatText(makeInput(), { readSource })).toBe(
      [
        'stacks/app.json:3:17: warning: ai21.jamba-1-5-large-v1:0 is Legacy and reaches end of life on 2026-11-26 [model-legacy]',
        '  |',
        '3 |     "MODEL_ID": "ai21.jamba-1-5-large-v1:0",',
        '  |                 ^' + '~'.repeat(26), // the 27-character quoted value
        '  = fix: move to amazon.nova-pro-v1:0',
        'template.yaml:42:11: error: role ImageFnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0 — no statement allows it [iam-invoke-denied]',
        '   |',
        '42 |         - bedrock:InvokeModels',
        '   |           ^~~~~~~~~~~~~~~~~~~~',
        '   = via ImageFn (AWS::Lambda::Function) → ImageFnRole → policy ImageFnRolePolicy',
        '   = fix: allow bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0',
        'template.yaml:50:17: info: MODEL_ID comes from Fn::ImportValue platform-ModelId; pass it with parameters: in .bedrock-lint.yaml [template-unresolved]',
        '   |',
        '50 |       MODEL_ID: !ImportValue platform-ModelId',
        '   |                 ^' + '~'.repeat(28), // to the end of line 50: the span runs onto line 51
        '1 error, 1 warning, 1 info in 2 files (3 files checked, 1 suppressed)',
        '',
      ].join('\n'),
    );
  });

  it('reproduces the SPEC §7 example layout', () => {
    const out = formatText(makeInput({ findings: [{ ...denied, stack: undefined }] }), { readSource });
    expect(out).toBe(
      [
        'template.yaml:42:11: error: role ImageFnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0 — no statement allows it [iam-invoke-denied]',
        '   |',
        '42 |         - bedrock:InvokeModels',
        '   |           ^~~~~~~~~~~~~~~~~~~~',
        '   = via ImageFn (AWS::Lambda::Function) → ImageFnRole → policy ImageFnRolePolicy',
        '   = fix: allow bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0',
        '1 error, 0 warnings in 1 file (3 files checked)',
        '',
      ].join('\n'),
    );
  });

  it('colours location (bold), severity and carets (red/yellow/blue) and the rule ID (gray)', () => {
    const out = formatText(makeInput({ findings: [legacy, denied], files: 1 }), { readSource, color: true });
    expect(out).toBe(
      [
        '\x1b[1mstacks/app.json:3:17:\x1b[22m \x1b[33mwarning\x1b[39m: ai21.jamba-1-5-large-v1:0 is Legacy and reaches end of life on 2026-11-26 \x1b[90m[model-legacy]\x1b[39m',
        '  |',
        '3 |     "MODEL_ID": "ai21.jamba-1-5-large-v1:0",',
        '  |                 \x1b[33m^~~~~~~~~~~~~~~~~~~~~~~~~~~\x1b[39m',
        '  = fix: move to amazon.nova-pro-v1:0',
        '\x1b[1mtemplate.yaml:42:11:\x1b[22m \x1b[31merror\x1b[39m: role ImageFnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0 — no statement allows it \x1b[90m[iam-invoke-denied]\x1b[39m',
        '   |',
        '42 |         - bedrock:InvokeModels',
        '   |           \x1b[31m^~~~~~~~~~~~~~~~~~~~\x1b[39m',
        '   = via ImageFn (AWS::Lambda::Function) → ImageFnRole → policy ImageFnRolePolicy',
        '   = fix: allow bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0',
        '1 error, 1 warning in 2 files (1 file checked)',
        '',
      ].join('\n'),
    );
    const info = formatText(makeInput({ findings: [{ ...legacy, severity: 'info' }] }), { color: true });
    expect(info).toContain('\x1b[34minfo\x1b[39m');
  });

  it('omits the snippet when the source is unavailable, and never throws from the reader', () => {
    let calls = 0;
    const throwing = () => {
      calls++;
      throw new Error('EACCES');
    };
    const out = formatText(makeInput({ findings: [denied, { ...denied, line: 43, column: 1 }] }), { readSource: throwing });
    expect(out).toBe(
      [
        denied.file + ':42:11: error: ' + denied.message + ' [iam-invoke-denied]',
        '   = via ImageFn (AWS::Lambda::Function) → ImageFnRole → policy ImageFnRolePolicy',
        '   = fix: ' + denied.fix,
        denied.file + ':43:1: error: ' + denied.message + ' [iam-invoke-denied]',
        '   = via ImageFn (AWS::Lambda::Function) → ImageFnRole → policy ImageFnRolePolicy',
        '   = fix: ' + denied.fix,
        '2 errors, 0 warnings in 1 file (3 files checked)',
        '',
      ].join('\n'),
    );
    expect(calls).toBe(1); // cached per file
  });

  it('keeps tabs in the caret padding, clamps spans to the line and underlines at least one column', () => {
    const f = { ...denied, trace: [], fix: undefined, line: 1, column: 3, endLine: 1, endColumn: 99 };
    const out = formatText(makeInput({ findings: [f] }), { readSource: () => '\t\tabc' });
    expect(out.split('\n').slice(1, 4)).toEqual(['  |', '1 | \t\tabc', '  | \t\t^~~']);
    const empty = formatText(makeInput({ findings: [{ ...f, column: 1, endColumn: 1 }] }), { readSource: () => '' });
    expect(empty.split('\n').slice(1, 4)).toEqual(['  |', '1 | ', '  | ^']);
  });

  it('pluralises the summary', () => {
    expect(formatText(makeInput({ findings: [], files: 1 }))).toBe('0 errors, 0 warnings in 0 files (1 file checked)\n');
    expect(formatText(makeInput({ findings: [{ ...denied, trace: [], fix: undefined }, legacy], files: 2 }))).toBe(
      `${denied.file}:42:11: error: ${denied.message} [iam-invoke-denied]\n` +
        `${legacy.file}:3:17: warning: ${legacy.message} [model-legacy]\n` +
        '  = fix: move to amazon.nova-pro-v1:0\n' +
        '1 error, 1 warning in 2 files (2 files checked)\n',
    );
  });

  it('quiet prints errors only, and nothing at all when there are none', () => {
    const out = formatText(makeInput(), { readSource, quiet: true });
    expect(out.split('\n')[0]).toBe(`template.yaml:42:11: error: ${denied.message} [iam-invoke-denied]`);
    expect(out).not.toContain('[model-legacy]');
    expect(out).not.toContain('[template-unresolved]');
    expect(out.endsWith('1 error, 1 warning, 1 info in 2 files (3 files checked, 1 suppressed)\n')).toBe(true);
    expect(formatText(makeInput({ findings: [legacy] }), { quiet: true })).toBe('');
  });

  it('prints load errors that no parse-error finding reports', () => {
    const errors = [
      { file: 'a.yaml', message: 'cannot read: EACCES' },
      { file: 'b.yaml', message: 'bad YAML' },
    ];
    const parse = { ...legacy, ruleId: 'parse-error', severity: 'error' as const, file: 'b.yaml', message: 'bad YAML', fix: undefined };
    const out = formatText(makeInput({ findings: [parse], errors }));
    expect(out).toBe(
      ['b.yaml:3:17: error: bad YAML [parse-error]', 'a.yaml: error: cannot read: EACCES', '1 error, 0 warnings in 1 file (3 files checked)', ''].join('\n'),
    );
  });
});

describe('colorEnabled', () => {
  it.each([
    [{ noColor: true, env: { FORCE_COLOR: '1' }, isTTY: true }, false],
    [{ env: { NO_COLOR: '1' }, isTTY: true }, false],
    [{ env: { NO_COLOR: '' }, isTTY: true }, true],
    [{ env: { FORCE_COLOR: '1' }, isTTY: false }, true],
    [{ env: { FORCE_COLOR: '0' }, isTTY: true }, true],
    [{ env: { FORCE_COLOR: '0' }, isTTY: false }, false],
    [{ env: { TERM: 'dumb' }, isTTY: true }, false],
    [{ env: {}, isTTY: true }, true],
    [{ env: {}, isTTY: false }, false],
    [{ env: {}, isTTY: undefined }, false],
  ])('%j → %s', (ctx, expected) => {
    expect(colorEnabled(ctx)).toBe(expected);
  });
});
