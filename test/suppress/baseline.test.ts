import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyBaseline,
  baselineKey,
  BaselineError,
  createBaseline,
  fingerprint,
  parseBaseline,
  readBaseline,
  serializeBaseline,
  writeBaseline,
  type LoadedBaseline,
} from '../../src/suppress/baseline.js';
import type { Finding } from '../../src/types.js';

function finding(extra: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'iam-invoke-denied',
    severity: 'error',
    message: 'role AppRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0',
    file: 'stacks/app.yaml',
    line: 20,
    column: 9,
    endLine: 20,
    endColumn: 30,
    resource: 'AppRole',
    trace: [],
    suppressed: false,
    ...extra,
  };
}

function loaded(findings: Finding[], dir = '/repo', cwd = '/repo'): LoadedBaseline {
  return { ...createBaseline(findings, { toolVersion: '0.1.0', cwd, dir }), dir, file: join(dir, 'bedrock-lint-baseline.json') };
}

describe('fingerprint', () => {
  it('depends on rule, file, resource and key, not on the location', () => {
    const f = finding();
    expect(fingerprint(f)).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprint(finding({ line: 90, column: 1, endLine: 91, endColumn: 3 }))).toBe(fingerprint(f));
    expect(fingerprint({ ...f, file: './stacks\\app.yaml' })).toBe(fingerprint(f));
    expect(fingerprint({ ...f, ruleId: 'iam-stream-denied' })).not.toBe(fingerprint(f));
    expect(fingerprint({ ...f, file: 'stacks/other.yaml' })).not.toBe(fingerprint(f));
    expect(fingerprint({ ...f, resource: 'OtherRole' })).not.toBe(fingerprint(f));
    expect(fingerprint({ ...f, resource: undefined })).not.toBe(fingerprint(f));
    expect(fingerprint({ ...f, message: 'different' })).not.toBe(fingerprint(f));
    // With a key, the message may change (wording, dates) without breaking the baseline.
    expect(fingerprint({ ...f, key: 'k', message: 'one' })).toBe(fingerprint({ ...f, key: 'k', message: 'two' }));
  });

  it('blanks line references in messages used as keys', () => {
    expect(baselineKey({ message: 'suppression on line 29 matches nothing; see template.yaml:12:3 and lines 4-9' })).toBe(
      'suppression on line # matches nothing; see template.yaml:# and lines #',
    );
    expect(baselineKey({ message: 'anthropic.claude-v2:1 in us-east-1' })).toBe('anthropic.claude-v2:1 in us-east-1');
    expect(baselineKey({ key: 'k', message: 'line 3' })).toBe('k');
  });
});

describe('baseline', () => {
  it('keeps a finding suppressed when an edit above it moves it', () => {
    const b = loaded([finding()]);
    const [moved] = applyBaseline([finding({ line: 27, endLine: 27 })], b, '/repo');
    expect(moved).toMatchObject({ suppressed: true, suppression: { kind: 'baseline', reason: 'accepted in baseline bedrock-lint-baseline.json' } });
  });

  it('still reports the same resource name in another file, and a new resource in the same file', () => {
    const b = loaded([finding()]);
    const out = applyBaseline([finding({ file: 'stacks/other.yaml' }), finding({ resource: 'NewRole' })], b, '/repo');
    expect(out.map((f) => f.suppressed)).toEqual([false, false]);
  });

  it('counts multiplicity: two entries accept two identical findings, not three', () => {
    const b = loaded([finding({ line: 1 }), finding({ line: 2 })]);
    expect(b.entries).toHaveLength(2);
    const out = applyBaseline([finding({ line: 5 }), finding({ line: 6 }), finding({ line: 7 })], b, '/repo');
    expect(out.map((f) => f.suppressed)).toEqual([true, true, false]);
  });

  it('leaves already suppressed findings alone, without using up entries', () => {
    const b = loaded([finding()]);
    const comment = { kind: 'comment' as const, reason: 'r' };
    const out = applyBaseline([finding({ suppressed: true, suppression: comment }), finding()], b, '/repo');
    expect(out[0]!.suppression).toEqual(comment);
    expect(out[1]!.suppressed).toBe(true);
  });

  it('records reported and baseline-accepted findings, not those suppressed otherwise, sorted', () => {
    const b = createBaseline(
      [
        finding({ file: 'z.yaml', ruleId: 'model-legacy', resource: undefined, key: 'amazon.titan-text-express-v1' }),
        finding(),
        finding({ suppressed: true, suppression: { kind: 'baseline', reason: 'x' }, resource: 'B' }),
        finding({ suppressed: true, suppression: { kind: 'comment', reason: 'x' }, resource: 'C' }),
      ],
      { toolVersion: '0.1.0', cwd: '/repo', dir: '/repo' },
    );
    expect(serializeBaseline(b)).toBe(`{
  "version": 1,
  "toolVersion": "0.1.0",
  "entries": [
    {
      "ruleId": "iam-invoke-denied",
      "file": "stacks/app.yaml",
      "resource": "AppRole",
      "key": "role AppRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
      "fingerprint": "${fingerprint(finding())}"
    },
    {
      "ruleId": "iam-invoke-denied",
      "file": "stacks/app.yaml",
      "resource": "B",
      "key": "role AppRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0",
      "fingerprint": "${fingerprint(finding({ resource: 'B' }))}"
    },
    {
      "ruleId": "model-legacy",
      "file": "z.yaml",
      "key": "amazon.titan-text-express-v1",
      "fingerprint": "${fingerprint({ ruleId: 'model-legacy', file: 'z.yaml', key: 'amazon.titan-text-express-v1', message: '' })}"
    }
  ]
}
`);
  });

  it('round-trips through a file, with paths relative to the baseline folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-'));
    writeBaseline('ci/baseline.json', [finding()], { toolVersion: '0.1.0', cwd: dir });
    const text = readFileSync(join(dir, 'ci/baseline.json'), 'utf8');
    expect(JSON.parse(text).entries[0].file).toBe('../stacks/app.yaml');
    // Read back from the repository root, and from a subfolder (finding paths then differ).
    const fromRoot = readBaseline('ci/baseline.json', dir);
    expect(applyBaseline([finding()], fromRoot, dir)[0]!.suppressed).toBe(true);
    const fromSub = readBaseline('../ci/baseline.json', join(dir, 'stacks'));
    expect(applyBaseline([finding({ file: 'app.yaml' })], fromSub, join(dir, 'stacks'))[0]!.suppressed).toBe(true);
  });

  it('rejects unusable files with BaselineError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bl-'));
    expect(() => readBaseline('missing.json', dir)).toThrow(BaselineError);
    expect(() => readBaseline('missing.json', dir)).toThrow('missing.json: cannot read the baseline: ENOENT');
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(() => readBaseline('bad.json', dir)).toThrow(/^bad\.json: not valid JSON/);
    expect(() => parseBaseline('{"version": 2, "entries": []}', 'b.json')).toThrow('b.json: not a bedrock-lint baseline');
    expect(() => parseBaseline('{"version": 1, "entries": [{"ruleId": "x"}]}', 'b.json')).toThrow('b.json: entry 0 needs string');
  });

  it('matches hand-edited entries by content, ignoring a stale stored fingerprint', () => {
    const b = parseBaseline(
      JSON.stringify({ version: 1, toolVersion: 'old', entries: [{ ruleId: 'iam-invoke-denied', file: 'stacks/app.yaml', resource: 'AppRole', key: finding().message, fingerprint: 'stale' }] }),
      'b.json',
    );
    expect(b.entries[0]!.fingerprint).toBe(fingerprint(finding()));
  });
});
