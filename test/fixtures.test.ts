// Golden fixtures: fixtures/<rule-id>/{fail,pass}/<case>/ holds the inputs, an optional args.json
// (extra CLI arguments) and expected.json: the exact findings the CLI reports for that folder.
// A fail case must report its rule; a pass case must not. UPDATE_GOLDEN=1 rewrites expected.json.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../rules/index.js';
import { ROOT, runCli } from './helpers/cli.js';

const FIXTURES = path.join(ROOT, 'fixtures');
const dirs = (p: string) => (existsSync(p) ? readdirSync(p).filter((n) => statSync(path.join(p, n)).isDirectory()).sort() : []);

interface Golden {
  ruleId: string;
  severity: string;
  file: string;
  line: number;
  column: number;
  resource?: string;
  message: string;
}

function run(caseDir: string): { golden: Golden[]; exit: number | null } {
  const argsFile = path.join(caseDir, 'args.json');
  const args = existsSync(argsFile) ? (JSON.parse(readFileSync(argsFile, 'utf8')) as string[]) : [];
  const r = runCli(['.', '--format', 'json', ...args], caseDir);
  const report = JSON.parse(r.stdout) as { findings: (Golden & { suppressed: boolean })[] };
  const golden = report.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    file: f.file,
    line: f.line,
    column: f.column,
    ...(f.resource ? { resource: f.resource } : {}),
    message: f.message,
    ...(f.suppressed ? { suppressed: true } : {}),
  }));
  return { golden, exit: r.status };
}

for (const ruleId of dirs(FIXTURES).filter((d) => d !== 'terraform')) {
  describe(`fixtures/${ruleId}`, () => {
    for (const kind of ['fail', 'pass'] as const) {
      for (const name of dirs(path.join(FIXTURES, ruleId, kind))) {
        it(`${kind}/${name}`, () => {
          const caseDir = path.join(FIXTURES, ruleId, kind, name);
          const { golden, exit } = run(caseDir);
          const expectedFile = path.join(caseDir, 'expected.json');
          if (process.env.UPDATE_GOLDEN === '1') writeFileSync(expectedFile, `${JSON.stringify(golden, null, 2)}\n`);
          const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as Golden[];
          expect(golden).toEqual(expected);
          const active = golden.filter((g) => g.ruleId === ruleId && !('suppressed' in g));
          if (kind === 'fail') expect(active.length).toBeGreaterThan(0);
          else expect(active).toEqual([]);
          expect([0, 1, 3]).toContain(exit);
        });
      }
    }
  });
}

describe('every rule has fixtures and a doc page', () => {
  for (const rule of RULES) {
    it(rule.meta.id, () => {
      expect(existsSync(path.join(ROOT, 'docs/rules', `${rule.meta.id}.md`)), `docs/rules/${rule.meta.id}.md`).toBe(true);
      expect(dirs(path.join(FIXTURES, rule.meta.id, 'fail')).length, `fixtures/${rule.meta.id}/fail`).toBeGreaterThan(0);
      expect(dirs(path.join(FIXTURES, rule.meta.id, 'pass')).length, `fixtures/${rule.meta.id}/pass`).toBeGreaterThan(0);
    });
  }
});
