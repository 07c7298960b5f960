// The real public corpus (../shared/corpus/real): every file is linted without a crash, and the
// whole JSON output is a reviewed golden snapshot (test/golden/corpus.json). UPDATE_GOLDEN=1
// rewrites it; review the diff against MANIFEST.json's observations.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, SHARED, runCli } from './helpers/cli.js';

const CORPUS = path.join(SHARED, 'corpus/real');
const GOLDEN = path.join(ROOT, 'test/golden/corpus.json');

it('lints the whole real corpus without a crash and matches the reviewed snapshot', () => {
  expect(existsSync(CORPUS), `${CORPUS} is missing: the corpus lives in ../shared`).toBe(true);
  const r = runCli(['.', '--format', 'json', '--date', '2026-11-25'], CORPUS);
  expect([0, 1, 3]).toContain(r.status);
  expect(r.stderr).not.toMatch(/internal error|at .*\.m?js:\d+/);
  const report = JSON.parse(r.stdout) as { findings: { ruleId: string; severity: string; file: string; line: number; column: number; resource?: string; message: string }[]; errors: unknown[]; summary: unknown };
  for (const f of report.findings) {
    expect(f.line).toBeGreaterThanOrEqual(1);
    expect(f.column).toBeGreaterThanOrEqual(1);
  }
  const snapshot = {
    summary: report.summary,
    errors: report.errors,
    findings: report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.file}:${f.line}:${f.column}${f.resource ? ` [${f.resource}]` : ''} ${f.message}`),
  };
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(snapshot, null, 2)}\n`);
  expect(snapshot).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
});
