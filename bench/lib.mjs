// Shared helpers of the benchmark scripts: paths, statistics, timed child processes with peak RSS,
// and a small bundle of the loaders (the "parse floor": reading and parsing only).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH, '..');
export const CLI = path.join(ROOT, 'dist/cli.mjs');
export const LIBRARY = path.join(ROOT, 'dist/index.mjs');
export const GENERATED = path.join(BENCH, '.generated');
export const LOADERS = path.join(GENERATED, 'loaders.mjs');
const GNU_TIME = '/usr/bin/time';
const RSS_PRELOAD = path.join(BENCH, 'rss-preload.mjs');

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Least-squares slope of log(y) over log(x): 1 means linear growth. */
export function logLogSlope(points) {
  const xs = points.map((p) => Math.log(p.x));
  const ys = points.map((p) => Math.log(p.y));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return num / den;
}

/** Builds dist/ from the current source (the benchmark measures what `npm run build` ships). */
export function build() {
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build failed');
}

/** Bundles src/load/{yaml,json}.ts into bench/.generated/loaders.mjs with esbuild. */
export async function bundleLoaders() {
  const { build: esbuild } = await import('esbuild');
  mkdirSync(GENERATED, { recursive: true });
  await esbuild({
    stdin: {
      contents: "export { parseYaml } from './src/load/yaml.ts';\nexport { parseJson } from './src/load/json.ts';\n",
      resolveDir: ROOT,
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: LOADERS,
    // yaml is CommonJS: its require() calls need a real require in an ES module.
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  return LOADERS;
}

/** Environment for the CLI: no AWS_* settings of the person running the benchmark. */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^AWS_/i.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

export const rssMethod = existsSync(GNU_TIME) ? `${GNU_TIME} -f '%M %U %S' (peak RSS, user and system CPU seconds)` : 'process.resourceUsage() from a preload (peak RSS, user and system CPU)';

/**
 * Runs `command args` once: wall time (ms, measured around the child), CPU time (user + system,
 * ms), peak RSS (MB) and exit status. RSS and CPU come from GNU time (%M is the child's ru_maxrss)
 * when /usr/bin/time exists, else from a preload that reports process.resourceUsage() at exit
 * (node commands only). CPU time is what wall time would be on an idle machine, give or take
 * GC threads: on a shared, loaded machine it is the steadier figure.
 */
export function timed(command, args, { cwd = ROOT, env = cleanEnv(), rss = true, timeoutMs = 300_000 } = {}) {
  const tmp = path.join(os.tmpdir(), `bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  let file = command;
  let argv = args;
  if (rss && existsSync(GNU_TIME)) {
    file = GNU_TIME;
    argv = ['-f', '%M %U %S', '-o', tmp, command, ...args];
  } else if (rss && command === process.execPath) {
    argv = ['--import', RSS_PRELOAD, ...args];
    env = { ...env, BENCH_RSS_FILE: tmp };
  }
  const start = process.hrtime.bigint();
  const r = spawnSync(file, argv, { cwd, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  let rssMb;
  let cpuMs;
  if (rss && existsSync(tmp)) {
    const [kb, user, sys] = readFileSync(tmp, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    if (Number.isFinite(kb)) rssMb = kb / 1024;
    if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
    rmSync(tmp, { force: true });
  }
  // GNU time prints "Command exited with non-zero status N" into the -o file and keeps the code.
  return { ms, cpuMs, rssMb, status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

/** Runs the CLI `runs` times; medians of wall time and peak RSS, and the exit statuses seen. */
export function timeCli(args, runs, opts = {}) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(timed(process.execPath, [CLI, ...args], opts));
  const rss = all.map((r) => r.rssMb).filter((x) => x !== undefined);
  const cpu = all.map((r) => r.cpuMs).filter((x) => x !== undefined);
  return { ms: median(all.map((r) => r.ms)), cpuMs: cpu.length ? median(cpu) : undefined, rssMb: rss.length ? median(rss) : undefined, statuses: [...new Set(all.map((r) => r.status))], last: all[all.length - 1] };
}

export const fmtMs = (ms) => (ms === undefined ? '—' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
export const fmtMb = (mb) => (mb === undefined ? '—' : `${mb.toFixed(0)} MB`);

/** Prints rows as an aligned table. */
export function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(all[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...all.slice(1).map(line)].join('\n');
}
