import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/report/github.js';
import { denied, legacy, makeInput, unresolved } from './input.js';

describe('github format', () => {
  it('prints one workflow command per unsuppressed finding (golden)', () => {
    expect(formatGithub(makeInput())).toBe(
      [
        '::warning file=stacks/app.json,line=3,col=17,endLine=3,endColumn=44,title=model-legacy::ai21.jamba-1-5-large-v1:0 is Legacy and reaches end of life on 2026-11-26%0Afix: move to amazon.nova-pro-v1:0',
        '::error file=template.yaml,line=42,col=11,endLine=42,endColumn=31,title=iam-invoke-denied::role ImageFnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0 — no statement allows it%0Afix: allow bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0',
        '::notice file=template.yaml,line=50,col=17,endLine=51,endColumn=9,title=template-unresolved::MODEL_ID comes from Fn::ImportValue platform-ModelId; pass it with parameters: in .bedrock-lint.yaml',
        '',
      ].join('\n'),
    );
  });

  it('escapes %, CR and LF in messages, and also : and , in properties', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('dir,x/a:b%.yaml\n')).toBe('dir%2Cx/a%3Ab%25.yaml%0A');
    const f = { ...unresolved, file: 'we,ird:dir/t.yaml', ruleId: 'template-unresolved', message: '50% done\nnext' };
    expect(formatGithub(makeInput({ findings: [f] }))).toBe(
      '::notice file=we%2Cird%3Adir/t.yaml,line=50,col=17,endLine=51,endColumn=9,title=template-unresolved::50%25 done%0Anext\n',
    );
  });

  it('makes paths relative to the repository root and honours quiet', () => {
    const input = makeInput({ findings: [denied, legacy], cwd: '/repo/infra' });
    const out = formatGithub(input, { repoRoot: '/repo', quiet: true });
    expect(out.split('\n')).toHaveLength(2);
    expect(out.startsWith('::error file=infra/template.yaml,line=42,')).toBe(true);
    expect(formatGithub(makeInput({ findings: [] }))).toBe('');
  });

  it('annotates load errors that no finding reports', () => {
    const out = formatGithub(makeInput({ findings: [], errors: [{ file: 'a.json', message: 'not JSON: x, y' }] }));
    expect(out).toBe('::error file=a.json,title=parse-error::not JSON: x, y\n');
  });
});
