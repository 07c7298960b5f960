// Step Functions definitions (ASL): the optimized Bedrock integration tasks
// (`arn:aws:states:::bedrock:invokeModel`) with their ModelId and Body, in JSONPath states
// (`Parameters`, `Key.$` = run-time value) and JSONata states (`Arguments`, `{% … %}`).
import type { Loc, MapNode, Node } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import { hasPlaceholder, isIntrinsic, isJsonata } from '../request/located-json.js';

export { substitute } from './substitute.js';

export interface BedrockTask {
  stateName: string;
  /** The ModelId value as written; check `modelDynamic` first. */
  model?: Node;
  /** true when the model is only known at run time (`ModelId.$`, JSONata, unknown or placeholder-only value). */
  modelDynamic: boolean;
  body?: Node;
  bodyDynamic: boolean;
  /** The state's name in the definition. */
  loc: Loc;
  resourceLoc: Loc;
  queryLanguage: 'JSONPath' | 'JSONata';
}

// The Bedrock integration is request-response only (no .sync / .waitForTaskToken variants).
const INVOKE_MODEL = /^arn:(?:\$\{AWS::Partition\}|[^:]*):states:::bedrock:invokeModel$/;

function get(node: Node | undefined, key: string): Node | undefined {
  return node?.kind === 'map' ? node.entries.find((e) => e.key === key)?.value : undefined;
}

function text(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.kind === 'scalar' && typeof node.value === 'string') return node.value;
  // An unresolved `!Sub arn:${AWS::Partition}:states:::bedrock:invokeModel` in a template.
  if (node.kind === 'map' && node.entries.length === 1 && node.entries[0]!.key === 'Fn::Sub') return text(node.entries[0]!.value);
  return undefined;
}

export function isAslDefinition(root: Node): boolean {
  return get(root, 'States')?.kind === 'map' && get(root, 'StartAt')?.kind === 'scalar';
}

/** A value that has no statically known part. */
function isDynamic(node: Node): boolean {
  if (node.kind === 'unknown' || isIntrinsic(node)) return true;
  if (node.kind === 'scalar' && typeof node.value === 'string') {
    const v = node.value;
    if (isJsonata(v)) return true;
    const rest = v.replace(/\$\{(?!!)[^}]+\}/g, '').split(UNKNOWN_MARK).join('');
    return rest.trim() === '' && (hasPlaceholder(v) || v.includes(UNKNOWN_MARK));
  }
  return false;
}

function queryLanguage(node: Node | undefined, inherited: 'JSONPath' | 'JSONata'): 'JSONPath' | 'JSONata' {
  const q = text(get(node, 'QueryLanguage'));
  return q === 'JSONata' || q === 'JSONPath' ? q : inherited;
}

function taskOf(name: string, nameLoc: Loc, state: MapNode, ql: 'JSONPath' | 'JSONata'): BedrockTask | undefined {
  const resource = get(state, 'Resource');
  const arn = text(resource);
  if (!resource || !arn || !INVOKE_MODEL.test(arn)) return undefined;
  const args = get(state, 'Arguments') ?? get(state, 'Parameters');
  const task: BedrockTask = { stateName: name, modelDynamic: false, bodyDynamic: false, loc: nameLoc, resourceLoc: resource.loc, queryLanguage: ql };
  if (args && isDynamic(args)) {
    task.modelDynamic = true;
    task.bodyDynamic = true;
    return task;
  }
  if (get(args, 'ModelId.$')) task.modelDynamic = true;
  const model = get(args, 'ModelId');
  if (model) {
    task.model = model;
    task.modelDynamic = isDynamic(model);
  }
  if (get(args, 'Body.$')) task.bodyDynamic = true;
  const body = get(args, 'Body');
  if (body) {
    task.body = body;
    task.bodyDynamic = isDynamic(body);
  }
  return task;
}

function walk(container: Node | undefined, inherited: 'JSONPath' | 'JSONata', out: BedrockTask[], depth: number): void {
  const states = get(container, 'States');
  if (states?.kind !== 'map' || depth > 64) return;
  for (const { key, keyLoc, value: state } of states.entries) {
    if (state.kind !== 'map') continue;
    const ql = queryLanguage(state, inherited);
    const type = text(get(state, 'Type'));
    if (type === 'Task') {
      const task = taskOf(key, keyLoc, state, ql);
      if (task) out.push(task);
    } else if (type === 'Parallel') {
      const branches = get(state, 'Branches');
      if (branches?.kind === 'seq') for (const b of branches.items) walk(b, queryLanguage(b, ql), out, depth + 1);
    } else if (type === 'Map') {
      const proc = get(state, 'ItemProcessor') ?? get(state, 'Iterator');
      walk(proc, queryLanguage(proc, ql), out, depth + 1);
    }
  }
}

/** Every bedrock:invokeModel task of a definition, nested Parallel branches and Map processors included. */
export function findBedrockTasks(definition: Node): BedrockTask[] {
  const out: BedrockTask[] = [];
  walk(definition, queryLanguage(definition, 'JSONPath'), out, 0);
  return out;
}
