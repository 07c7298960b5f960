// The acceptance suite beside the project (../shared/conformance), run against the built CLI.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { CLI, ROOT, SHARED } from './helpers/cli.js';

it('passes every conformance case', () => {
  const runner = path.join(SHARED, 'conformance/run.mjs');
  expect(existsSync(runner), `${runner} is missing: the conformance suite lives in ../shared`).toBe(true);
  const r = spawnSync(process.execPath, [runner, '--cli', `node ${CLI}`, '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  const summary = JSON.parse(r.stdout) as { total: number; passed: number; cases: { id: string; pass: boolean; reasons: string[] }[] };
  const failed = summary.cases.filter((c) => !c.pass).map((c) => `${c.id}: ${c.reasons.join(' | ')}`);
  expect(failed).toEqual([]);
  expect(summary.total).toBeGreaterThanOrEqual(60);
});
