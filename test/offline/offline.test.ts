// The offline guarantee (SPEC §2): the CLI never opens a socket, resolves a name or starts a
// process. Every conformance case is run under a preload that makes each of those throw and turns
// any attempt into exit 97; a static check keeps the modules that could do so out of src/ and rules/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, SHARED } from '../helpers/cli.js';

const PRELOAD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'no-network.mjs');
const CASES = path.join(SHARED, 'conformance/cases');
const VIOLATION = /offline guarantee violated: (.*)/;

function env(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^AWS_/i.test(k) && v !== undefined) out[k] = v;
  return { ...out, NO_COLOR: '1' };
}

interface Run {
  id: string;
  status: number | null;
  stdout: string;
  stderr: string;
}

function runGuarded(id: string, cwd: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', PRELOAD, CLI, ...args], { cwd, env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ id, status, stdout, stderr });
    });
  });
}

/** Runs jobs two at a time (this machine has two cores). */
async function pool<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

describe('offline guarantee at run time', () => {
  it('the preload turns every way out into a violation (control)', () => {
    const attempts = [
      "fetch('http://example.com').catch(() => {})",
      "import('node:dns').then((m) => m.lookup('example.com', () => {}))",
      "import('node:net').then((m) => { try { new m.Socket().connect(443, '192.0.2.1') } catch {} })",
      "import('node:https').then((m) => { try { m.get('https://example.com') } catch {} })",
      "import('node:child_process').then((m) => { try { m.execFileSync('true') } catch {} })",
    ];
    for (const code of attempts) {
      const r = spawnSync(process.execPath, ['--import', PRELOAD, '--input-type=module', '-e', code], { encoding: 'utf8', env: env(), timeout: 20_000 });
      expect(r.status, code).toBe(97);
      expect(r.stderr).toMatch(VIOLATION);
    }
    const worker = spawnSync(process.execPath, ['--import', PRELOAD, '--input-type=module', '-e', "import { Worker } from 'node:worker_threads'; new Worker('0', { eval: true });"], { encoding: 'utf8', env: env(), timeout: 20_000 });
    expect(worker.status).toBe(0);
  });

  it('every conformance case runs without any network, DNS or process attempt', async () => {
    if (!existsSync(CASES)) throw new Error(`conformance cases not found at ${CASES}`);
    const ids = readdirSync(CASES, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(path.join(CASES, d.name, 'case.json')))
      .map((d) => d.name)
      .sort();
    expect(ids.length).toBeGreaterThanOrEqual(60);
    const runs = await pool(
      ids.map((id) => () => {
        const dir = path.join(CASES, id);
        const spec = JSON.parse(readFileSync(path.join(dir, 'case.json'), 'utf8')) as { paths?: string[]; args?: string[] };
        return runGuarded(id, dir, [...(spec.paths ?? ['.']), '--format', 'json', ...(spec.args ?? [])]);
      }),
    );
    const bad = runs.flatMap((r) => {
      const problems: string[] = [];
      const violation = VIOLATION.exec(r.stderr);
      if (violation) problems.push(`attempted ${violation[1]}`);
      if (![0, 1, 3].includes(r.status ?? -1)) problems.push(`exit ${r.status}: ${r.stderr.slice(0, 200)}`);
      try {
        const report = JSON.parse(r.stdout) as { findings?: unknown };
        if (!Array.isArray(report.findings)) problems.push('no findings array');
      } catch {
        problems.push(`stdout is not JSON: ${r.stdout.slice(0, 120)}`);
      }
      return problems.length ? [`${r.id}: ${problems.join('; ')}`] : [];
    });
    expect(bad).toEqual([]);
  }, 180_000);
});

describe('offline guarantee in the source', () => {
  const FORBIDDEN_MODULE = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|\bimport\s+)['"](?:node:)?(child_process|net|http|https|http2|dns|tls|dgram)(?:\/[^'"]*)?['"]/;
  const DYNAMIC_CODE = /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]/;

  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? sources(p) : /\.(ts|mts|cts|js|mjs|cjs)$/.test(e.name) ? [p] : [];
    });
  }
  /** Source without comments, so prose such as "never uses eval(" is not flagged. */
  const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

  it('the checks catch what they are meant to catch (control)', () => {
    for (const s of ["import { spawn } from 'node:child_process';", 'import net from "net";', "const h = await import('https');", "require('dns')", "import 'node:tls';", "export * from 'node:http2';"]) expect(s).toMatch(FORBIDDEN_MODULE);
    for (const s of ['eval(x)', 'new Function("return 1")', "Function('a', 'return a')"]) expect(s).toMatch(DYNAMIC_CODE);
    for (const s of ["import { Worker } from 'node:worker_threads';", "import { x } from './network.js';", 'evaluate(req, layers)', "import { readFileSync } from 'node:fs';"]) {
      expect(s).not.toMatch(FORBIDDEN_MODULE);
      expect(s).not.toMatch(DYNAMIC_CODE);
    }
    expect(code('// never eval(x)\nconst a = 1; /* new Function() */')).not.toMatch(DYNAMIC_CODE);
  });

  it('src/ and rules/ import no network or process module and build no code at run time', () => {
    const files = [...sources(path.join(ROOT, 'src')), ...sources(path.join(ROOT, 'rules'))];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((f) => {
      const text = code(readFileSync(f, 'utf8'));
      const rel = path.relative(ROOT, f);
      return [FORBIDDEN_MODULE.exec(text)?.[0], DYNAMIC_CODE.exec(text)?.[0]].filter(Boolean).map((m) => `${rel}: ${m}`);
    });
    expect(offenders).toEqual([]);
  });
});
