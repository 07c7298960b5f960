// Invocation sites (SPEC §4): who calls which model, with which API, from which region.
import type { Catalog } from '../catalog/index.js';
import { findBedrockTasks, substitute } from '../asl/tasks.js';
import type { Loc, Node, Str } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import { scanCode, type CodeFacts } from './code-scan.js';
import { nodeStr } from './template.js';
import type { Compute, Deployment, InvocationSite, RegionValue } from './types.js';

const REGION_RE = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/;
const REGION_VAR_RE = /^(?:AWS_)?BEDROCK(?:_RUNTIME)?_REGION(?:_NAME)?$|^BEDROCK_AWS_REGION$|^REGION_BEDROCK$|^LLM_REGION$|^MODEL_REGION$/i;
const MODEL_SHAPE_RE = /^(?:(?:us|eu|apac|jp|au|ca|in|global|us-gov)\.)?(?:amazon|anthropic|ai21|cohere|meta|mistral|stability|deepseek|qwen|openai|writer|twelvelabs|luma|google|nvidia|minimax|moonshot|moonshotai|zai)\.[a-z0-9][a-z0-9.\-]*(?::[0-9a-z]+)*$/;
const BEDROCK_MODEL_ARN_RE = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(?:foundation-model|inference-profile|application-inference-profile)\//;

/** Does this string name a Bedrock model, profile or model ARN (known or not)? */
export function looksLikeModel(value: string, catalog: Catalog): boolean {
  if (value.includes(UNKNOWN_MARK)) return BEDROCK_MODEL_ARN_RE.test(value);
  if (BEDROCK_MODEL_ARN_RE.test(value)) return true;
  if (MODEL_SHAPE_RE.test(value)) return true;
  const ref = catalog.parseModelRef(value);
  return (ref.kind === 'model' && !!ref.model) || (ref.kind === 'profile' && !!ref.profile);
}

export interface SiteOptions {
  cwd: string;
  catalog: Catalog;
}

/**
 * Sites of the whole deployment: compute env vars and code, Step Functions tasks, Bedrock
 * resources. Works on the Deployment only, so every loader (CloudFormation, SAM, CDK, Terraform)
 * feeds it the same way.
 */
export function deploymentSites(dep: Deployment, opts: SiteOptions): void {
  const { catalog } = opts;
  for (const c of dep.compute) {
    if (c.kind !== 'lambda' && c.kind !== 'ecs') continue;
    const facts: CodeFacts = c.code.length ? scanCode(c.code, opts.cwd) : { models: [] };
    c.codeFacts = facts;
    let siteRegion: RegionValue | undefined;
    for (const e of c.env) {
      if (REGION_VAR_RE.test(e.name) && REGION_RE.test(e.value.value)) siteRegion = { value: e.value.value, source: e.name, loc: e.value.loc };
    }
    if (!siteRegion && facts.region) siteRegion = facts.region;
    const api: InvocationSite['api'] = facts.streams ? 'stream' : 'invoke';
    // SPEC §4: a Region in the model ARN itself beats BEDROCK_REGION and the code's client literal.
    const regionOf = (model: Str): RegionValue | undefined => {
      const r = arnRegion(model.value);
      return r ? { value: r, source: 'model ARN', loc: model.loc } : siteRegion;
    };
    const base = (model: Str, source: InvocationSite['source'], via: string): InvocationSite => ({
      model,
      api,
      ...(facts.streams ? { streamEvidence: facts.streams } : {}),
      ...(regionOf(model) ? { siteRegion: regionOf(model)! } : {}),
      ...(c.roleId ? { roleId: c.roleId } : {}),
      computeId: c.id,
      resource: c.id,
      file: model.loc.file,
      ...(c.stack !== undefined ? { stack: c.stack } : {}),
      source,
      via: [`${c.id} (${c.type})`, via],
    });
    let named = false;
    for (const e of c.env) {
      const v = e.value;
      if (v.unknown && v.value === UNKNOWN_MARK) {
        if (/MODEL|PROFILE/i.test(e.name)) {
          dep.unresolved.push({
            what: `${c.id} environment variable ${e.name} (the model ID)`,
            reason: v.unknown,
            hint: 'model checks for this function were skipped; supply the value through a parameter default or config `parameters` (an explicit `invocations:` entry checks the call, but this note stays)',
            loc: v.loc,
            resource: c.id,
          });
        }
        continue;
      }
      if (!looksLikeModel(v.value, catalog)) continue;
      named = true;
      const site = base(v, 'env', `environment ${e.name}`);
      if (facts.noBedrockCalls) site.passThrough = `the code of ${c.id} never calls Bedrock; it only passes ${e.name} on`;
      else if (!facts.scanned) site.passThrough = 'unscanned';
      dep.sites.push(site);
    }
    if (!named) {
      const seen = new Set<string>();
      for (const m of facts.models) {
        if (seen.has(m.value)) continue;
        seen.add(m.value);
        dep.sites.push(base(m, 'code', `code ${m.loc.file}:${m.loc.line}`));
      }
    }
  }

  // Step Functions bedrock:invokeModel tasks.
  for (const sm of dep.stateMachines) {
    if (!sm.definition) continue;
    const def = sm.substitutions.size || sm.definitionFile !== sm.file ? substitute(sm.definition, sm.substitutions) : sm.definition;
    for (const task of findBedrockTasks(def)) {
      if (task.modelDynamic || !task.model) continue;
      const model = nodeStr(task.model, task.loc);
      if (!model) continue;
      if (model.unknown && model.value === UNKNOWN_MARK) continue;
      const siteRegion = arnRegion(model.value);
      dep.sites.push({
        model,
        api: 'invoke',
        ...(sm.roleId ? { roleId: sm.roleId } : {}),
        ...(siteRegion ? { siteRegion: { value: siteRegion, source: 'model ARN', loc: model.loc } } : {}),
        computeId: sm.id,
        resource: sm.id,
        file: model.loc.file,
        ...(sm.stack !== undefined ? { stack: sm.stack } : {}),
        source: 'stepfunctions',
        via: [`${sm.id} (state machine)`, `task ${task.stateName}`],
        ...(task.body && !task.bodyDynamic ? { body: task.body } : {}),
      });
    }
  }

  // Agents, knowledge bases, flows.
  for (const b of dep.bedrockResources) {
    for (const m of b.models) {
      const model = nodeStr(m, b.loc);
      if (!model) continue;
      if (model.unknown && model.value === UNKNOWN_MARK) {
        dep.unresolved.push({ what: `${b.id} model`, reason: model.unknown, hint: 'supply the value through a parameter default or config `parameters`', loc: model.loc, resource: b.id });
        continue;
      }
      const siteRegion = arnRegion(model.value);
      dep.sites.push({
        model,
        api: 'invoke',
        ...(b.roleId ? { roleId: b.roleId } : {}),
        ...(siteRegion ? { siteRegion: { value: siteRegion, source: 'model ARN', loc: model.loc } } : {}),
        computeId: b.id,
        resource: b.id,
        file: model.loc.file,
        ...(b.stack !== undefined ? { stack: b.stack } : {}),
        source: /Agent$/.test(b.type) || /agent$/.test(b.type) ? 'agent' : /Knowledge/i.test(b.type) || /knowledge/.test(b.type) ? 'knowledge-base' : 'flow',
        via: [`${b.id} (${b.type})`],
      });
    }
  }
}

