// The engine: paths → discover → load → model → rules → findings → suppressions/baseline.
// Synchronous on purpose: CDK's policy-validation plugin calls validate() synchronously.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { loadCatalog, type Catalog } from './catalog/index.js';
import { findBedrockTasks, isAslDefinition } from './asl/tasks.js';
import { loadConfig, findConfig, type Config } from './config/index.js';
import { discover, toPosix } from './discover.js';
import { parsePolicyNode } from './iam/parse.js';
import type { PolicyDoc } from './iam/types.js';
import { BudgetError, defaultBudget, type Budget } from './load/budget.js';
import { get, str } from './load/node.js';
import { parseJson } from './load/json.js';
import { parseYaml } from './load/yaml.js';
import { buildTemplate, isSam, nodeStr, SYMBOLIC_ACCOUNT, type TemplateModel } from './model/template.js';
import { deploymentSites, policySites, arnRegion } from './model/sites.js';
import type { Deployment, InvocationSite, RegionValue, Stack } from './model/types.js';
import type { ResolvedResource } from './model/resource.js';
import { buildNetwork, parseDescribeVpcEndpoints } from './network/build.js';
import { isCliRequest, parseCliRequest } from './request/cli-request.js';
import { RULES, ruleById } from '../rules/index.js';
import type { Finding, Loc, LoadError, MapNode, Node, RawFinding, Severity, SeverityOrOff, Str } from './types.js';
import { UNKNOWN_MARK } from './types.js';
import { applySuppressions } from './suppress/apply.js';
import { parseSuppressionComments } from './suppress/comments.js';
import { metadataSuppressions } from './suppress/metadata.js';
import { configSuppressions } from './suppress/config.js';
import { applyBaseline, readBaseline, BaselineError } from './suppress/baseline.js';
import { parseTerraformPlan, isTerraformPlan } from './terraform/plan.js';

export interface LintOptions {
  paths: string[];
  cwd?: string;
  region?: string;
  config?: string;
  /** false: do not look for a config file. */
  useConfig?: boolean;
  rules?: Record<string, SeverityOrOff>;
  only?: string[];
  scps?: string[];
  boundaries?: string[];
  models?: string[];
  baseline?: string;
  date?: string;
  maxFileSize?: number;
  /** Called after each input file is loaded (the CLI draws a progress line on a terminal). */
  onProgress?: (done: number, total: number) => void;
  /** Deployment account, when the inputs do not say (e.g. from a CDK stack). */
  account?: string;
  /** Per-template stack environment (CDK plugin): absolute or cwd-relative path → { region, account }. */
  stackEnv?: Record<string, { region?: string; account?: string }>;
}

export interface LintResult {
  findings: Finding[];
  errors: { file: string; message: string }[];
  files: number;
  hadParseError: boolean;
  catalog: Catalog;
  config?: Config;
  deployment: Deployment;
}

/** A usage/config problem: the CLI exits 2. */
export class UsageError extends Error {}

interface LoadedFile {
  file: string;
  root?: Node;
  comments: { line: number; column?: number; text: string }[];
  source?: string;
}

