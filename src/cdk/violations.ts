// Turns bedrock-lint findings into CDK policy violations. CDK resolves a violation's logical ID
// to its construct path itself (and then honours Validations.of(construct).acknowledge()), so
// each violation names the stack template that defines the resource.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJson } from '../load/json.js';
import { get } from '../load/node.js';
import type { Finding, Node } from '../types.js';
import type { PluginStack } from './assembly.js';
import type { Violation, ViolatingResource } from './types.js';

/**
 * Logical ID given for findings about a file rather than a resource (a parse error, a stale
 * suppression comment). It is the text CDK's own report uses for a missing logical ID; CDK finds
 * no construct for it and shows the template path instead.
 */
export const NO_RESOURCE = 'N/A';

export interface ViolationContext {
  cwd: string;
  stacks: PluginStack[];
}

export function toViolations(findings: Finding[], ctx: ViolationContext): Violation[] {
  const byTemplate = new Map(ctx.stacks.map((s) => [s.template, s]));
  const byName = new Map(ctx.stacks.filter((s) => s.name).map((s) => [s.name!, s]));
  const trees = new Map<string, Node | undefined>();
  const tree = (file: string) => {
    if (!trees.has(file)) trees.set(file, parseTemplate(file));
    return trees.get(file);
  };

  return findings.map((f) => {
    const file = path.resolve(ctx.cwd, f.file);
    // A finding in a Lambda asset or a nested template still belongs to a stack: the one named by
    // f.stack (nested stacks are reported as "Parent/NestedLogicalId").
    const stack = byTemplate.get(file) ?? (f.stack ? (byName.get(f.stack) ?? byName.get(f.stack.split('/')[0]!)) : undefined);
    const inTemplate = byTemplate.has(file) || file.endsWith('.template.json');
    const templatePath = inTemplate ? file : (stack?.template ?? file);
    const locations = f.resource && inTemplate ? propertyPath(tree(file), f.resource, f.line, f.column) : undefined;
    const resource: ViolatingResource = {
      resourceLogicalId: f.resource ?? NO_RESOURCE,
      templatePath,
      locations: locations ? [locations] : [],
      ...(!f.resource && stack?.constructPath ? { constructPath: stack.constructPath } : {}),
    };
    // Relative to the stack's assembly folder, as CDK shows template paths; else to the cwd.
    const base = stack ? path.dirname(stack.template) : ctx.cwd;
    const shown = file.startsWith(base + path.sep) ? path.relative(base, file) : path.relative(ctx.cwd, file) || f.file;
    const where = `${shown}:${f.line}:${f.column}`;
    return {
      ruleName: f.ruleId,
      description: f.message,
      violatingResources: [resource],
      ...(f.fix ? { fix: f.fix } : {}),
      severity: f.severity,
      ruleMetadata: { location: where, ...(f.trace.length ? { trace: f.trace.join(' → ') } : {}), ...(f.stack ? { stack: f.stack } : {}) },
    };
  });
}

function parseTemplate(file: string): Node | undefined {
  try {
    return parseJson(readFileSync(file, 'utf8'), file).root;
  } catch {
    return undefined;
  }
}

/**
 * The path, inside resource `logicalId`, of the deepest value at line:column — in CDK's
 * dot-separated form (`Properties.Policies.0.PolicyDocument`), which CDK matches against the
 * construct's recorded property assignments to show where the value was set.
 */
export function propertyPath(root: Node | undefined, logicalId: string, line: number, column: number): string | undefined {
  const resource = get(get(root, 'Resources'), logicalId);
  if (!resource || !contains(resource, line, column)) return undefined;
  const parts: string[] = [];
  let node: Node = resource;
  for (;;) {
    let next: { key: string; node: Node } | undefined;
    if (node.kind === 'map') {
      const e = node.entries.find((x) => contains(x.value, line, column) || within(x.keyLoc, line, column));
      if (e) next = { key: e.key, node: e.value };
    } else if (node.kind === 'seq') {
      const i = node.items.findIndex((x) => contains(x, line, column));
      if (i >= 0) next = { key: String(i), node: node.items[i]! };
    }
    if (!next) break;
    parts.push(next.key);
    node = next.node;
  }
  return parts.length ? parts.join('.') : undefined;
}

function contains(node: Node, line: number, column: number): boolean {
  return within(node.loc, line, column);
}

/** Start inclusive, end exclusive (as the loaders record positions). */
function within(loc: Node['loc'], line: number, column: number): boolean {
  const afterStart = line > loc.line || (line === loc.line && column >= loc.column);
  const beforeEnd = line < loc.endLine || (line === loc.endLine && column < loc.endColumn);
  return afterStart && beforeEnd;
}
