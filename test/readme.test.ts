// The README's quick-start output is what the CLI prints on the bundled example.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

it('README quick start shows the exact output for examples/', () => {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const block = /which has a deliberate mistake[\s\S]*?```text\n([\s\S]*?)```/.exec(readme);
  expect(block).not.toBeNull();
  const r = runCli(['examples/'], ROOT);
  expect(r.status).toBe(1);
  expect(r.stdout).toBe(block![1]);
});