export function lintSync(opts: LintOptions): LintResult {
  const cwd = opts.cwd ?? process.cwd();
  const rel = (abs: string) => toPosix(path.relative(cwd, abs)) || '.';
  // ---- config
  let config: Config | undefined;
  const configPath = opts.config ? path.resolve(cwd, opts.config) : opts.useConfig === false ? undefined : findConfig(cwd);
  if (configPath) config = loadConfig(configPath);
  const configDir = configPath ? path.dirname(configPath) : cwd;
  const date = opts.date ?? new Date().toISOString().slice(0, 10);
  const budget: Budget = { ...defaultBudget, ...(opts.maxFileSize ? { maxFileSize: opts.maxFileSize } : config?.maxFileSize ? { maxFileSize: config.maxFileSize } : {}) };

  // ---- catalogue
  const modelFiles = [...(opts.models ?? []).map((m) => path.resolve(cwd, m)), ...(config?.models ?? []).map((m) => path.resolve(configDir, m))];
  let catalog: Catalog;
  try {
    catalog = loadCatalog(modelFiles);
  } catch (e) {
    throw new UsageError(`--models: ${(e as Error).message}`);
  }

  const deployment: Deployment = { stacks: [], roles: [], policies: [], scps: [], compute: [], stateMachines: [], bedrockResources: [], appProfiles: new Map(), sites: [], resources: [], network: { endpoints: [] }, networks: new Map(), unresolved: [] };
  const raw: RawFinding[] = [];
  const errors: LoadError[] = [];
  const loaded: LoadedFile[] = [];
  const deploymentRegion: RegionValue | undefined = opts.region
    ? { value: opts.region, source: '--region' }
    : config?.region
      ? { value: config.region, source: `config region (${rel(configPath!)})` }
      : undefined;

  const budgetFinding = (file: string, message: string, loc?: Loc) =>
    raw.push({ ruleId: 'analysis-budget-exceeded', message, loc: loc ?? { file, line: 1, column: 1, endLine: 1, endColumn: 1 } });

  /** Reads and parses one file into a located tree. */
  const parseFile = (abs: string, explicit: boolean): LoadedFile | undefined => {
    const file = rel(abs);
    let size: number;
    try {
      size = statSync(abs).size;
    } catch (e) {
      errors.push({ file, message: `cannot read: ${(e as Error).message}`, loc: loc1(file) });
      return undefined;
    }
    if (size > budget.maxFileSize) {
      budgetFinding(file, `file is ${size} bytes, over the ${budget.maxFileSize}-byte size budget; not analysed (raise --max-file-size to include it)`);
      return undefined;
    }
    let buf: Buffer;
    try {
      buf = readFileSync(abs);
    } catch (e) {
      errors.push({ file, message: `cannot read: ${(e as Error).message}`, loc: loc1(file) });
      return undefined;
    }
    if (buf.includes(0)) {
      if (explicit) errors.push({ file, message: 'binary file (contains NUL bytes); not a template, policy or request', loc: loc1(file) });
      return undefined;
    }
    const text = buf.toString('utf8');
    if (/\.toml$/i.test(abs)) return { file, comments: [] };
    const bad = invalidUtf8At(buf);
    if (bad !== undefined) {
      if (looksRelevant(text)) {
        const line = buf.subarray(0, bad).toString('latin1').split('\n').length;
        errors.push({ file, message: `invalid UTF-8 (byte ${bad}); CloudFormation templates, policies and requests are UTF-8 text`, loc: { file, line, column: 1, endLine: line, endColumn: 1 } });
      }
      return undefined;
    }
    const isJson = /\.json$/i.test(abs) || /^\uFEFF?\s*[{[]/.test(text);
    try {
      const res = isJson ? { ...parseJson(text, file, budget), comments: [] } : parseYaml(text, file, budget);
      if (res.errors.length) {
        // Detected by content: text that does not look like any input bedrock-lint reads (a Helm
        // chart, a JSON-with-comments tsconfig) is skipped, even when named explicitly.
        if (looksRelevant(text)) errors.push(...res.errors);
        return undefined;
      }
      return { file, root: res.root, comments: res.comments, source: text };
    } catch (e) {
      if (e instanceof BudgetError) {
        budgetFinding(file, `${e.message}; not analysed`, e.loc);
        return undefined;
      }
      throw e;
    }
  };

  // ---- the only places files may be read from: the given paths (a file's own folder for a file)
  const roots = (opts.paths.length ? opts.paths : ['.']).map((p) => {
    const abs = path.resolve(cwd, p);
    try {
      return statSync(abs).isDirectory() ? abs : path.dirname(abs);
    } catch {
      return abs;
    }
  });
  const insideRoots = (abs: string) => roots.some((r) => {
    const rel = path.relative(r, abs);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });

  // ---- discover
  const include = config?.include;
  const exclude = config?.exclude;
  const disc = discover(opts.paths.length ? opts.paths : ['.'], { cwd, maxFiles: 20_000, ...(include ? { include } : {}), ...(exclude ? { exclude } : {}) });
  for (const m of disc.missing) throw new UsageError(`no such file or directory: ${m}`);
  if (disc.truncated) budgetFinding('.', `more than 20000 files; ${disc.truncated} were not analysed`);

  // samconfig.toml region per folder, read first.
  const samRegions = new Map<string, RegionValue>();
  for (const f of disc.files) {
    if (path.basename(f.path) !== 'samconfig.toml') continue;
    const r = samconfigRegion(path.resolve(cwd, f.path), f.path);
    if (r) samRegions.set(path.dirname(f.path), r);
  }
  const samconfigFor = (file: string): RegionValue | undefined => {
    const dir = path.dirname(file);
    if (samRegions.has(dir)) return samRegions.get(dir);
    const candidate = path.join(path.resolve(cwd, dir), 'samconfig.toml');
    try {
      statSync(candidate);
    } catch {
      return undefined;
    }
    const r = samconfigRegion(candidate, rel(candidate));
    if (r) samRegions.set(dir, r);
    return r;
  };

  const templates: { tm: TemplateModel; stack: Stack }[] = [];
  const barePolicies = new Map<string, PolicyDoc>();
  const standaloneSites: InvocationSite[] = [];
  const allResolved: ResolvedResource[] = [];
  let filesChecked = 0;

  const loadTemplate = (lf: LoadedFile, root: MapNode, stack: Stack, assetDir?: string) => {
    let tm: TemplateModel;
    try {
      tm = buildTemplate(
      {
        file: lf.file,
        root,
        stack,
        cwd,
        ...(config?.parameters ? { parameters: Object.fromEntries(Object.entries(config.parameters).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v])) } : {}),
        ...(assetDir ? { assetDir } : {}),
        deadline: Date.now() + budget.maxTemplateMs,
        readLocal: (p, from) => {
          const abs = path.resolve(path.dirname(path.resolve(cwd, lf.file)), p);
          if (!insideRoots(abs)) {
            deployment.unresolved.push({ what: `local file ${p}`, reason: 'it lies outside the paths given to bedrock-lint, which never reads there', hint: 'lint a folder that holds both files', loc: from });
            return undefined;
          }
          try {
            statSync(abs);
          } catch {
            deployment.unresolved.push({ what: `local file ${p}`, reason: 'it is not in the inputs', hint: 'lint the folder that holds it', loc: from });
            return undefined;
          }
          const sub = parseFile(abs, true);
          if (!sub?.root) return undefined;
          loaded.push(sub);
          void from;
          return { file: sub.file, root: sub.root };
        },
      },
      deployment,
    );
    } catch (e) {
      if (e instanceof BudgetError) {
        budgetFinding(lf.file, `${e.message}; the rest of this template was not analysed`, e.loc);
        return;
      }
      throw e;
    }
    deployment.stacks.push(stack);
    templates.push({ tm, stack });
    allResolved.push(...tm.resolved);
  };

  // ---- CDK cloud assemblies
  for (const dir of disc.assemblies) {
    const absDir = path.resolve(cwd, dir);
    let manifest: { artifacts?: Record<string, { type?: string; environment?: string; properties?: { templateFile?: string }; displayName?: string }> };
    try {
      manifest = JSON.parse(readFileSync(path.join(absDir, 'manifest.json'), 'utf8')) as typeof manifest;
    } catch (e) {
      errors.push({ file: rel(path.join(absDir, 'manifest.json')), message: `cannot parse cloud assembly manifest: ${(e as Error).message}`, loc: loc1(rel(path.join(absDir, 'manifest.json'))) });
      continue;
    }
    for (const [name, art] of Object.entries(manifest.artifacts ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (art.type !== 'aws:cloudformation:stack' || !art.properties?.templateFile) continue;
      const templatePath = path.join(absDir, art.properties.templateFile);
      if (!isInsideDir(templatePath, absDir)) {
        errors.push({ file: rel(path.join(absDir, 'manifest.json')), message: `stack ${name}: templateFile ${art.properties.templateFile} lies outside the cloud assembly; not read`, loc: loc1(rel(path.join(absDir, 'manifest.json'))) });
        continue;
      }
      const lf = parseFile(templatePath, true);
      if (!lf?.root || lf.root.kind !== 'map') continue;
      filesChecked++;
      loaded.push(lf);
      const env = /^aws:\/\/([^/]+)\/(.+)$/.exec(art.environment ?? '');
      const envRegion = env && !env[2]!.startsWith('unknown-') ? env[2]! : undefined;
      const envAccount = env && !env[1]!.startsWith('unknown-') ? env[1]! : undefined;
      const region = deploymentRegion ?? (envRegion ? { value: envRegion, source: `cdk.out environment of ${name}` } : undefined);
      const stack: Stack = { name: art.displayName ?? name, file: lf.file, format: 'cdk', ...(region ? { region } : {}), ...(envAccount ?? opts.account ? { account: envAccount ?? opts.account } : {}) };
      loadTemplate(lf, lf.root, stack, absDir);
      // Nested stacks: AWS::CloudFormation::Stack resources whose asset is a template in the assembly.
      const resources = get(lf.root, 'Resources');
      if (resources?.kind === 'map') {
        for (const e of resources.entries) {
          if (str(get(e.value, 'Type')) !== 'AWS::CloudFormation::Stack') continue;
          const assetPath = str(get(get(e.value, 'Metadata'), 'aws:asset:path'));
          if (!assetPath || !assetPath.endsWith('.json') || !isInsideDir(path.join(absDir, assetPath), absDir)) continue;
          const nested = parseFile(path.join(absDir, assetPath), true);
          if (!nested?.root || nested.root.kind !== 'map') continue;
          filesChecked++;
          loaded.push(nested);
          loadTemplate(nested, nested.root, { ...stack, name: `${stack.name}/${e.key}`, file: nested.file });
        }
      }
    }
  }

  // ---- plain files
  const plans: { root: MapNode; file: string }[] = [];
  const captureFiles: string[] = [];
  let done = 0;
  const total = disc.files.length;
  for (const f of disc.files) {
    opts.onProgress?.(++done, total);
    const abs = path.resolve(cwd, f.path);
    if (/\.toml$/i.test(f.path)) continue;
    const errorsBefore = errors.length;
    const lf = parseFile(abs, f.explicit);
    if (!lf) {
      // A file found in a folder that looks like an input but does not parse was checked too.
      if (f.explicit || errors.length > errorsBefore) filesChecked++;
      continue;
    }
    const root = lf.root;
    if (!root || root.kind !== 'map') {
      if (f.explicit) {
        filesChecked++;
        loaded.push(lf);
        const text = lf.source ?? '';
        if (root && looksRelevant(text)) errors.push({ file: f.path, message: 'the top level is not a mapping; a template, plan, policy, state machine or request is a JSON/YAML object', loc: root.loc });
        else raw.push({ ruleId: 'input-unrecognized', message: root ? 'the top level is not a mapping, so this is not a template, plan, policy, state machine or request; skipped' : 'the file is empty; nothing to lint', loc: root?.loc ?? loc1(f.path), key: root ? 'not-a-mapping' : 'empty' });
      }
      continue;
    }
    const kind = detect(root);
    if (!kind) {
      if (f.explicit) filesChecked++;
      continue;
    }
    filesChecked++;
    loaded.push(lf);
    switch (kind) {
      case 'cfn': {
        const sam = isSam(root);
        const env = opts.stackEnv?.[abs] ?? opts.stackEnv?.[f.path];
        const envRegion: RegionValue | undefined = env?.region ? { value: env.region, source: 'CDK stack environment' } : undefined;
        const region = deploymentRegion ?? envRegion ?? (sam || samconfigFor(f.path) ? samconfigFor(f.path) : undefined);
        const account = env?.account ?? opts.account;
        const stack: Stack = { name: f.path, file: f.path, format: sam ? 'sam' : 'cfn', ...(region ? { region } : {}), ...(account ? { account } : {}) };
        loadTemplate(lf, root, stack);
        break;
      }
      case 'policy': {
        const doc = parsePolicyNode(root, { id: f.path, name: path.basename(f.path), kind: 'identity' });
        barePolicies.set(path.resolve(cwd, f.path), doc);
        deployment.policies.push(doc);
        break;
      }
      case 'asl': {
        for (const task of findBedrockTasks(root)) {
          if (task.modelDynamic || !task.model) continue;
          const model = nodeStr(task.model, task.loc);
          if (!model || model.value.includes('\uFFFF') || model.unknown) continue;
          standaloneSites.push(standaloneSite(model, f.path, 'stepfunctions', [`state machine definition ${f.path}`, `task ${task.stateName}`], task.body && !task.bodyDynamic ? task.body : undefined));
        }
        break;
      }
      case 'request': {
        const req = parseCliRequest(root);
        if (!req) break;
        if (req.bodyError) raw.push({ ruleId: 'request-invalid-body', message: `${req.bodyError.message}; Bedrock rejects it with a ValidationException`, loc: req.bodyError.loc, fix: 'send the body as a JSON object (the CLI and SDKs take a JSON string or bytes)', key: 'body-not-json' });
        const model = nodeStr(req.model, req.model.loc);
        if (!model || model.unknown) break;
        standaloneSites.push(standaloneSite(model, f.path, 'request', [`request file ${f.path}`], req.body));
        break;
      }
      case 'terraform':
        // After the loop: captures of `aws bedrock list-*` among the inputs refine the catalogue first.
        plans.push({ root, file: f.path });
        break;
      case 'vpc-endpoints':
        deployment.network.endpoints.push(...parseDescribeVpcEndpoints(root, f.path));
        break;
      case 'catalog':
        // `aws bedrock list-foundation-models` / `list-inference-profiles` output given as an input:
        // merged like --models.
        captureFiles.push(abs);
        break;
    }
  }
  if (captureFiles.length) {
    try {
      catalog = loadCatalog([...modelFiles, ...captureFiles]);
    } catch (e) {
      throw new UsageError(`model catalogue capture: ${(e as Error).message}`);
    }
  }
  for (const p of plans) {
    const plan = parseTerraformPlan(p.root, { file: p.file, cwd, ...(deploymentRegion ? { region: deploymentRegion } : {}), catalog }, deployment);
    allResolved.push(...plan.resolved);
  }

  // ---- stacks without a region inherit the deployment region
  deploymentSites(deployment, { cwd, catalog });
  for (const s of standaloneSites) deployment.sites.push(s);

  // ---- organisation layers
  const policyFile = (p: string, kind: PolicyDoc['kind']): PolicyDoc => {
    const lf = parseFile(p, true);
    if (!lf?.root) throw new UsageError(`cannot read policy file ${rel(p)}`);
    loaded.push(lf);
    const doc = parsePolicyNode(lf.root, { id: lf.file, name: path.basename(p), kind });
    deployment.policies.push(doc);
    return doc;
  };
  for (const s of opts.scps ?? []) deployment.scps.push(policyFile(path.resolve(cwd, s), 'scp'));
  for (const s of config?.scps ?? []) deployment.scps.push(policyFile(path.resolve(configDir, s), 'scp'));

  // ---- config invocations
  for (const inv of config?.invocations ?? []) {
    const site = configInvocation(inv, configDir, cwd, deployment, barePolicies, (p) => policyFile(p, 'identity'), rel(configPath!));
    if (site) deployment.sites.push(site);
  }

  // --boundary: the permissions boundary of every principal that has none of its own.
  const extraBoundaries = (opts.boundaries ?? []).map((b) => policyFile(path.resolve(cwd, b), 'boundary'));
  if (extraBoundaries.length) {
    for (const role of deployment.roles) if (!role.boundary) role.boundary = extraBoundaries[0]!;
    for (const site of deployment.sites) if (site.principalPolicies && !site.principalBoundary) site.principalBoundary = extraBoundaries[0]!;
  }

  policySites(deployment, catalog);

  // ---- network
  // One network model per input file: logical IDs ("Vpc", "PrivateSubnet1") repeat across the
  // templates of a repository and must not be joined. Endpoints captured with
  // `aws ec2 describe-vpc-endpoints` are real IDs and join every model.
  const captured = deployment.network.endpoints;
  const byFile = new Map<string, ResolvedResource[]>();
  for (const r of allResolved) {
    const list = byFile.get(r.file);
    if (list) list.push(r);
    else byFile.set(r.file, [r]);
  }
  const allEndpoints = [...captured];
  for (const [file, resources] of byFile) {
    const net = buildNetwork(resources);
    net.endpoints = [...net.endpoints, ...captured];
    deployment.networks.set(file, net);
    allEndpoints.push(...net.endpoints.filter((e) => !captured.includes(e)));
  }
  deployment.network = { ...buildNetwork([]), endpoints: allEndpoints };

  // ---- rules
  const ctx = { deployment, catalog, date, ...(deploymentRegion ? { region: deploymentRegion.value } : {}) };
  for (const rule of RULES) {
    if (!enabled(rule.meta.id, opts, config)) continue;
    try {
      raw.push(...rule.check(ctx));
    } catch (e) {
      errors.push({ file: '.', message: `internal error in rule ${rule.meta.id}: ${(e as Error).message}`, loc: loc1('.') });
    }
  }
  for (const e of errors) raw.push({ ruleId: 'parse-error', message: e.message, loc: e.loc });
  const stale = modelFiles.length || captureFiles.length ? undefined : staleCatalogNote(catalog.date, date);
  if (stale) raw.push(stale);

  // ---- severity, suppression, baseline
  let findings: Finding[] = raw
    .filter((r) => enabled(r.ruleId, opts, config))
    .map((r) => toFinding(r, severityOf(r, opts, config)));
  const sups = [
    ...loaded.flatMap((lf) => parseSuppressionComments({ file: lf.file, comments: lf.comments, ...(lf.source !== undefined ? { source: lf.source } : {}) })),
    ...deployment.resources.flatMap((r) => metadataSuppressions(r.id, r.metadata)),
    ...configSuppressions(config?.ignore ?? [], configDir, cwd),
  ];
  const applied = applySuppressions(findings, sups);
  findings = [...applied.findings, ...applied.extra.map((r) => toFinding(r, severityOf(r, opts, config)))];
  const baselinePath = opts.baseline ?? (config?.baseline ? path.resolve(configDir, config.baseline) : undefined);
  if (baselinePath) {
    try {
      findings = applyBaseline(findings, readBaseline(baselinePath, cwd), cwd);
    } catch (e) {
      if (e instanceof BaselineError) throw new UsageError(e.message);
      throw e;
    }
  }
  findings = dedupe(findings).sort(compareFindings);

  return {
    findings,
    errors: errors.map((e) => ({ file: e.file, message: e.message })),
    files: filesChecked,
    hadParseError: errors.length > 0,
    catalog,
    ...(config ? { config } : {}),
    deployment,
  };
}

export async function lint(opts: LintOptions): Promise<LintResult> {
  return lintSync(opts);
}

type InputKind = 'cfn' | 'policy' | 'asl' | 'request' | 'terraform' | 'vpc-endpoints' | 'catalog';

/** Detects an input format by content (SPEC §3). */
export function detect(root: MapNode): InputKind | undefined {
  const has = (k: string) => root.entries.some((e) => e.key === k);
  if (has('AWSTemplateFormatVersion')) return 'cfn';
  const res = get(root, 'Resources');
  if (res?.kind === 'map' && res.entries.some((e) => /^(AWS|Custom|Alexa)::|^AWS::/.test(str(get(e.value, 'Type')) ?? ''))) return 'cfn';
  if (isTerraformPlan(root)) return 'terraform';
  if (has('Statement') && !has('Resources')) return 'policy';
  if (isAslDefinition(root)) return 'asl';
  if (isCliRequest(root)) return 'request';
  if (has('VpcEndpoints')) return 'vpc-endpoints';
  if (has('modelSummaries') || has('inferenceProfileSummaries')) return 'catalog';
  return undefined;
}

/** A site with no principal: a standalone state machine definition or an AWS CLI request file. */
function standaloneSite(model: Str, file: string, source: InvocationSite['source'], via: string[], body: Node | undefined): InvocationSite {
  const r = arnRegion(model.value);
  return {
    model,
    api: 'invoke',
    ...(r ? { siteRegion: { value: r, source: 'model ARN', loc: model.loc } } : {}),
    file,
    source,
    via,
    ...(body ? { body } : {}),
  };
}

/** Offset of the first byte that is not valid UTF-8, if any. */
function invalidUtf8At(buf: Buffer): number | undefined {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return undefined;
  } catch {
    // Find the offset: decode growing prefixes is too slow; scan for the first invalid sequence.
    for (let i = 0; i < buf.length; ) {
      const b = buf[i]!;
      const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      if (n === 0) return i;
      for (let k = 1; k < n; k++) if (((buf[i + k] ?? 0) & 0xc0) !== 0x80) return i;
      i += n;
    }
    return 0;
  }
}

