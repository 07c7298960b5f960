// In-process timings of one input, in a fresh process per input so heaps do not mix:
//   node bench/inproc.mjs <file> <runs>
// prints JSON { parse: ms[], lint: ms[] } where parse = read + parse with the loaders only (the
// parse floor) and lint = lintSync on the same file (read, parse, model, rules). The first run
// of each is a warm-up (module and data loading) and is reported separately as *Cold.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LIBRARY, LOADERS } from './lib.mjs';

const [file, runsText = '5'] = process.argv.slice(2);
const runs = Number(runsText);
const { parseYaml, parseJson } = await import(LOADERS);
const { lintSync } = await import(LIBRARY);

const isJson = /\.json$/i.test(file);
const abs = path.resolve(file);
const parseOnce = () => {
  const text = readFileSync(abs, 'utf8');
  const r = isJson ? parseJson(text, path.basename(abs)) : parseYaml(text, path.basename(abs));
  if (r.errors.length) throw new Error(`${file}: ${r.errors[0].message}`);
  return r;
};
const lintOnce = () => lintSync({ paths: [path.basename(abs)], cwd: path.dirname(abs), region: 'us-east-1', useConfig: false });

const time = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const out = { parseCold: time(parseOnce), parse: [], lintCold: time(lintOnce), lint: [] };
for (let i = 0; i < runs; i++) out.parse.push(time(parseOnce));
for (let i = 0; i < runs; i++) out.lint.push(time(lintOnce));
const result = lintOnce();
out.findings = result.findings.length;
out.errors = result.errors.length;
process.stdout.write(`${JSON.stringify(out)}\n`);
