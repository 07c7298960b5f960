import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSuppressionComments, scanLineComments } from '../../src/suppress/comments.js';

describe('parseSuppressionComments', () => {
  it.each([
    ['# bedrock-lint-disable-next-line iam-invoke-denied -- granted by the platform', ['iam-invoke-denied'], 'granted by the platform'],
    ['#bedrock-lint-disable-next-line a-b,c-d -- two', ['a-b', 'c-d'], 'two'],
    ['# bedrock-lint-disable-next-line a-b, c-d  --  spaced  ', ['a-b', 'c-d'], 'spaced'],
    ['# bedrock-lint-disable-next-line a-b --', ['a-b'], undefined],
    ['# bedrock-lint-disable-next-line a-b', ['a-b'], undefined],
    ['# bedrock-lint-disable-next-line a-b --reason -- with dashes', ['a-b'], 'reason -- with dashes'],
    ['bedrock-lint-disable-next-line a-b -- no marker', ['a-b'], 'no marker'],
    ['// bedrock-lint-disable-next-line a-b -- slashes', ['a-b'], 'slashes'],
    ['# bedrock-lint-disable-next-line -- every rule', [], 'every rule'],
  ])('%s', (text, rules, reason) => {
    const [s] = parseSuppressionComments({ file: 't.yaml', comments: [{ line: 3, column: 5, text }] });
    expect(s).toMatchObject({ kind: 'comment', scope: 'next-line', rules, targetLine: 4 });
    expect(s!.reason).toBe(reason);
  });

  it('ignores comments that are not directives', () => {
    const comments = ['# just a comment', '# bedrock-lint-disable-nextline x -- typo', '# bedrock-lint-disable-next-lines x -- r', '# see bedrock-lint-disable-file x'];
    expect(parseSuppressionComments({ file: 't.yaml', comments: comments.map((text, i) => ({ line: i + 1, text })) })).toEqual([]);
  });

  it('locates the comment and finds the next line that is neither blank nor a comment', () => {
    const source = ['a: 1', '  # bedrock-lint-disable-next-line x -- r', '', '  # other comment', '', '  b: 2', '# bedrock-lint-disable-file y -- whole file'].join('\n');
    const sups = parseSuppressionComments({ file: 't.yaml', source, comments: scanLineComments(source) });
    expect(sups).toEqual([
      { kind: 'comment', scope: 'next-line', rules: ['x'], reason: 'r', targetLine: 6, loc: { file: 't.yaml', line: 2, column: 3, endLine: 2, endColumn: 42 } },
      { kind: 'comment', scope: 'file', rules: ['y'], reason: 'whole file', loc: { file: 't.yaml', line: 7, column: 1, endLine: 7, endColumn: 44 } },
    ]);
  });

  it('without the source, skips only comment lines', () => {
    const sups = parseSuppressionComments({
      file: 't.yaml',
      comments: [
        { line: 2, text: '# bedrock-lint-disable-next-line x -- r' },
        { line: 3, text: '# more' },
      ],
    });
    expect(sups[0]).toMatchObject({ targetLine: 4, loc: { line: 2, column: 1, endLine: 2, endColumn: 40 } });
  });

  it('reads the conformance templates as the cases expect', () => {
    const c050 = readFileSync(new URL('./fixtures/050-template.yaml', import.meta.url), 'utf8');
    const s050 = parseSuppressionComments({ file: 'template.yaml', source: c050, comments: scanLineComments(c050) });
    expect(s050).toHaveLength(1);
    expect(s050[0]).toMatchObject({ scope: 'next-line', rules: ['model-legacy'], targetLine: 45, loc: { line: 44, column: 11 } });
    expect(s050[0]!.reason).toMatch(/^Jamba 1\.5 Large stays/);

    const c040 = readFileSync(new URL('./fixtures/040-template.yaml', import.meta.url), 'utf8');
    const s040 = parseSuppressionComments({ file: 'template.yaml', source: c040, comments: scanLineComments(c040) });
    expect(s040).toMatchObject([{ scope: 'next-line', rules: ['iam-invoke-denied'], targetLine: 29, reason: 'access is granted by the platform permission set', loc: { line: 28 } }]);

    const c039 = readFileSync(new URL('./fixtures/039-template.yaml', import.meta.url), 'utf8');
    const s039 = parseSuppressionComments({ file: 'template.yaml', source: c039, comments: scanLineComments(c039) });
    expect(s039).toEqual([
      { kind: 'comment', scope: 'file', rules: ['template-unresolved'], loc: { file: 'template.yaml', line: 1, column: 1, endLine: 1, endColumn: 48 } },
    ]);
  });
});

describe('scanLineComments', () => {
  it('returns full-line comments and skips block scalar bodies', () => {
    const source = [
      '# top', //                                   1
      'Resources:', //                              2
      '  Fn:', //                                   3
      '    Code:', //                               4
      '      ZipFile: |', //                        5
      '        # bedrock-lint-disable-file x -- in python code', // 6
      '', //                                        7
      '        print(1)', //                        8
      '    # after the block', //                   9
      '    Items:', //                              10
      '      - |-', //                              11
      '        # also code', //                     12
      '      - >2 # folded', //                     13
      '          # folded text', //                 14
      '      # back', //                            15
      '    Name: x # trailing', //                  16
      "    Desc: 'a: |'", //                        17
      '    # end', //                               18
    ].join('\n');
    expect(scanLineComments(source)).toEqual([
      { line: 1, column: 1, text: '# top' },
      { line: 9, column: 5, text: '# after the block' },
      { line: 15, column: 7, text: '# back' },
      { line: 18, column: 5, text: '# end' },
    ]);
  });

  it('ends a block scalar at a sibling key of a sequence item', () => {
    const source = ['- ZipFile: |', '    # code', '  # sibling level comment'].join('\n');
    expect(scanLineComments(source)).toEqual([{ line: 3, column: 3, text: '# sibling level comment' }]);
  });
});
