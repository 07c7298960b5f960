import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseYaml } from '../../src/load/yaml.js';
import { BudgetError } from '../../src/load/budget.js';
import { get, getPath, toPlain } from '../../src/load/node.js';
import type { Loc, Node } from '../../src/types.js';

/** "line:col-endLine:endCol" for compact position assertions. */
function at(loc: Loc | undefined): string {
  return loc ? `${loc.line}:${loc.column}-${loc.endLine}:${loc.endColumn}` : 'none';
}

function load(text: string): Node {
  const r = parseYaml(text, 't.yaml');
  expect(r.errors).toEqual([]);
  if (!r.root) throw new Error('no root');
  return r.root;
}

function budgetErrorOf(fn: () => unknown): BudgetError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BudgetError) return e;
    throw e;
  }
  throw new Error('expected a BudgetError');
}

describe('parseYaml: values and positions', () => {
  it('locates block maps, keys and scalars with 1-based exclusive ends', () => {
    const root = load('Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n');
    expect(at(root.loc)).toBe('1:1-3:32');
    const fn = getPath(root, 'Resources', 'Fn');
    expect(at(fn?.loc)).toBe('3:5-3:32');
    const type = getPath(root, 'Resources', 'Fn', 'Type');
    expect(type).toMatchObject({ kind: 'scalar', value: 'AWS::Lambda::Function' });
    expect(at(type?.loc)).toBe('3:11-3:32');
    expect(root.kind === 'map' && at(root.entries[0]!.keyLoc)).toBe('1:1-1:10');
  });

  it('keeps YAML 1.1 booleans, dates and octals as YAML 1.2 core does, even under %YAML 1.1', () => {
    for (const prefix of ['', '%YAML 1.1\n---\n']) {
      const root = load(`${prefix}a: yes\nb: on\nc: Off\nd: 2010-09-09\ne: 0777\nf: true\ng: 1_000\nh: 1:20\n`);
      expect(toPlain(root)).toEqual({ a: 'yes', b: 'on', c: 'Off', d: '2010-09-09', e: 777, f: true, g: '1_000', h: '1:20' });
    }
  });

  it('marks quoted scalars and keeps plain ones unmarked', () => {
    const root = load(`a: "yes"\nb: 'no'\nc: plain\n`);
    expect(get(root, 'a')).toMatchObject({ value: 'yes', quoted: true });
    expect(get(root, 'b')).toMatchObject({ value: 'no', quoted: true });
    expect(get(root, 'c')?.kind === 'scalar' && get(root, 'c')).not.toHaveProperty('quoted');
  });

  it('leaves merge keys as ordinary keys', () => {
    expect(toPlain(load('base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n'))).toEqual({ base: { x: 1 }, c: { '<<': { x: 1 }, y: 2 } });
  });

  it('gives an empty null scalar for a missing value', () => {
    const v = get(load('a:\nb: 1\n'), 'a');
    expect(v).toMatchObject({ kind: 'scalar', value: null });
    expect(at(v?.loc)).toBe('1:3-1:3');
  });

  it('ends a block scalar at its last character, not on the next line', () => {
    const v = get(load('a: |\n  line one\n  line two\nb: 1\n'), 'a');
    expect(v).toMatchObject({ value: 'line one\nline two\n', quoted: true });
    expect(at(v?.loc)).toBe('1:4-3:11');
  });

  it('expands aliases with the anchored node positions', () => {
    const root = load('a: &x [1, 2]\nb: *x\n');
    expect(toPlain(root)).toEqual({ a: [1, 2], b: [1, 2] });
    expect(at(get(root, 'b')?.loc)).toBe('1:7-1:13');
  });
});

