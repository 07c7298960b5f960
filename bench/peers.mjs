// bedrock-lint beside its peers on the same CloudFormation templates (SPEC §11: whole-corpus
// throughput ≥ 20× cfn-lint's). Inputs: the real corpus (../shared/corpus/real, every
// CloudFormation template in it, linted in one invocation per tool) and the generated templates.
//
//   node bench/peers.mjs [--runs N] [--no-build] [--corpus DIR]   (also: npm run bench -- --peers)
//
// Peers, each skipped with a message when absent:
// - AWS's cfn-lint (Python): $CFN_LINT, else a `cfn-lint` on PATH outside node_modules;
// - the npm package cfn-lint (a JavaScript validator): node_modules/cfn-lint, run as
//   `cfn-lint validate <file>` (it takes one template per invocation).

import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateAll } from './gen.mjs';
import { CLI, ROOT, build, fmtMs, median, table, timed } from './lib.mjs';

const DEFAULT_CORPUS = path.resolve(ROOT, '../shared/corpus/real');
const TEMPLATE_FILE = /\.(ya?ml|json|template)$/i;
const LOOKS_CFN = /AWSTemplateFormatVersion|Type"?\s*:\s*"?AWS::/;

/** Every CloudFormation template under dir (by content), sorted. */
export function corpusTemplates(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && TEMPLATE_FILE.test(e.name) && LOOKS_CFN.test(readFileSync(p, 'utf8'))) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    // `npm run` puts node_modules/.bin first; the npm package of the same name is not AWS's tool.
    if (!dir || dir.includes('node_modules')) continue;
    const p = path.join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/** The peers found on this machine, and a message for each one that is not. */
export function findPeers() {
  const peers = [];
  const missing = [];
  const python = process.env.CFN_LINT || onPath('cfn-lint');
  if (python) {
    const v = timed(python, ['--version'], { rss: false });
    peers.push({
      name: `cfn-lint (Python) ${v.stdout.trim().replace(/^cfn-lint\s*/, '')}`.trim(),
      // One invocation for all files; the region matches the one bedrock-lint is given.
      run: (files, cwd) => [{ command: python, args: ['--regions', 'us-east-1', '--format', 'parseable', '--', ...files], cwd }],
    });
  } else {
    missing.push('cfn-lint (Python): no `cfn-lint` on PATH and CFN_LINT is not set (PyPI is unreachable here: `pip install cfn-lint` elsewhere, then CFN_LINT=/path/to/cfn-lint)');
  }
  const npmPkg = path.join(ROOT, 'node_modules/cfn-lint/package.json');
  if (existsSync(npmPkg)) {
    const pkg = JSON.parse(readFileSync(npmPkg, 'utf8'));
    const bin = path.join(path.dirname(npmPkg), typeof pkg.bin === 'string' ? pkg.bin : pkg.bin['cfn-lint']);
    peers.push({
      name: `cfn-lint (npm) ${pkg.version}`,
      run: (files, cwd) => files.map((f) => ({ command: process.execPath, args: [bin, 'validate', f], cwd })),
    });
  } else {
    missing.push('cfn-lint (npm): not installed (add it as a devDependency to compare: npm i -D cfn-lint)');
  }
  return { peers, missing };
}

/** Median wall time over runs of a list of invocations run one after the other. */
function timeInvocations(invocations, runs) {
  const totals = [];
  let statuses = new Set();
  for (let i = 0; i < runs; i++) {
    let ms = 0;
    for (const inv of invocations) {
      const r = timed(inv.command, inv.args, { cwd: inv.cwd, rss: false, timeoutMs: 600_000 });
      ms += r.ms;
      statuses.add(r.signal ? r.signal : r.status);
    }
    totals.push(ms);
  }
  return { ms: median(totals), statuses: [...statuses] };
}

export async function runPeers({ runs = 3, corpus, corpusDir = DEFAULT_CORPUS } = {}) {
  const generated = corpus ?? generateAll();
  const { peers, missing } = findPeers();
  console.log(`Peers — ${runs} runs per figure (medians of wall time)`);
  for (const m of missing) console.log(`  skipped: ${m}`);

  const inputs = [];
  if (existsSync(corpusDir) && statSync(corpusDir).isDirectory()) {
    const files = corpusTemplates(corpusDir).map((f) => path.relative(corpusDir, f));
    inputs.push({ label: `real corpus (${files.length} templates)`, files, cwd: corpusDir, corpus: true });
  } else {
    console.log(`  skipped: the real corpus (${corpusDir} not found)`);
  }
  for (const t of generated.templates.filter((x) => x.n >= 100)) inputs.push({ label: path.basename(t.file), files: [path.basename(t.file)], cwd: path.dirname(t.file) });

  const rows = [];
  let corpusRatio;
  for (const input of inputs) {
    const ours = timeInvocations([{ command: process.execPath, args: [CLI, ...input.files, '--format', 'json', '--region', 'us-east-1'], cwd: input.cwd }], runs);
    const cells = [input.label, fmtMs(ours.ms)];
    for (const peer of peers) {
      const theirs = timeInvocations(peer.run(input.files, input.cwd), runs);
      const ratio = theirs.ms / ours.ms;
      if (input.corpus && peer.name.startsWith('cfn-lint (Python)')) corpusRatio = ratio;
      cells.push(fmtMs(theirs.ms), `${ratio.toFixed(1)}×`);
    }
    rows.push(cells);
  }
  const header = ['input', 'bedrock-lint', ...peers.flatMap((p) => [p.name, 'ratio'])];
  console.log(table(header, rows));
  console.log('ratio = peer wall time / bedrock-lint wall time (higher: bedrock-lint is faster)');
  if (corpusRatio !== undefined) console.log(`whole-corpus throughput vs cfn-lint (Python): ${corpusRatio.toFixed(1)}× — target ≥ 20× — ${corpusRatio >= 20 ? 'PASS' : 'MISS'}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, 'no-build': { type: 'boolean', default: false }, corpus: { type: 'string' } } });
  if (!values['no-build']) build();
  await runPeers({ runs: Math.max(1, Number(values.runs) || 3), ...(values.corpus ? { corpusDir: path.resolve(values.corpus) } : {}) });
}
