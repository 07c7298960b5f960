// The benchmark (SPEC §11): `npm run bench [-- --runs N] [-- --no-build] [-- --peers]`.
// Builds dist/, generates the corpus (bench/gen.mjs), then prints medians over N runs (default 5)
// of: cold start, one small template end to end, each generated size (wall time and peak RSS of
// the CLI), the parse floor (loaders only, in-process) against the in-process lint of the same
// file, and the scaling exponent from 100 to 2,000 resources. Each figure is printed against its
// target with PASS or MISS. A MISS does not fail the run; exit 1 only when the CLI itself exited
// with an unexpected status (a crash) on one of the inputs.

import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateAll } from './gen.mjs';
import { BENCH, ROOT, build, bundleLoaders, fmtMb, fmtMs, logLogSlope, median, rssMethod, table, timeCli, timed } from './lib.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'no-build': { type: 'boolean', default: false },
    peers: { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(5, Number(values.runs) || 5);

if (!values['no-build']) build();
const corpus = generateAll();
await bundleLoaders();

const rel = (p) => path.relative(ROOT, p);
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const rows = [];
const row = (what, value, target, ok, note = '') => rows.push([what, value, target, ok === undefined ? '' : verdict(ok), note]);
const problems = [];
/** CPU time (user + system) beside wall time: on a loaded machine it is the steadier figure. */
const note = (r, withRss = true) => `CPU ${fmtMs(r.cpuMs)}${withRss ? `; RSS ${fmtMb(r.rssMb)}` : ''}`;
const timeCliLike = (args) => {
  const all = Array.from({ length: RUNS }, () => timed(process.execPath, args));
  return { ms: median(all.map((r) => r.ms)), cpuMs: all[0].cpuMs === undefined ? undefined : median(all.map((r) => r.cpuMs)) };
};
const checkStatus = (what, statuses, allowed = [0, 1]) => {
  if (statuses.some((s) => !allowed.includes(s))) problems.push(`${what}: exit status ${statuses.join('/')}`);
};

console.log(`bedrock-lint benchmark — ${RUNS} runs per figure (medians); node ${process.version}; ${os.cpus().length} CPUs; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
console.log(`peak RSS: ${rssMethod}; wall time: measured around each child process\n`);

// ---- cold start and a small template
const nodeAlone = timeCliLike(['-e', '0']);
row('node itself: node -e 0 (reference)', fmtMs(nodeAlone.ms), '—', undefined, `CPU ${fmtMs(nodeAlone.cpuMs)}; the floor under every CLI figure`);
const version = timeCli(['--version'], RUNS);
checkStatus('--version', version.statuses, [0]);
row('cold start: bedrock-lint --version', fmtMs(version.ms), '≤ 150 ms', version.ms <= 150, note(version));

const small = corpus.templates.find((t) => t.n === 10 && t.format === 'yaml');
const smallRun = timeCli([rel(small.file), '--format', 'json', '--region', 'us-east-1'], RUNS);
checkStatus('small template', smallRun.statuses);
row(`small template end to end (${rel(small.file)})`, fmtMs(smallRun.ms), '≤ 300 ms', smallRun.ms <= 300, note(smallRun));

// ---- each generated size: CLI wall + RSS, and in-process parse floor vs lint
const inproc = (file) => {
  const r = spawnSync(process.execPath, [path.join(BENCH, 'inproc.mjs'), file, String(RUNS)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`inproc ${file}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};
const sizeRows = [];
const scaling = { yaml: [], json: [] };
for (const t of corpus.templates) {
  const cli = timeCli([rel(t.file), '--format', 'json', '--region', 'us-east-1'], RUNS);
  checkStatus(rel(t.file), cli.statuses);
  const ip = inproc(t.file);
  const parseProcess = timeCliLike([path.join(BENCH, 'inproc.mjs'), '--parse-only', t.file]);
  const parse = median(ip.parse);
  const lint = median(ip.lint);
  const bytes = (await import('node:fs')).statSync(t.file).size;
  sizeRows.push({ ...t, bytes, cli, parseProcess, parse, lint, findings: ip.findings, warmRuns: ip.parse.length });
  if (t.n >= 100) scaling[t.format].push({ x: t.n, y: lint, cli: cli.ms });
}

console.log('Generated templates (CLI: node dist/cli.mjs <file> --format json --region us-east-1; in-process: bench/inproc.mjs)');
console.log(
  table(
    ['template', 'bytes', 'CLI wall', 'CLI CPU', 'peak RSS', 'parse-only process', 'its CPU', 'parse floor', 'lint in-process', 'overhead/parse', 'warm runs', 'findings'],
    sizeRows.map((s) => [rel(s.file), s.bytes, fmtMs(s.cli.ms), fmtMs(s.cli.cpuMs), fmtMb(s.cli.rssMb), fmtMs(s.parseProcess.ms), fmtMs(s.parseProcess.cpuMs), fmtMs(s.parse), fmtMs(s.lint), ((s.lint - s.parse) / s.parse).toFixed(2), s.warmRuns, s.findings]),
  ),
);
console.log('parse-only process = wall time of a fresh node process that only reads and parses the file (cold parse floor);');
console.log('parse floor / lint in-process = warm medians in one process; overhead/parse = (lint − parse floor) / parse floor\n');

for (const format of ['yaml', 'json']) {
  const big = sizeRows.find((s) => s.n === 2000 && s.format === format);
  const limit = format === 'yaml' ? 1000 : 300;
  row(`2,000 resources ${format.toUpperCase()} (${(big.bytes / 1024).toFixed(0)} KiB) wall`, fmtMs(big.cli.ms), `≤ ${fmtMs(limit)}`, big.cli.ms <= limit, note(big.cli, false));
  row(`2,000 resources ${format.toUpperCase()} peak RSS`, fmtMb(big.cli.rssMb), '≤ 300 MB', big.cli.rssMb === undefined ? undefined : big.cli.rssMb <= 300);
}
for (const s of sizeRows.filter((x) => x.n >= 100)) {
  const ratio = (s.lint - s.parse) / s.parse;
  row(`analysis overhead / parse floor, ${s.n} ${s.format.toUpperCase()}`, ratio.toFixed(2), '≤ 2.00', ratio <= 2, `${fmtMs(s.lint - s.parse)} over ${fmtMs(s.parse)}`);
}
for (const format of ['yaml', 'json']) {
  const slope = logLogSlope(scaling[format]);
  const cliSlope = logLogSlope(scaling[format].map((p) => ({ x: p.x, y: p.cli })));
  // 1.0 is linear; 1.15 leaves room for noise and GC without admitting n·log n blow-ups at this range.
  row(`scaling exponent 100→2,000 resources ${format.toUpperCase()} (in-process lint)`, slope.toFixed(2), '≤ 1.15 (linear)', slope <= 1.15, `CLI wall slope ${cliSlope.toFixed(2)}`);
}

// ---- robustness inputs: no target but must finish
for (const c of corpus.chained) {
  const r = timeCli([rel(c.file), '--format', 'json', '--region', 'us-east-1'], RUNS);
  checkStatus(rel(c.file), r.statuses);
  row(`40 chained Fn::If conditions (${c.format.toUpperCase()})`, fmtMs(r.ms), '≤ 300 ms', r.ms <= 300, note(r));
}
const repo = timeCli([rel(corpus.repo), '--format', 'json', '--region', 'us-east-1'], RUNS);
checkStatus('300-file repository', repo.statuses);
row('300-file repository', fmtMs(repo.ms), '—', undefined, `${note(repo)}; ${JSON.parse(repo.last.stdout || '{"summary":{}}').summary.files ?? '?'} files checked`);

console.log('Targets (SPEC §11)');
console.log(table(['measure', 'median', 'target', 'verdict', 'note'], rows));
const misses = rows.filter((r) => r[3] === 'MISS').length;
console.log(`\n${rows.filter((r) => r[3] === 'PASS').length} PASS, ${misses} MISS`);
if (problems.length) console.log(`unexpected exit statuses:\n  ${problems.join('\n  ')}`);

if (values.peers) {
  console.log('');
  const { runPeers } = await import('./peers.mjs');
  await runPeers({ runs: RUNS, corpus });
}
process.exitCode = problems.length ? 1 : 0;
