// Groups the templates CDK hands the plugin into the cloud assemblies (cdk.out folders) that hold
// them. Linting a whole assembly gives the engine what a lone template lacks: each stack's
// environment from manifest.json, nested stack templates and the Lambda asset folders it scans.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidationContext } from './types.js';

export interface PluginStack {
  /** Absolute path of the stack's template. */
  template: string;
  /** Stack name as the engine reports it (manifest displayName, else the artifact ID). */
  name?: string;
  constructPath?: string;
  region?: string;
  account?: string;
}

export type LintUnit =
  /** An assembly folder all of whose stacks are to be checked: lint the folder. */
  | { kind: 'assembly'; dir: string; stacks: PluginStack[] }
  /** A template on its own (no manifest, or its assembly also holds stacks not asked for). */
  | { kind: 'template'; stack: PluginStack };

interface Manifest {
  artifacts?: Record<string, { type?: string; displayName?: string; properties?: { templateFile?: string } }>;
}

/** The stacks of the context, with their account and Region (absent when environment-agnostic). */
export function contextStacks(context: ValidationContext): PluginStack[] {
  const byTemplate = new Map((context.stackTemplates ?? []).map((s) => [path.resolve(s.templatePath), s]));
  return context.templatePaths.map((p) => {
    const template = path.resolve(p);
    const s = byTemplate.get(template);
    const region = s ? s.region : context.region;
    const account = s ? s.accountId : context.accountId;
    return { template, ...(s ? { constructPath: s.stackConstructPath } : {}), ...(region ? { region } : {}), ...(account ? { account } : {}) };
  });
}

/** Splits the stacks into lint units: one per complete assembly folder, else one per template. */
export function lintUnits(stacks: PluginStack[]): LintUnit[] {
  const byDir = new Map<string, PluginStack[]>();
  for (const s of stacks) {
    const dir = path.dirname(s.template);
    byDir.set(dir, [...(byDir.get(dir) ?? []), s]);
  }
  const units: LintUnit[] = [];
  for (const [dir, group] of byDir) {
    const manifestStacks = readManifestStacks(dir);
    const wanted = new Set(group.map((s) => s.template));
    const complete = manifestStacks !== undefined && manifestStacks.size > 0 && [...manifestStacks.keys()].every((t) => wanted.has(t));
    if (complete) {
      units.push({ kind: 'assembly', dir, stacks: group.map((s) => ({ ...s, ...(manifestStacks.get(s.template) ? { name: manifestStacks.get(s.template)! } : {}) })) });
    } else {
      for (const s of group) units.push({ kind: 'template', stack: s });
    }
  }
  return units;
}

/** Template path → stack name for the CloudFormation stacks of an assembly's manifest.json. */
function readManifestStacks(dir: string): Map<string, string> | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  const out = new Map<string, string>();
  for (const [id, art] of Object.entries(manifest.artifacts ?? {})) {
    if (art.type !== 'aws:cloudformation:stack' || !art.properties?.templateFile) continue;
    out.set(path.resolve(dir, art.properties.templateFile), art.displayName ?? id);
  }
  return out;
}
