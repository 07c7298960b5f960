// Terraform compute and Bedrock resources → Compute, StateMachine, BedrockResource and application
// inference profiles: aws_lambda_function, aws_ecs_task_definition (+ aws_ecs_service networking),
// aws_sfn_state_machine, aws_bedrockagent_agent, aws_bedrockagent_knowledge_base,
// aws_bedrock_inference_profile.
import path from 'node:path';
import { get, str } from '../load/node.js';
import type { VpcAttachment } from '../network/types.js';
import type { CodeAsset, Compute, EnvVar } from '../model/types.js';
import type { Node, Str } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import { SYMBOLIC_ACCOUNT } from '../model/template.js';
import type { PlanResource } from './collect.js';
import { block, partitionOf, propsOf, scalar, toStr, toStrList, type PlanContext } from './context.js';
import { parseEmbeddedJson } from './embedded-json.js';
import type { IamModel } from './iam.js';

const MODEL_VAR = /MODEL|PROFILE|INFERENCE/i;

export function buildCompute(ctx: PlanContext, iam: IamModel): void {
  const { file, dep, refs } = ctx;
  const ofType = (type: string) => ctx.resources.filter((r) => r.type === type && r.mode === 'managed');

  // Application inference profiles first: functions and agents name them by ARN.
  const profileArn = new Map<string, string>();
  for (const r of ofType('aws_bedrock_inference_profile')) {
    const p = propsOf(ctx, r);
    const region = ctx.regionOf(r);
    const arn = str(get(p, 'arn')) ?? `arn:${partitionOf(region)}:bedrock:${region ?? UNKNOWN_MARK}:${ctx.account ?? SYMBOLIC_ACCOUNT}:application-inference-profile/{{${r.address}}}`;
    profileArn.set(r.address, arn);
    const source = toStr(get(block(p, 'model_source'), 'copy_from'));
    if (source) dep.appProfiles.set(arn, [source]);
  }

  /** A model attribute known only after apply that refers to a plan inference profile → the profile's ARN. */
  const modelNode = (res: PlanResource, at: (string | number)[], node: Node | undefined): Node | undefined => {
    if (node?.kind !== 'unknown') return node;
    const t = refs.referencedOne(res, at, ['aws_bedrock_inference_profile'], ['arn', 'id']);
    const arn = t && profileArn.get(t.address);
    return arn ? scalar(arn, node.loc) : node;
  };

  const computeOf = (r: PlanResource, kind: Compute['kind'], rolePath: string[], env: EnvVar[], vpc: VpcAttachment | undefined, code: CodeAsset[]): Compute => {
    const { role, ref } = iam.findRole(r, rolePath);
    const c: Compute = { id: r.address, type: r.type, kind, file, loc: r.loc, stack: ctx.stackOf(r), env, code, ...(role ? { roleId: role.id } : {}), ...(ref ? { roleRef: ref } : {}), ...(vpc ? { vpc } : {}) };
    dep.compute.push(c);
    return c;
  };

  for (const r of ofType('aws_lambda_function')) {
    const p = propsOf(ctx, r);
    const vars = get(block(p, 'environment'), 'variables');
    const env = envFromMap(vars);
    // `MODEL_ID = aws_bedrock_inference_profile.x.arn`: the map is one expression, so tie the profile to
    // the single model-like variable whose value is unknown.
    const unknownModelVars = env.filter((e) => e.value.unknown && e.value.value === UNKNOWN_MARK && MODEL_VAR.test(e.name));
    if (unknownModelVars.length === 1) {
      const e = unknownModelVars[0]!;
      const node = modelNode(r, ['environment', 0, 'variables', e.name], { kind: 'unknown', reason: e.value.unknown!, loc: e.value.loc });
      if (node?.kind === 'scalar') e.value = { value: String(node.value), loc: e.value.loc };
    }
    const vpc = attachment(block(p, 'vpc_config'), 'subnet_ids', 'security_group_ids', false);
    computeOf(r, 'lambda', ['role'], env, vpc, lambdaCode(ctx, r));
  }

  for (const r of ofType('aws_ecs_task_definition')) {
    const p = propsOf(ctx, r);
    const env: EnvVar[] = [];
    const defs = get(p, 'container_definitions');
    const tree = defs?.kind === 'scalar' ? parseEmbeddedJson(defs) : undefined;
    if (tree?.kind === 'seq') {
      for (const container of tree.items) {
        const list = get(container, 'environment');
        if (list?.kind !== 'seq') continue;
        for (const e of list.items) {
          const nameNode = get(e, 'name');
          const name = str(nameNode);
          const value = toStr(get(e, 'value'));
          if (name && nameNode && value) env.push({ name, value, nameLoc: nameNode.loc });
        }
      }
    }
    computeOf(r, 'ecs', ['task_role_arn'], env, ecsAttachment(ctx, r), []);
  }

  for (const r of ofType('aws_sfn_state_machine')) {
    const p = propsOf(ctx, r);
    const def = get(p, 'definition');
    const definition = def?.kind === 'scalar' ? parseEmbeddedJson(def) : undefined;
    const { role, ref } = iam.findRole(r, ['role_arn']);
    dep.stateMachines.push({
      id: r.address,
      ...(definition ? { definition } : {}),
      definitionFile: file,
      loc: r.loc,
      file,
      stack: ctx.stackOf(r),
      substitutions: new Map(),
      ...(role ? { roleId: role.id } : {}),
      ...(ref ? { roleRef: ref } : {}),
    });
    computeOf(r, 'stepfunctions', ['role_arn'], [], undefined, []);
  }

  const bedrock = (r: PlanResource, kind: 'agent' | 'knowledge-base', rolePath: string[], models: Node[]) => {
    const { role, ref } = iam.findRole(r, rolePath);
    dep.bedrockResources.push({ id: r.address, type: r.type, models, loc: r.loc, file, stack: ctx.stackOf(r), ...(role ? { roleId: role.id } : {}), ...(ref ? { roleRef: ref } : {}) });
    computeOf(r, kind, rolePath, [], undefined, []);
  };
  for (const r of ofType('aws_bedrockagent_agent')) {
    const fm = modelNode(r, ['foundation_model'], get(propsOf(ctx, r), 'foundation_model'));
    bedrock(r, 'agent', ['agent_resource_role_arn'], fm ? [fm] : []);
  }
  for (const r of ofType('aws_bedrockagent_knowledge_base')) {
    const at = ['knowledge_base_configuration', 0, 'vector_knowledge_base_configuration', 0, 'embedding_model_arn'];
    const vector = block(block(propsOf(ctx, r), 'knowledge_base_configuration'), 'vector_knowledge_base_configuration');
    const em = modelNode(r, at, get(vector, 'embedding_model_arn'));
    bedrock(r, 'knowledge-base', ['role_arn'], em ? [em] : []);
  }
}

