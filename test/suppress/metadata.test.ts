import { describe, expect, it } from 'vitest';
import { applySuppressions } from '../../src/suppress/apply.js';
import { metadataSuppressions } from '../../src/suppress/metadata.js';
import type { Finding, Loc, MapNode, Node } from '../../src/types.js';

// Hand-built located trees, shaped as the loaders produce them.
let col = 1;
function at(line: number, width = 4): Loc {
  col += 1;
  return { file: 'template.json', line, column: col, endLine: line, endColumn: col + width };
}
function scalar(value: string, line: number): Node {
  return { kind: 'scalar', value, loc: at(line, value.length + 2), quoted: true };
}
function map(line: number, ...entries: [string, Node, number][]): MapNode {
  return { kind: 'map', entries: entries.map(([key, value, keyLine]) => ({ key, keyLoc: at(keyLine, key.length + 2), value })), loc: at(line) };
}

describe('metadataSuppressions', () => {
  const metadata = map(
    66,
    [
      'bedrock-lint',
      map(67, [
        'ignore',
        {
          kind: 'seq',
          loc: at(68),
          items: [
            map(69, ['rule', scalar('model-legacy', 70), 70], ['reason', scalar('Opus 4.1 is pinned; migration in DEVEX-311', 71), 71]),
            map(73, ['rules', { kind: 'seq', loc: at(74), items: [scalar('model-unknown', 75), scalar('region-mismatch', 76)] }, 74], ['reason', scalar('  ', 78), 78]),
            map(80, ['reason', scalar('no rule: ignored', 81), 81]),
          ],
        },
        68,
      ]),
      67,
    ],
  );

  it('reads rule (or rules) and reason, located at the rule key', () => {
    const span: Loc = { file: 'template.json', line: 64, column: 5, endLine: 110, endColumn: 6 };
    const sups = metadataSuppressions('ReviewBotFunction', metadata, span);
    expect(sups).toHaveLength(2);
    expect(sups[0]).toMatchObject({
      kind: 'metadata',
      resource: 'ReviewBotFunction',
      rules: ['model-legacy'],
      reason: 'Opus 4.1 is pinned; migration in DEVEX-311',
      span,
      loc: { file: 'template.json', line: 70 },
    });
    expect(sups[1]).toMatchObject({ rules: ['model-unknown', 'region-mismatch'], loc: { line: 74 } });
    expect(sups[1]!.reason).toBeUndefined();
  });

  it('returns nothing for absent or unrelated metadata', () => {
    expect(metadataSuppressions('Fn', undefined)).toEqual([]);
    expect(metadataSuppressions('Fn', map(1, ['aws:cdk:path', scalar('Stack/Fn/Resource', 1), 1]))).toEqual([]);
    expect(metadataSuppressions('Fn', map(1, ['bedrock-lint', scalar('ignore', 1), 1]))).toEqual([]);
  });

  it('suppresses the function model-legacy finding of case 051 and reports the reasonless entry', () => {
    const f: Finding = {
      ruleId: 'model-legacy',
      severity: 'warning',
      message: 'legacy',
      file: 'template.json',
      line: 93,
      column: 25,
      endLine: 93,
      endColumn: 70,
      resource: 'ReviewBotFunction',
      trace: [],
      suppressed: false,
    };
    const r = applySuppressions([f], metadataSuppressions('ReviewBotFunction', metadata));
    expect(r.findings[0]!.suppression).toEqual({ kind: 'metadata', reason: 'Opus 4.1 is pinned; migration in DEVEX-311' });
    expect(r.extra.map((x) => [x.ruleId, x.loc.line, x.resource])).toEqual([['suppression-missing-reason', 74, 'ReviewBotFunction']]);
  });
});
