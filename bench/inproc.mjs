// In-process timings of one input, in a fresh process per input so heaps do not mix.
//   node bench/inproc.mjs <file> <runs>   prints JSON { parse: ms[], lint: ms[], parseCold, lintCold, findings }
//   node bench/inproc.mjs --parse-only <file>   reads and parses once, then exits (timed from outside:
//                                                the cold parse floor of a whole process)
// parse = read + parse with the loaders only (the parse floor); lint = lintSync on the same file
// (read, parse, model, rules). The first run of each is a warm-up (module and data loading),
// reported as *Cold. Warm runs alternate parse and lint so background load hits both alike, and
// small inputs get more runs (until ~1 s of measurements, at most 200) so medians are stable.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LIBRARY, LOADERS } from './lib.mjs';

const args = process.argv.slice(2);
const parseOnly = args[0] === '--parse-only';
const [file, runsText = '5'] = parseOnly ? args.slice(1) : args;
const runs = Number(runsText);
const { parseYaml, parseJson } = await import(LOADERS);

const isJson = /\.json$/i.test(file);
const abs = path.resolve(file);
const parseOnce = () => {
  const text = readFileSync(abs, 'utf8');
  const r = isJson ? parseJson(text, path.basename(abs)) : parseYaml(text, path.basename(abs));
  if (r.errors.length) throw new Error(`${file}: ${r.errors[0].message}`);
  return r;
};
if (parseOnly) {
  parseOnce();
  process.exit(0);
}

const { lintSync } = await import(LIBRARY);
const lintOnce = () => lintSync({ paths: [path.basename(abs)], cwd: path.dirname(abs), region: 'us-east-1', useConfig: false });
const time = (fn) => {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
};
const out = { parseCold: time(parseOnce), parse: [], lintCold: time(lintOnce), lint: [] };
let spent = 0;
for (let i = 0; i < 200 && (i < runs || spent < 1000); i++) {
  const p = time(parseOnce);
  const l = time(lintOnce);
  out.parse.push(p);
  out.lint.push(l);
  spent += p + l;
}
const result = lintOnce();
out.findings = result.findings.length;
out.errors = result.errors.length;
process.stdout.write(`${JSON.stringify(out)}\n`);