function envFromMap(vars: Node | undefined): EnvVar[] {
  const out: EnvVar[] = [];
  if (vars?.kind !== 'map') return out;
  for (const e of vars.entries) {
    const v = toStr(e.value);
    if (v) out.push({ name: e.key, value: v, nameLoc: e.keyLoc });
  }
  return out;
}

/** Subnets and security groups of a vpc_config / network_configuration block; undefined when not attached. */
function attachment(node: Node | undefined, subnetsKey: string, sgKey: string, publicIp: boolean | 'unknown'): VpcAttachment | undefined {
  if (!node || (node.kind === 'scalar' && node.value === null)) return undefined;
  if (node.kind === 'unknown') {
    return { subnets: [{ value: UNKNOWN_MARK, loc: node.loc, unknown: node.reason }], securityGroups: [], assignPublicIp: publicIp, loc: node.loc };
  }
  const subnets = get(node, subnetsKey);
  // Terraform writes an empty vpc_config to detach a function from its VPC.
  if (!subnets || (subnets.kind === 'seq' && subnets.items.length === 0)) return undefined;
  return { subnets: toStrList(subnets), securityGroups: toStrList(get(node, sgKey)), assignPublicIp: publicIp, loc: node.loc };
}

/** The awsvpc networking of the first aws_ecs_service that runs this task definition. */
function ecsAttachment(ctx: PlanContext, taskDef: PlanResource): VpcAttachment | undefined {
  const td = propsOf(ctx, taskDef);
  const names = new Set([str(get(td, 'arn')), str(get(td, 'family')), str(get(td, 'arn_without_revision'))].filter((s): s is string => !!s));
  const revision = str(get(td, 'revision'));
  const family = str(get(td, 'family'));
  if (family && revision) names.add(`${family}:${revision}`);
  for (const svc of ctx.resources) {
    if (svc.type !== 'aws_ecs_service' || svc.mode !== 'managed') continue;
    const p = propsOf(ctx, svc);
    const byRef = ctx.refs.referenced(svc, ['task_definition'], ['aws_ecs_task_definition']).some((t) => t.address === taskDef.address);
    const value = str(get(p, 'task_definition'));
    if (!byRef && !(value && names.has(value))) continue;
    const net = block(p, 'network_configuration');
    if (!net) return undefined;
    const pub = get(net, 'assign_public_ip');
    const publicIp: boolean | 'unknown' = pub?.kind === 'unknown' ? 'unknown' : pub?.kind === 'scalar' && (pub.value === true || pub.value === 'true' || pub.value === 'ENABLED');
    return attachment(net, 'subnets', 'security_groups', publicIp);
  }
  return undefined;
}

/**
 * Code to scan: the folder or file a data "archive_file" zips for the function (its source_dir /
 * source_file, relative to the Terraform root, taken to be the plan file's folder).
 */
function lambdaCode(ctx: PlanContext, r: PlanResource): CodeAsset[] {
  const out: CodeAsset[] = [];
  const archives = [...ctx.refs.referenced(r, ['filename']), ...ctx.refs.referenced(r, ['source_code_hash'])].filter((a) => a.type === 'archive_file');
  const seen = new Set<string>();
  const root = path.dirname(path.resolve(ctx.cwd, ctx.file));
  for (const a of archives) {
    if (seen.has(a.address)) continue;
    seen.add(a.address);
    for (const key of ['source_dir', 'source_file']) {
      const n = get(a.values, key);
      const s: Str | undefined = toStr(n);
      // Absolute paths name the machine that planned, not this checkout.
      if (!s || s.unknown || !s.value || path.isAbsolute(s.value)) continue;
      out.push({ path: path.resolve(root, s.value), loc: s.loc });
    }
  }
  return out;
}
