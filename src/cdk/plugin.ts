// bedrock-lint as an aws-cdk-lib policy-validation plugin (entry point `bedrock-lint/cdk`):
//   Validations.of(app).addPlugins(new BedrockLintPlugin())
//   new App({ policyValidationBeta1: [new BedrockLintPlugin()] })   // deprecated form
// CDK calls validate() synchronously after writing the cloud assembly, so it runs lintSync. It
// never loads aws-cdk-lib: the shapes it exchanges with CDK are declared in ./types.ts.
import path from 'node:path';
// Types only (erased by the build): the class is checked against CDK's two plugin interfaces.
import type { IPolicyValidationPlugin, IPolicyValidationPluginBeta1 } from 'aws-cdk-lib';
import { lintSync, type LintOptions } from '../engine.js';
import { RULES } from '../../rules/index.js';
import type { Finding, Severity } from '../types.js';
import { VERSION } from '../version.js';
import { contextStacks, lintUnits, type LintUnit } from './assembly.js';
import type { BedrockLintPluginOptions, ValidationContext, ValidationReport } from './types.js';
import { toViolations } from './violations.js';

export type { BedrockLintPluginOptions, ValidationContext, ValidationReport, Violation, ViolatingResource, ValidationStack } from './types.js';
export { NO_RESOURCE } from './violations.js';

const RANK: Record<Severity | 'none', number> = { info: 1, warning: 2, error: 3, none: 99 };

export class BedrockLintPlugin implements IPolicyValidationPlugin, IPolicyValidationPluginBeta1 {
  /** Also the acknowledgement namespace: `Validations.of(c).acknowledge({ id: 'bedrock-lint::model-legacy', reason })`. */
  public readonly name = 'bedrock-lint';
  public readonly version = VERSION;
  public readonly ruleIds: string[] = RULES.map((r) => r.meta.id);
  private readonly options: BedrockLintPluginOptions;

  constructor(options: BedrockLintPluginOptions = {}) {
    if (options.failOn !== undefined && !Object.hasOwn(RANK, options.failOn)) {
      throw new TypeError(`BedrockLintPlugin: failOn must be error, warning, info or none, not ${String(options.failOn)}`);
    }
    this.options = options;
  }

  public validate(context: ValidationContext): ValidationReport {
    const cwd = process.cwd();
    const units = lintUnits(contextStacks(context));
    const findings = dedupe(units.flatMap((unit) => lintSync(this.lintOptions(unit, cwd)).findings)).filter((f) => !f.suppressed);
    const threshold = RANK[this.options.failOn ?? 'error'];
    const stacks = units.flatMap((u) => (u.kind === 'assembly' ? u.stacks : [u.stack]));
    return {
      success: !findings.some((f) => RANK[f.severity] >= threshold),
      violations: toViolations(findings, { cwd, stacks }),
      pluginVersion: VERSION,
    };
  }

  private lintOptions(unit: LintUnit, cwd: string): LintOptions {
    const o = this.options;
    const common = {
      cwd,
      ...(o.config ? { config: path.resolve(cwd, o.config) } : {}),
      ...(o.rules ? { rules: o.rules } : {}),
      ...(o.date ? { date: o.date } : {}),
    };
    if (unit.kind === 'assembly') {
      // The manifest gives each stack's account and Region; an explicit region overrides them.
      return { ...common, paths: [unit.dir], ...(o.region ? { region: o.region } : {}) };
    }
    // The stack's own environment is its Region (labelled as such); an explicit region overrides it.
    const env = { ...(unit.stack.region ? { region: unit.stack.region } : {}), ...(unit.stack.account ? { account: unit.stack.account } : {}) };
    return { ...common, paths: [unit.stack.template], ...(o.region ? { region: o.region } : {}), stackEnv: { [path.resolve(cwd, unit.stack.template)]: env } };
  }
}

/** Config-file findings come back once per lint unit; keep one of each. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.file}|${f.line}|${f.column}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