function isInsideDir(child: string, dir: string): boolean {
  const r = path.relative(dir, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

/** SPEC §10: a model catalogue older than 180 days (on --date / today) adds one info note. */
function staleCatalogNote(catalogDate: string, today: string): RawFinding | undefined {
  const age = Math.floor((Date.parse(today) - Date.parse(catalogDate)) / 86_400_000);
  if (!(age > 180)) return undefined;
  return {
    ruleId: 'data-stale',
    message: `the bundled model catalogue is from ${catalogDate} (${age} days old): new models, Regions and end-of-life dates may be missing`,
    loc: loc1('.'),
    fix: 'pass fresh `aws bedrock list-foundation-models` / `aws bedrock list-inference-profiles` captures with --models, or update bedrock-lint',
    key: 'catalogue-age',
  };
}

function looksRelevant(text: string): boolean {
  return /AWSTemplateFormatVersion|Resources\s*["']?\s*:|"Statement"|Statement\s*:|"States"|"modelId"|format_version/.test(text);
}

function samconfigRegion(abs: string, file: string): RegionValue | undefined {
  try {
    const doc = parseToml(readFileSync(abs, 'utf8')) as Record<string, Record<string, Record<string, Record<string, unknown>>>>;
    const env = process.env.SAM_CONFIG_ENV ?? 'default';
    const table = typeof doc[env]?.deploy?.parameters?.region === 'string' ? 'deploy' : 'global';
    const r = doc[env]?.[table]?.parameters?.region;
    return typeof r === 'string' ? { value: r, source: `${file} [${env}.${table}.parameters]` } : undefined;
  } catch {
    return undefined;
  }
}

function configInvocation(
  inv: NonNullable<Config['invocations']>[number],
  configDir: string,
  cwd: string,
  dep: Deployment,
  bare: Map<string, PolicyDoc>,
  readPolicy: (abs: string) => PolicyDoc,
  configFile: string,
): InvocationSite | undefined {
  const loc: Loc = inv.loc ?? loc1(configFile);
  const model = { value: inv.model, loc: inv.modelLoc ?? loc };
  const site: InvocationSite = {
    model,
    api: inv.stream ? 'stream' : 'invoke',
    ...(inv.stream ? { streamEvidence: `config invocation stream: true` } : {}),
    ...(inv.region ? { siteRegion: { value: inv.region, source: 'config invocation region', loc } } : {}),
    file: configFile,
    source: 'config',
    via: [`config invocation (${configFile})`],
  };
  const role = dep.roles.find((r) => r.id === inv.principal || r.name === inv.principal || r.arn === inv.principal);
  if (role) return { ...site, roleId: role.id, resource: role.id, file: role.file, stack: role.stack ?? '' };
  const abs = inv.principalFile ?? path.resolve(configDir, inv.principal);
  const doc = bare.get(abs) ?? (/\.(json|ya?ml)$/i.test(inv.principal) ? readPolicy(abs) : undefined);
  if (!doc) throw new UsageError(`config invocations: principal ${inv.principal} is neither a role in the inputs nor a policy file`);
  const file = toPosix(path.relative(cwd, abs));
  return { ...site, principalPolicies: [doc], principalName: file, file, via: [`principal policy ${file}`] };
}

function enabled(id: string, opts: LintOptions, config?: Config): boolean {
  if (opts.only && opts.only.length && !opts.only.includes(id)) return id === 'parse-error';
  const s = opts.rules?.[id] ?? config?.rules?.[id];
  return s !== 'off';
}

function severityOf(r: RawFinding, opts: LintOptions, config?: Config): Severity {
  const o = opts.rules?.[r.ruleId] ?? config?.rules?.[r.ruleId];
  if (o && o !== 'off') return o;
  return r.severity ?? ruleById(r.ruleId)?.meta.defaultSeverity ?? 'error';
}

/** Unknown parts of values are shown to people as <unknown>. */
const shown = (s: string) => (s.includes(UNKNOWN_MARK) ? s.split(UNKNOWN_MARK).join('<unknown>') : s).split(SYMBOLIC_ACCOUNT).join('<account>');

function toFinding(r: RawFinding, severity: Severity): Finding {
  return {
    ruleId: r.ruleId,
    severity,
    message: shown(r.message),
    file: r.loc.file,
    line: r.loc.line,
    column: r.loc.column,
    endLine: r.loc.endLine,
    endColumn: r.loc.endColumn,
    ...(r.resource ? { resource: r.resource } : {}),
    ...(r.stack ? { stack: r.stack } : {}),
    trace: (r.trace ?? []).map(shown),
    ...(r.fix ? { fix: shown(r.fix) } : {}),
    suppressed: false,
    ...(r.key ? { key: r.key } : {}),
  };
}

function dedupe(fs: Finding[]): Finding[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const k = `${f.ruleId}|${f.file}|${f.line}|${f.column}|${f.resource ?? ''}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.message < b.message ? -1 : a.message > b.message ? 1 : 0);
}

function loc1(file: string): Loc {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
}
