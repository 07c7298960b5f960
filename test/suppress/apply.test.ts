import { describe, expect, it } from 'vitest';
import { applySuppressions } from '../../src/suppress/apply.js';
import { configSuppressions } from '../../src/suppress/config.js';
import type { Suppression } from '../../src/suppress/types.js';
import type { Finding, Loc } from '../../src/types.js';

function loc(file: string, line: number, column = 1, endLine = line, endColumn = column + 10): Loc {
  return { file, line, column, endLine, endColumn };
}

function finding(ruleId: string, file: string, line: number, extra: Partial<Finding> = {}): Finding {
  return { ruleId, severity: 'error', message: `${ruleId} here`, ...loc(file, line, 5), trace: [], suppressed: false, ...extra };
}

const nextLine = (line: number, rules: string[], reason?: string, file = 't.yaml'): Suppression => ({
  kind: 'comment',
  scope: 'next-line',
  rules,
  targetLine: line + 1,
  loc: loc(file, line),
  ...(reason !== undefined ? { reason } : {}),
});
const fileLevel = (rules: string[], reason?: string, file = 't.yaml'): Suppression => ({
  kind: 'comment',
  scope: 'file',
  rules,
  loc: loc(file, 1),
  ...(reason !== undefined ? { reason } : {}),
});
const meta = (resource: string, rules: string[], reason: string | undefined, span?: Loc): Suppression => ({
  kind: 'metadata',
  resource,
  rules,
  loc: loc('t.json', 70),
  ...(reason !== undefined ? { reason } : {}),
  ...(span ? { span } : {}),
});

/** [description, findings, suppressions, suppressed flags of the findings, extra findings as "rule@line"] */
const table: [string, Finding[], Suppression[], boolean[], string[]][] = [
  ['next-line covers the finding on the next line', [finding('model-legacy', 't.yaml', 45)], [nextLine(44, ['model-legacy'], 'r')], [true], []],
  ['next-line does not cover the line after', [finding('model-legacy', 't.yaml', 46)], [nextLine(44, ['model-legacy'], 'r')], [false], ['suppression-unused@44']],
  ['next-line does not cover another rule', [finding('model-unknown', 't.yaml', 45)], [nextLine(44, ['model-legacy'], 'r')], [false], ['suppression-unused@44']],
  ['next-line does not cover another file', [finding('model-legacy', 'u.yaml', 45)], [nextLine(44, ['model-legacy'], 'r')], [false], ['suppression-unused@44']],
  ['next-line without a reason is reported and not applied', [finding('model-legacy', 't.yaml', 45)], [nextLine(44, ['model-legacy'])], [false], ['suppression-missing-reason@44']],
  ['a blank reason counts as none', [finding('model-legacy', 't.yaml', 45)], [nextLine(44, ['model-legacy'], '  ')], [false], ['suppression-missing-reason@44']],
  ['no rule IDs covers every rule', [finding('model-legacy', 't.yaml', 45), finding('iam-invoke-denied', 't.yaml', 45)], [nextLine(44, [], 'r')], [true, true], []],
  ['no rule IDs, nothing there: one unused report', [finding('model-legacy', 't.yaml', 9)], [nextLine(44, [], 'r')], [false], ['suppression-unused@44']],
  [
    'each listed rule that matched nothing is reported',
    [finding('model-legacy', 't.yaml', 45)],
    [nextLine(44, ['model-legacy', 'model-unknown', 'region-mismatch'], 'r')],
    [true],
    ['suppression-unused@44', 'suppression-unused@44'],
  ],
  ['file-level covers the rule anywhere in the file', [finding('x-rule', 't.yaml', 3), finding('x-rule', 't.yaml', 300), finding('y-rule', 't.yaml', 4)], [fileLevel(['x-rule'], 'r')], [true, true, false], []],
  ['file-level without reason: reported at line 1, not applied (case 039)', [finding('template-unresolved', 't.yaml', 40)], [fileLevel(['template-unresolved'])], [false], ['suppression-missing-reason@1']],
  ['suppression-* findings cannot be suppressed', [finding('suppression-unused', 't.yaml', 45)], [nextLine(44, [], 'r'), fileLevel(['suppression-unused'], 'r')], [false], ['suppression-unused@44', 'suppression-unused@1']],
  ['metadata covers findings on the resource', [finding('model-legacy', 't.json', 90, { resource: 'Fn' }), finding('model-legacy', 't.json', 91, { resource: 'Other' })], [meta('Fn', ['model-legacy'], 'r')], [true, false], []],
  ['metadata covers findings inside the resource span', [finding('model-legacy', 't.json', 80, { resource: 'Role' }), finding('model-legacy', 't.json', 120)], [meta('Fn', ['model-legacy'], 'r', loc('t.json', 66, 5, 100, 6))], [true, false], []],
  ['metadata does not cover the same resource name in another file', [finding('model-legacy', 'other.json', 90, { resource: 'Fn' })], [meta('Fn', ['model-legacy'], 'r')], [false], ['suppression-unused@70']],
  ['metadata without reason', [finding('model-legacy', 't.json', 90, { resource: 'Fn' })], [meta('Fn', ['model-legacy'], undefined)], [false], ['suppression-missing-reason@70']],
  ['two suppressions on one finding: both used, the first recorded', [finding('model-legacy', 't.yaml', 45)], [fileLevel(['model-legacy'], 'file reason'), nextLine(44, ['model-legacy'], 'line reason')], [true], []],
  ['an already suppressed finding is left alone and uses nothing', [finding('model-legacy', 't.yaml', 45, { suppressed: true, suppression: { kind: 'baseline', reason: 'b' } })], [nextLine(44, ['model-legacy'], 'r')], [true], ['suppression-unused@44']],
  ['paths are compared without ./ and with either separator', [finding('model-legacy', 'a\\t.yaml', 45)], [nextLine(44, ['model-legacy'], 'r', './a/t.yaml')], [true], []],
];

