// Large runs draw a progress line on stderr when (and only when) stderr is a terminal.
// util-linux `script` gives the CLI a pseudo-terminal, as a user's shell would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { CLI, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'bl-progress-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const template = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n';
for (let i = 0; i < 60; i++) writeFileSync(path.join(dir, `t${i}.yaml`), template);

it('shows progress on a terminal for more than 50 files, and clears it', () => {
  const r = spawnSync('script', ['-qc', `${process.execPath} ${CLI} . --no-color`, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.stdout).toContain('\rbedrock-lint: 60/60 files');
  expect(r.stdout).toContain('\r\x1b[K');
  expect(r.stdout).toContain('0 errors, 0 warnings in 0 files (60 files checked)');
});

it('writes no progress when stderr is not a terminal', () => {
  const r = runCli(['.'], dir);
  expect(r.stderr).toBe('');
});