/**
 * SPEC §4 source 5: a role that no other site uses, but whose policies grant bedrock:InvokeModel*
 * on specific model or profile ARNs, intends to call those. Profile grants are checked for their
 * destination-Region foundation-model ARNs; every named model for its lifecycle.
 */
export function policySites(dep: Deployment, catalog: Catalog): void {
  const used = new Set(dep.sites.map((s) => `${s.stack ?? ''}|${s.roleId ?? ''}`));
  for (const role of dep.roles) {
    if (used.has(`${role.stack ?? ''}|${role.id}`)) continue;
    const seen = new Set<string>();
    for (const p of role.policies) {
      if (p.managedArn || p.unknown) continue;
      for (const st of p.statements) {
        if (st.effect !== 'Allow' || st.conditions.length) continue;
        const acts = (st.action ?? []).map((a) => a.value.toLowerCase());
        const invoke = acts.some((a) => a === 'bedrock:invokemodel' || a === 'bedrock:invokemodel*' || a === 'bedrock:*');
        const stream = acts.some((a) => a === 'bedrock:invokemodelwithresponsestream' || a === 'bedrock:invokemodel*' || a === 'bedrock:*');
        if (!invoke && !stream) continue;
        for (const r of st.resource ?? []) {
          if (r.unknown && r.value === UNKNOWN_MARK) continue;
          const m = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:(foundation-model|inference-profile)\/([^*?\uFFFF]+)$/.exec(r.value);
          if (!m || seen.has(m[2]!)) continue;
          seen.add(m[2]!);
          const ref = catalog.parseModelRef(r.value);
          if (ref.kind !== 'model' && ref.kind !== 'profile') continue;
          const region = arnRegion(r.value);
          dep.sites.push({
            model: { value: m[2]!, loc: r.loc },
            api: invoke ? 'invoke' : 'stream',
            roleId: role.id,
            ...(region ? { siteRegion: { value: region, source: 'granted ARN', loc: r.loc } } : {}),
            resource: role.id,
            file: r.loc.file,
            ...(role.stack !== undefined ? { stack: role.stack } : {}),
            source: 'policy',
            via: [`${role.id} (granted in policy ${p.name})`],
            ...(m[1] === 'foundation-model' ? { passThrough: 'a grant on a foundation-model ARN is its own evidence' } : {}),
          });
        }
      }
    }
  }
}

/** The region of a Bedrock ARN, if it names one. */
export function arnRegion(s: string): string | undefined {
  const m = /^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):/.exec(s);
  return m && REGION_RE.test(m[1]!) ? m[1] : undefined;
}

export function isRegion(s: string): boolean {
  return REGION_RE.test(s);
}

export type { Compute, Loc, Node };