describe('applySuppressions', () => {
  it.each(table)('%s', (_name, findings, sups, suppressed, extra) => {
    const r = applySuppressions(findings, sups);
    expect(r.findings.map((f) => f.suppressed)).toEqual(suppressed);
    expect(r.extra.map((f) => `${f.ruleId}@${f.loc.line}`)).toEqual(extra);
  });

  it('records the kind and reason, and does not modify its input', () => {
    const f = finding('model-legacy', 't.yaml', 45);
    const r = applySuppressions([f], [fileLevel(['model-legacy'], 'file reason'), nextLine(44, ['model-legacy'], 'line reason')]);
    expect(r.findings[0]).toEqual({ ...f, suppressed: true, suppression: { kind: 'comment', reason: 'file reason' } });
    expect(f.suppressed).toBe(false);
    expect(f.suppression).toBeUndefined();
  });

  it('words its findings with location, fix and a line-free key', () => {
    const r = applySuppressions(
      [],
      [nextLine(28, ['iam-invoke-denied'], 'granted elsewhere'), fileLevel(['template-unresolved']), meta('Fn', ['model-legacy', 'model-unknown'], 'r')],
    );
    expect(r.extra).toEqual([
      {
        ruleId: 'suppression-missing-reason',
        message: 'file-level suppression comment for template-unresolved has no reason, so it is not applied',
        loc: loc('t.yaml', 1),
        fix: 'write the reason after " -- ": # bedrock-lint-disable-file template-unresolved -- <why this is acceptable>',
        key: 'file-level suppression comment template-unresolved',
      },
      {
        ruleId: 'suppression-unused',
        message: 'next-line suppression comment for iam-invoke-denied matches no finding on line 29',
        loc: loc('t.yaml', 28),
        fix: 'remove the suppression',
        key: 'next-line suppression comment iam-invoke-denied',
      },
      {
        ruleId: 'suppression-unused',
        message: 'metadata ignore entry of Fn for model-legacy matches no finding on Fn',
        loc: loc('t.json', 70),
        fix: 'remove model-legacy from the suppression',
        key: 'metadata ignore entry of Fn model-legacy',
        resource: 'Fn',
      },
      {
        ruleId: 'suppression-unused',
        message: 'metadata ignore entry of Fn for model-unknown matches no finding on Fn',
        loc: loc('t.json', 70),
        fix: 'remove model-unknown from the suppression',
        key: 'metadata ignore entry of Fn model-unknown',
        resource: 'Fn',
      },
    ]);
  });
});

describe('config ignore entries', () => {
  const entryLoc = loc('.bedrock-lint.yaml', 7, 5);
  const ignore = [
    { rule: 'model-legacy', path: 'stacks/**', reason: 'migrating in Q3', loc: entryLoc },
    { rule: 'iam-invoke-denied', resource: 'LegacyRole', reason: 'owned by another team', loc: loc('.bedrock-lint.yaml', 10, 5) },
    { rule: 'region-mismatch', path: 'never/*.yaml', reason: 'r', loc: loc('.bedrock-lint.yaml', 13, 5) },
  ];

  it('matches by rule, path glob (relative to the config folder) and resource', () => {
    const sups = configSuppressions(ignore, '/repo', '/repo');
    const findings = [
      finding('model-legacy', 'stacks/a/t.yaml', 3),
      finding('model-legacy', 'other/t.yaml', 3),
      finding('iam-invoke-denied', 'x.yaml', 3, { resource: 'LegacyRole' }),
      finding('iam-invoke-denied', 'x.yaml', 4, { resource: 'NewRole' }),
    ];
    const r = applySuppressions(findings, sups);
    expect(r.findings.map((f) => f.suppressed)).toEqual([true, false, true, false]);
    expect(r.findings[0]!.suppression).toEqual({ kind: 'config', reason: 'migrating in Q3' });
    expect(r.extra).toEqual([
      {
        ruleId: 'suppression-unused',
        message: 'config ignore entry for region-mismatch matches no finding anywhere',
        loc: loc('.bedrock-lint.yaml', 13, 5),
        fix: 'remove the suppression',
        key: 'config ignore entry region-mismatch',
      },
    ]);
  });

  it('resolves globs against the config folder when linting from a subfolder or a parent', () => {
    // config in /repo, linter started in /repo/stacks: the finding path is relative to /repo/stacks
    const fromSub = applySuppressions([finding('model-legacy', 'a/t.yaml', 3)], configSuppressions(ignore.slice(0, 1), '/repo', '/repo/stacks'));
    expect(fromSub.findings[0]!.suppressed).toBe(true);
    // config in /repo/infra, linter started in /repo: paths outside /repo/infra never match
    const sups = configSuppressions(ignore.slice(0, 1), '/repo/infra', '/repo');
    const r = applySuppressions([finding('model-legacy', 'infra/stacks/t.yaml', 3), finding('model-legacy', 'stacks/t.yaml', 3)], sups);
    expect(r.findings.map((f) => f.suppressed)).toEqual([true, false]);
  });
});
