// Would worker threads help on many files? An experiment, not a feature: `node bench/parallel.mjs
// [--runs N] [--dir DIR]` (default: the generated 300-file repository). Each strategy runs in a
// fresh process, as a CLI run would, and its wall time is the median over N runs:
//   lint, 1 thread      lintSync over all files (what the CLI does today)
//   lint, 2 workers     two workers, each lintSync over half of the files (an upper bound: the
//                       halves are analysed apart, so cross-file links would be lost)
//   parse, 1 thread     read + parse every file with the loaders only
//   parse, 2 workers    two workers parse halves and send the trees back (structured clone)
//   parse, 2 workers, trees kept   the same without sending trees back (the clone's cost)
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { generateRepo } from './gen.mjs';
import { GENERATED, LIBRARY, LOADERS, bundleLoaders, fmtMs, median, table, timed } from './lib.mjs';

const SELF = fileURLToPath(import.meta.url);
const CANDIDATE = /\.(ya?ml|json|template)$/i;

function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (CANDIDATE.test(e.name)) out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

async function parseAll(dir, files) {
  const { parseYaml, parseJson } = await import(LOADERS);
  return files.map((f) => {
    const text = readFileSync(path.join(dir, f), 'utf8');
    try {
      return (/\.json$/i.test(f) ? parseJson(text, f) : parseYaml(text, f)).root;
    } catch {
      return undefined;
    }
  });
}

async function lintFiles(dir, files) {
  const { lintSync } = await import(LIBRARY);
  return lintSync({ paths: files, cwd: dir, region: 'us-east-1', useConfig: false }).findings.length;
}

/** Splits files into `n` halves of similar byte size. */
function split(dir, files, n) {
  const parts = Array.from({ length: n }, () => ({ files: [], bytes: 0 }));
  const sized = files.map((f) => ({ f, size: readFileSync(path.join(dir, f)).length })).sort((a, b) => b.size - a.size);
  for (const { f, size } of sized) {
    const p = parts.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    p.files.push(f);
    p.bytes += size;
  }
  return parts.map((p) => p.files);
}

function inWorkers(job, dir, parts) {
  return Promise.all(
    parts.map(
      (files) =>
        new Promise((resolve, reject) => {
          const w = new Worker(SELF, { workerData: { job, dir, files } });
          w.once('message', resolve);
          w.once('error', reject);
        }),
    ),
  );
}

const STRATEGIES = {
  'lint, 1 thread': (dir, files) => lintFiles(dir, files),
  'lint, 2 workers': (dir, files) => inWorkers('lint', dir, split(dir, files, 2)),
  'parse, 1 thread': (dir, files) => parseAll(dir, files),
  'parse, 2 workers': (dir, files) => inWorkers('parse', dir, split(dir, files, 2)),
  'parse, 2 workers, trees kept': (dir, files) => inWorkers('parse-keep', dir, split(dir, files, 2)),
};

if (!isMainThread) {
  const { job, dir, files } = workerData;
  if (job === 'lint') parentPort.postMessage(await lintFiles(dir, files));
  else {
    const trees = await parseAll(dir, files);
    parentPort.postMessage(job === 'parse' ? trees : trees.length);
  }
} else if (process.argv[2] === '--strategy') {
  // One strategy in this fresh process.
  const [, , , name, dir] = process.argv;
  await STRATEGIES[name](dir, listFiles(dir));
} else {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, dir: { type: 'string' } } });
  const runs = Math.max(1, Number(values.runs) || 5);
  const dir = values.dir ? path.resolve(values.dir) : path.join(GENERATED, 'repo-300');
  if (!values.dir) generateRepo(dir);
  await bundleLoaders();
  const files = listFiles(dir);
  const bytes = files.reduce((n, f) => n + readFileSync(path.join(dir, f)).length, 0);
  console.log(`worker-thread experiment on ${dir}: ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB; ${os.cpus().length} CPUs; load ${os.loadavg()[0].toFixed(2)}; ${runs} runs, medians of process wall time`);
  const results = {};
  for (const name of Object.keys(STRATEGIES)) {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const r = timed(process.execPath, [SELF, '--strategy', name, dir], { rss: false });
      if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`);
      times.push(r.ms);
    }
    results[name] = median(times);
  }
  const base = (name) => (name.startsWith('lint') ? results['lint, 1 thread'] : results['parse, 1 thread']);
  console.log(table(['strategy', 'wall', 'speed-up'], Object.entries(results).map(([name, ms]) => [name, fmtMs(ms), `${(base(name) / ms).toFixed(2)}×`])));
}