describe('parseYaml: CloudFormation short-form tags', () => {
  const entryOf = (node: Node | undefined) => {
    if (node?.kind !== 'map' || node.entries.length !== 1) throw new Error('not an intrinsic');
    return node.entries[0]!;
  };

  it('expands !Ref and !Condition to bare keys, located at the tag', () => {
    const root = load('A: !Ref Bucket\nB: !Condition IsProd\n');
    expect(toPlain(root)).toEqual({ A: { Ref: 'Bucket' }, B: { Condition: 'IsProd' } });
    const a = entryOf(get(root, 'A'));
    expect(at(get(root, 'A')?.loc)).toBe('1:4-1:15');
    expect(at(a.keyLoc)).toBe('1:4-1:8');
    expect(at(a.value.loc)).toBe('1:9-1:15');
  });

  it('splits !GetAtt A.B.C at the first dot, locating both parts', () => {
    const root = load('Role: !GetAtt Db.Endpoint.Address\nSeq: !GetAtt [Fn, Arn]\n');
    expect(toPlain(root)).toEqual({ Role: { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }, Seq: { 'Fn::GetAtt': ['Fn', 'Arn'] } });
    const parts = entryOf(get(root, 'Role')).value;
    expect(parts.kind === 'seq' && parts.items.map((i) => at(i.loc))).toEqual(['1:15-1:17', '1:18-1:34']);
    expect(at(entryOf(get(root, 'Role')).keyLoc)).toBe('1:7-1:14');
    expect(at(get(root, 'Seq')?.loc)).toBe('2:6-2:23');
  });

  it('expands every other tag to Fn::X, in scalar, sequence and mapping form', () => {
    const text = [
      'Sub: !Sub "arn:${AWS::Partition}:s3:::b"',
      'SubSeq: !Sub',
      '  - ${A}-${B}',
      '  - A: !Ref P',
      '    B: x',
      'If: !If [IsProd, !Ref AWS::NoValue, 2]',
      'Join: !Join [",", [a, b]]',
      'Select: !Select [0, !GetAZs ""]',
      'BareAZs: !GetAZs',
      'Split: !Split [",", "a,b"]',
      'Find: !FindInMap [M, !Ref AWS::Region, K]',
      'Import: !ImportValue net-Subnets',
      'B64: !Base64 text',
      'Cidr: !Cidr [10.0.0.0/16, 4, 8]',
      'Eq: !Equals [a, b]',
      'And: !And [!Condition C1, !Not [!Condition C2]]',
      'Or: !Or [!Condition C1, !Condition C2]',
      'Transform: !Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}',
      'Len: !Length [1, 2]',
      'Json: !ToJsonString {a: 1}',
      'Custom: !NotARealFn x',
    ].join('\n');
    expect(toPlain(load(text))).toEqual({
      Sub: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::b' },
      SubSeq: { 'Fn::Sub': ['${A}-${B}', { A: { Ref: 'P' }, B: 'x' }] },
      If: { 'Fn::If': ['IsProd', { Ref: 'AWS::NoValue' }, 2] },
      Join: { 'Fn::Join': [',', ['a', 'b']] },
      Select: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      BareAZs: { 'Fn::GetAZs': '' },
      Split: { 'Fn::Split': [',', 'a,b'] },
      Find: { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'K'] },
      Import: { 'Fn::ImportValue': 'net-Subnets' },
      B64: { 'Fn::Base64': 'text' },
      Cidr: { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] },
      Eq: { 'Fn::Equals': ['a', 'b'] },
      And: { 'Fn::And': [{ Condition: 'C1' }, { 'Fn::Not': [{ Condition: 'C2' }] }] },
      Or: { 'Fn::Or': [{ Condition: 'C1' }, { Condition: 'C2' }] },
      Transform: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } },
      Len: { 'Fn::Length': [1, 2] },
      Json: { 'Fn::ToJsonString': { a: 1 } },
      Custom: { 'Fn::NotARealFn': 'x' },
    });
  });

  it('locates the generated map at the tag and the value at its own position, for each form', () => {
    const root = load('A: !Sub\n  - x-${Y}\n  - Y: 1\nB: !Join [",", [a]]\nC: !Transform\n  Name: M\n');
    const a = get(root, 'A');
    expect(at(a?.loc)).toBe('1:4-3:9');
    expect(at(entryOf(a).keyLoc)).toBe('1:4-1:8');
    expect(at(entryOf(a).value.loc)).toBe('2:3-3:9');
    expect(at(get(root, 'B')?.loc)).toBe('4:4-4:20');
    expect(at(entryOf(get(root, 'B')).value.loc)).toBe('4:10-4:20');
    const c = get(root, 'C');
    expect(at(c?.loc)).toBe('5:4-6:10');
    expect(at(entryOf(c).value.loc)).toBe('6:3-6:10');
  });

  it('finds the tag before an anchor', () => {
    const root = load('A: !Ref &r Bucket\nB: *r\n');
    expect(at(get(root, 'A')?.loc)).toBe('1:4-1:18');
    expect(toPlain(root)).toEqual({ A: { Ref: 'Bucket' }, B: { Ref: 'Bucket' } });
  });

  it('reports two tags on one node', () => {
    const r = parseYaml('a: !Base64 !Sub x\n', 't.yaml');
    expect(r.errors.map((e) => [e.message.slice(0, 33), at(e.loc)])).toEqual([['a node can have at most one tag (', '1:12-1:16']]);
  });
});

describe('parseYaml: problems', () => {
  it('reports duplicate keys with both locations and keeps the first', () => {
    const r = parseYaml('a: 1\nb: 2\na: 3\n', 't.yaml');
    expect(r.errors).toEqual([
      { file: 't.yaml', message: 'duplicate key "a" (first defined at line 1, column 1)', loc: { file: 't.yaml', line: 3, column: 1, endLine: 3, endColumn: 2 } },
    ]);
    expect(toPlain(r.root!)).toEqual({ a: 1, b: 2 });
  });

  it('points an unterminated string at its opening quote', () => {
    const r = parseYaml('a: 1\nb: "abc\nc: 2\n', 't.yaml');
    expect(r.errors.map((e) => [e.message, at(e.loc)])).toEqual([['unterminated double-quoted string', '2:4-2:5']]);
  });

  it('reports malformed YAML at the offending line', () => {
    const r = parseYaml('Resources:\n  A:\n    - 1\n   B: 2\n', 't.yaml');
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]!.loc.line).toBe(4);
  });

  it('rejects a second document with content but ignores empty ones', () => {
    expect(parseYaml('a: 1\n---\n', 't.yaml').errors).toEqual([]);
    const r = parseYaml('a: 1\n---\nb: 2\n', 't.yaml');
    expect(r.errors.map((e) => [e.message, at(e.loc)])).toEqual([
      ['more than one YAML document with content; a CloudFormation template is a single document', '3:1-3:2'],
    ]);
    expect(toPlain(r.root!)).toEqual({ a: 1 });
  });

  it('reports an alias without an anchor and a self-containing alias', () => {
    expect(parseYaml('a: *nope\n', 't.yaml').errors.map((e) => e.message)).toEqual(['unknown alias *nope (no anchor &nope before it)']);
    expect(parseYaml('&a [*a]\n', 't.yaml').errors.map((e) => e.message)).toEqual(['alias *a refers to a node that contains it']);
  });

  it('gives no root for empty and comment-only files', () => {
    for (const text of ['', '   \n', '# just a comment\n', '---\n']) {
      const r = parseYaml(text, 't.yaml');
      expect(r.root).toBeUndefined();
      expect(r.errors).toEqual([]);
    }
  });

  it('skips a byte order mark', () => {
    const root = load('\uFEFFa: 1\n');
    expect(toPlain(root)).toEqual({ a: 1 });
    expect(root.kind === 'map' && at(root.entries[0]!.keyLoc)).toBe('1:2-1:3');
  });

  it('keeps replacement characters from invalid UTF-8 and never lets U+FFFF through', () => {
    const text = Buffer.from([0x61, 0x3a, 0x20, 0x78, 0xff, 0xfe, 0x79, 0x0a]).toString('utf8');
    expect(toPlain(load(text))).toEqual({ a: 'x\uFFFD\uFFFDy' });
    expect(toPlain(load('a: "x\\uFFFF"\nb: y\uFFFF\n'))).toEqual({ a: 'x\uFFFD', b: 'y\uFFFD' });
  });

  it('keeps __proto__ and constructor as ordinary keys without polluting Object.prototype', () => {
    const root = load('__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\n');
    const plain = toPlain(root) as Record<string, unknown>;
    expect(Object.keys(plain)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(plain, '__proto__')?.value).toEqual({ polluted: true });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseYaml: budgets', () => {
  it('stops a billion-laughs alias bomb quickly with a BudgetError', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const error = budgetErrorOf(() => parseYaml(lines.join('\n'), 'bomb.yaml'));
    expect(error.kind).toBe('aliases');
  });

  it('limits the number of alias resolutions', () => {
    const text = 'a: &a x\nb: [' + Array(20).fill('*a').join(', ') + ']\n';
    expect(budgetErrorOf(() => parseYaml(text, 't.yaml', { maxFileSize: 1e6, maxAliases: 10, maxAliasExpansion: 1e6, maxDepth: 500, maxResolveSteps: 1e6 })).kind).toBe('aliases');
    expect(parseYaml(text, 't.yaml').errors).toEqual([]);
  });

  it('turns 10,000-level nesting into a depth BudgetError, flow and block', () => {
    const blockMaps = Array.from({ length: 1000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' 1\n';
    expect(budgetErrorOf(() => parseYaml(blockMaps, 'deep.yaml')).kind).toBe('depth');
    const flow = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(budgetErrorOf(() => parseYaml(flow, 'deep.yaml')).kind).toBe('depth');
    // Compact block sequences nest one level per "- " without quadratic indentation.
    const block = '- '.repeat(10_000) + 'x\n';
    expect(budgetErrorOf(() => parseYaml(block, 'deep.yaml')).kind).toBe('depth');
  });

  it('stops at the configured depth with a location', () => {
    const text = 'a:\n  b:\n    c:\n      d: 1\n';
    const error = budgetErrorOf(() => parseYaml(text, 't.yaml', { maxFileSize: 1e6, maxAliases: 10, maxAliasExpansion: 10, maxDepth: 3, maxResolveSteps: 1e6 }));
    expect(error.kind).toBe('depth');
    expect(at(error.loc)).toBe('4:7-4:8');
  });

  it('rejects files over the size limit', () => {
    expect(budgetErrorOf(() => parseYaml('a: ' + 'x'.repeat(100), 't.yaml', { maxFileSize: 50, maxAliases: 1, maxAliasExpansion: 1, maxDepth: 5, maxResolveSteps: 1 })).kind).toBe('size');
  });
});

describe('parseYaml: comments', () => {
  it('collects comments with their lines, skipping # inside strings and block scalars', () => {
    const text = [
      '# bedrock-lint-disable-file model-legacy -- migrating',
      'Resources: # trailing',
      '  A:',
      '    # bedrock-lint-disable-next-line iam-invoke-denied -- reason',
      '    Url: "http://x/#frag"',
      '    Plain: a#b',
      '    Code: |',
      '      # python comment, not YAML',
      '      x = 1',
      '    List: [1, # in flow',
      '      2]',
    ].join('\n');
    const r = parseYaml(text, 't.yaml');
    expect(r.errors).toEqual([]);
    expect(r.comments).toEqual([
      { line: 1, column: 1, text: 'bedrock-lint-disable-file model-legacy -- migrating' },
      { line: 2, column: 12, text: 'trailing' },
      { line: 4, column: 5, text: 'bedrock-lint-disable-next-line iam-invoke-denied -- reason' },
      { line: 10, column: 15, text: 'in flow' },
    ]);
  });
});

describe('parseYaml: fuzz', () => {
  it('never throws anything but BudgetError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        try {
          parseYaml(text, 'fuzz.yaml');
        } catch (e) {
          if (!(e instanceof BudgetError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on YAML-flavoured random text', () => {
    const token = fc.constantFrom('a', ': ', '\n', '  ', '- ', '[', ']', '{', '}', ',', '"', "'", '&x ', '*x', '!Ref ', '!GetAtt ', '#', '|', '>', '---\n', '? ', '\t', '!!str ', '%YAML 1.1\n');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 60 }), (parts) => {
        const r = parseYaml(parts.join(''), 'fuzz.yaml');
        expect(Array.isArray(r.errors)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
