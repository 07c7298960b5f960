// CloudFormation / SAM / CDK-synthesized templates → the deployment model:
// roles with every attached policy, compute, Bedrock resources and the resolved resources that the
// network model and the invocation-site finder consume.
import path from 'node:path';
import type { PolicyDoc } from '../iam/types.js';
import { parsePolicyNode } from '../iam/parse.js';
import { isAwsManagedArn, managedPolicy } from '../iam/managed.js';
import { get, str, asList } from '../load/node.js';
import { evaluateCondition, resolveNode, type ResolveContext } from '../resolve/intrinsics.js';
import type { Loc, MapNode, Node, Str } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import type { VpcAttachment } from '../network/types.js';
import { refTarget } from './refs.js';
import type { ResolvedResource } from './resource.js';
import type { CodeAsset, Compute, Deployment, EnvVar, Role, Stack } from './types.js';
import { samPolicyTemplate } from './sam-policy-templates.js';
import { BudgetError } from '../load/budget.js';

/** Stands for the stack's account when nobody tells us which it is (see siteRequests). */
export const SYMBOLIC_ACCOUNT = '000000000000';

export interface TemplateInput {
  file: string;
  root: MapNode;
  stack: Stack;
  /** Parameter values supplied by config (override defaults). */
  parameters?: Record<string, string>;
  cwd: string;
  /** Absolute path of the CDK asset folder for a resource, from aws:asset:path metadata. */
  assetDir?: string;
  /** Date.now() after which the analysis of this template is abandoned (BudgetError 'time'). */
  deadline?: number;
  /** Reads and parses a local file the template points at (SAM DefinitionUri); undefined if unreadable. */
  readLocal?: (relPath: string, from: Loc) => { file: string; root: Node } | undefined;
}

/** What one template contributes beyond what it pushes into the Deployment. */
export interface TemplateModel {
  resolved: ResolvedResource[];
  /** Raw (unresolved) resources by logical ID. */
  raw: Map<string, { type: string; node: MapNode; props?: Node; loc: Loc }>;
  ctx: ResolveContext;
}

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

export function isSam(root: MapNode): boolean {
  const t = get(root, 'Transform');
  if (!t) return false;
  if (t.kind === 'scalar') return t.value === SAM_TRANSFORM;
  if (t.kind === 'seq') return t.items.some((i) => i.kind === 'scalar' && i.value === SAM_TRANSFORM);
  return false;
}

export function buildTemplate(input: TemplateInput, dep: Deployment): TemplateModel {
  const { file, root, stack } = input;
  const region = stack.region?.value;
  const account = stack.account ?? SYMBOLIC_ACCOUNT;
  const partition = region?.startsWith('cn-') ? 'aws-cn' : region?.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const resourcesNode = get(root, 'Resources');
  const raw = new Map<string, { type: string; node: MapNode; props?: Node; loc: Loc }>();
  if (resourcesNode?.kind === 'map') {
    for (const e of resourcesNode.entries) {
      if (e.value.kind !== 'map') continue;
      const type = str(get(e.value, 'Type'));
      if (!type) continue;
      raw.set(e.key, { type, node: e.value, props: get(e.value, 'Properties'), loc: e.keyLoc });
    }
  }
  const sam = isSam(root);
  const globals = sam ? get(get(root, 'Globals'), 'Function') : undefined;
  const smGlobals = sam ? get(get(root, 'Globals'), 'StateMachine') : undefined;

  // Parameters: config override > Default > unknown.
  const parameters = new Map<string, Node | undefined>();
  const paramsNode = get(root, 'Parameters');
  if (paramsNode?.kind === 'map') {
    for (const e of paramsNode.entries) {
      const override = input.parameters?.[e.key];
      if (override !== undefined) parameters.set(e.key, { kind: 'scalar', value: override, loc: e.keyLoc });
      else parameters.set(e.key, get(e.value, 'Default'));
    }
  }

  const physical = (id: string): string => {
    const r = raw.get(id);
    const nameProp = r && NAME_PROPS[r.type];
    if (nameProp) {
      const n = get(r.props, nameProp);
      if (n && n.kind === 'scalar' && typeof n.value === 'string') return n.value;
    }
    return `{{${id}}}`;
  };
  const arnOf = (id: string, type: string): string | undefined => {
    const reg = region ?? UNKNOWN_MARK;
    switch (type) {
      case 'AWS::IAM::Role':
        return `arn:${partition}:iam::${account}:role/${physical(id)}`;
      case 'AWS::IAM::ManagedPolicy':
        return `arn:${partition}:iam::${account}:policy/${physical(id)}`;
      case 'AWS::Bedrock::ApplicationInferenceProfile':
        return `arn:${partition}:bedrock:${reg}:${account}:application-inference-profile/{{${id}}}`;
      case 'AWS::Lambda::Function':
      case 'AWS::Serverless::Function':
        return `arn:${partition}:lambda:${reg}:${account}:function:${physical(id)}`;
      case 'AWS::Bedrock::Agent':
        return `arn:${partition}:bedrock:${reg}:${account}:agent/{{${id}}}`;
      case 'AWS::Bedrock::KnowledgeBase':
        return `arn:${partition}:bedrock:${reg}:${account}:knowledge-base/{{${id}}}`;
      default:
        return undefined;
    }
  };
  const scalar = (value: string, loc: Loc): Node => ({ kind: 'scalar', value, loc });

  const ctx: ResolveContext = {
    parameters,
    conditions: get(root, 'Conditions'),
    mappings: get(root, 'Mappings'),
    region,
    account,
    partition,
    stackName: stack.name,
    ref(id, loc) {
      const r = raw.get(id);
      if (!r) return undefined;
      if (r.type === 'AWS::Bedrock::ApplicationInferenceProfile' || r.type === 'AWS::IAM::ManagedPolicy') {
        return scalar(arnOf(id, r.type)!, loc);
      }
      if (r.type === 'AWS::IAM::Role' || r.type.endsWith('::Function')) return scalar(physical(id), loc);
      // Network resources (VPC, subnet, SG, endpoint…) resolve to their logical ID: the network model links by it.
      return scalar(id, loc);
    },
    getAtt(id, attr, loc) {
      const r = raw.get(id);
      if (!r) return undefined;
      if (/Arn$/.test(attr)) {
        const arn = arnOf(id, r.type);
        if (arn) return scalar(arn, loc);
        return scalar(`{{${id}.${attr}}}`, loc);
      }
      if (r.type === 'AWS::Bedrock::ApplicationInferenceProfile' && attr === 'InferenceProfileId') return scalar(`{{${id}}}`, loc);
      if (/(^|\.)(Id|GroupId|VpcId|SubnetId|RouteTableId|AllocationId|Name|RoleId|CidrBlock|DefaultSecurityGroup)$/.test(attr)) return scalar(id, loc);
      return { kind: 'unknown', reason: `attribute ${id}.${attr} is known only after deployment`, loc };
    },
  };

  // Resources whose Condition is false are not deployed; unknown ones are marked.
  const conditional = new Map<string, string>();
  for (const [id, r] of [...raw]) {
    const cond = str(get(r.node, 'Condition'));
    if (!cond) continue;
    const v = evaluateCondition(cond, ctx);
    if (v === false) raw.delete(id);
    else if (v === 'unknown') conditional.set(id, `resource ${id} exists only when condition ${cond} holds, which could not be evaluated`);
  }

  const model: TemplateModel = { resolved: [], raw, ctx };
  const resolveProp = (n: Node | undefined): Node | undefined => (n ? resolveNode(n, ctx) : undefined);
  const toStr = (n: Node | undefined, fallbackLoc: Loc): Str | undefined => nodeStr(n, fallbackLoc);

  // 1. Resolve every resource once (network builder and schema checks use it).
  for (const [id, r] of raw) {
    if (input.deadline !== undefined && Date.now() > input.deadline) {
      throw new BudgetError('time', `analysis of the template took longer than its time budget (at resource ${id})`, r.loc);
    }
    let props = r.props;
    if (sam && r.type === 'AWS::Serverless::Function' && globals) props = mergeGlobals(globals, props, r.loc);
    if (sam && r.type === 'AWS::Serverless::StateMachine' && smGlobals) props = mergeGlobals(smGlobals, props, r.loc);
    const resolved = resolveProp(props);
    model.resolved.push({ id, type: r.type, props: resolved, file, loc: r.loc, stack: stack.name, ...(conditional.has(id) ? { conditional: conditional.get(id)! } : {}) });
    dep.resources.push({ id, type: r.type, properties: r.props, metadata: get(r.node, 'Metadata'), file, loc: r.loc, stack: stack.name });
  }
  const resolvedById = new Map(model.resolved.map((r) => [r.id, r]));

  // 2. Roles and the policies attached to them.
  const roles = new Map<string, Role>();
  const rolesByName = new Map<string, Role>();
  const rolesByArn = new Map<string, Role>();
  const managedById = new Map<string, PolicyDoc>();
  const policyDoc = (node: Node | undefined, id: string, name: string, owner: string, kind: PolicyDoc['kind'] = 'identity'): PolicyDoc | undefined => {
    if (!node) return undefined;
    const doc = parsePolicyNode(node, { id: `${file}#${id}`, name, kind, owner });
    dep.policies.push(doc);
    return doc;
  };

  for (const r of model.resolved) {
    if (r.type !== 'AWS::IAM::ManagedPolicy') continue;
    const name = str(get(r.props, 'ManagedPolicyName')) ?? r.id;
    const doc = policyDoc(get(r.props, 'PolicyDocument'), r.id, name, r.id);
    if (doc) managedById.set(r.id, doc);
  }

  const attachManaged = (role: Role, arnNode: Node, rawNode: Node | undefined) => {
    const target = refTarget(rawNode);
    if (target && managedById.has(target.id)) {
      role.policies.push(managedById.get(target.id)!);
      return;
    }
    const s = nodeStr(arnNode, arnNode.loc);
    if (!s) return;
    const doc = s.unknown ? undefined : managedPolicy(s.value);
    if (doc) role.policies.push(doc);
    else
      role.policies.push(
        unknownPolicy(
          `${file}#${role.id}/${s.value}`,
          s.value,
          s.loc,
          s.unknown
            ? `managed policy ARN ${s.unknown}`
            : isAwsManagedArn(s.value)
              ? `${s.value} is not an AWS managed policy bedrock-lint knows (check its path, e.g. service-role/)`
              : `customer managed policy ${s.value} is not in the inputs`,
        ),
      );
  };

  const boundaryOf = (node: Node | undefined, rawNode: Node | undefined, ownerId: string): PolicyDoc | undefined => {
    if (!node) return undefined;
    const target = refTarget(rawNode);
    if (target && managedById.has(target.id)) return { ...managedById.get(target.id)!, kind: 'boundary' };
    const s = nodeStr(node, node.loc);
    if (!s) return undefined;
    const doc = s.unknown ? undefined : managedPolicy(s.value);
    if (doc) return { ...doc, kind: 'boundary' };
    return { ...unknownPolicy(`${file}#${ownerId}/boundary`, `permissions boundary ${s.value}`, s.loc, `permissions boundary ${s.value} is not in the inputs`), kind: 'boundary' };
  };

  const addRole = (role: Role) => {
    roles.set(role.id, role);
    dep.roles.push(role);
    if (role.name) rolesByName.set(role.name, role);
    if (role.arn) rolesByArn.set(role.arn, role);
  };

  for (const r of model.resolved) {
    if (r.type !== 'AWS::IAM::Role') continue;
    const rawProps = raw.get(r.id)!.props;
    const role: Role = { id: r.id, type: r.type, file, loc: r.loc, stack: stack.name, policies: [], name: physical(r.id), arn: arnOf(r.id, r.type) };
    asList(get(r.props, 'Policies')).forEach((p, i) => {
      const pname = str(get(p, 'PolicyName')) ?? `${r.id}/Policies/${i}`;
      const doc = policyDoc(get(p, 'PolicyDocument'), `${r.id}/Policies/${i}`, pname, r.id);
      if (doc) role.policies.push(doc);
    });
    const rawManaged = asList(get(rawProps, 'ManagedPolicyArns'));
    asList(get(r.props, 'ManagedPolicyArns')).forEach((m, i) => attachManaged(role, m, rawManaged[i]));
    role.boundary = boundaryOf(get(r.props, 'PermissionsBoundary'), get(rawProps, 'PermissionsBoundary'), r.id);
    if (role.boundary && !role.boundary.managedArn) dep.policies.push(role.boundary);
    const trust = get(r.props, 'AssumeRolePolicyDocument');
    if (trust) role.trust = parsePolicyNode(trust, { id: `${file}#${r.id}/trust`, name: `${r.id} trust policy`, kind: 'trust', owner: r.id });
    addRole(role);
  }

  const findRole = (rawNode: Node | undefined, resolvedNode: Node | undefined): { role?: Role; ref?: Str } => {
    const t = refTarget(rawNode);
    if (t && roles.has(t.id)) return { role: roles.get(t.id) };
    const s = nodeStr(resolvedNode, resolvedNode?.loc ?? { file, line: 1, column: 1, endLine: 1, endColumn: 1 });
    if (!s) return {};
    if (rolesByArn.has(s.value)) return { role: rolesByArn.get(s.value) };
    const m = /:role\/(?:.*\/)?([^/]+)$/.exec(s.value);
    if (m && rolesByName.has(m[1]!)) return { role: rolesByName.get(m[1]!) };
    if (rolesByName.has(s.value)) return { role: rolesByName.get(s.value) };
    return { ref: s };
  };

  // AWS::IAM::Policy / ManagedPolicy / RolePolicy attached by Roles.
  for (const r of model.resolved) {
    if (r.type !== 'AWS::IAM::Policy' && r.type !== 'AWS::IAM::ManagedPolicy' && r.type !== 'AWS::IAM::RolePolicy') continue;
    const rawProps = raw.get(r.id)!.props;
    let doc = r.type === 'AWS::IAM::ManagedPolicy' ? managedById.get(r.id) : policyDoc(get(r.props, 'PolicyDocument'), r.id, str(get(r.props, 'PolicyName')) ?? r.id, r.id);
    if (!doc) continue;
    // A policy that may not exist can neither be relied on nor ruled out.
    if (r.conditional) doc = { ...doc, unknown: r.conditional };
    const rawRoles = r.type === 'AWS::IAM::RolePolicy' ? [get(rawProps, 'RoleName')] : asList(get(rawProps, 'Roles'));
    const resRoles = r.type === 'AWS::IAM::RolePolicy' ? [get(r.props, 'RoleName')] : asList(get(r.props, 'Roles'));
    resRoles.forEach((rn, i) => {
      const { role } = findRole(rawRoles[i], rn);
      if (role && !role.policies.includes(doc)) role.policies.push(doc);
    });
  }

  // 3. Compute.
  const computeOf = (
    r: ResolvedResource,
    kind: Compute['kind'],
    roleRaw: Node | undefined,
    roleResolved: Node | undefined,
    env: EnvVar[],
    vpc: VpcAttachment | undefined,
    code: CodeAsset[],
  ): Compute => {
    const { role, ref } = findRole(roleRaw, roleResolved);
    const c: Compute = { id: r.id, type: r.type, kind, file, loc: r.loc, stack: stack.name, env, code, ...(role ? { roleId: role.id } : {}), ...(ref ? { roleRef: ref } : {}), ...(vpc ? { vpc } : {}) };
    dep.compute.push(c);
    return c;
  };

  for (const r of model.resolved) {
    const rawProps = raw.get(r.id)!.props;
    const p = r.props;
    switch (r.type) {
      case 'AWS::Lambda::Function': {
        const code: CodeAsset[] = [];
        const zip = get(get(p, 'Code'), 'ZipFile');
        const zs = nodeStr(zip, r.loc);
        if (zs && !zs.unknown) code.push({ inline: zs, loc: zs.loc });
        const assetPath = str(get(get(raw.get(r.id)!.node, 'Metadata'), 'aws:asset:path'));
        if (assetPath && input.assetDir) code.push({ path: path.join(input.assetDir, assetPath), loc: r.loc });
        computeOf(r, 'lambda', get(rawProps, 'Role'), get(p, 'Role'), envVars(get(get(p, 'Environment'), 'Variables')), vpcOf(get(p, 'VpcConfig'), 'SubnetIds', 'SecurityGroupIds', false), code);
        break;
      }
      case 'AWS::Serverless::Function': {
        const code: CodeAsset[] = [];
        const inline = nodeStr(get(p, 'InlineCode'), r.loc);
        if (inline && !inline.unknown) code.push({ inline, loc: inline.loc });
        const codeUri = get(p, 'CodeUri');
        const cu = codeUri?.kind === 'scalar' && typeof codeUri.value === 'string' ? codeUri.value : undefined;
        if (cu && !/^s3:\/\//.test(cu)) code.push({ path: path.join(path.dirname(path.resolve(input.cwd, file)), cu), loc: codeUri!.loc });
        let roleRaw = get(rawProps, 'Role');
        let roleRes = get(p, 'Role');
        if (!roleRes) {
          // SAM creates <FunctionId>Role with AWSLambdaBasicExecutionRole (+ VPC access) and the Policies.
          const role = samImplicitRole(r, p, 'AWSLambdaBasicExecutionRole');
          roleRaw = { kind: 'map', entries: [{ key: 'Ref', keyLoc: r.loc, value: { kind: 'scalar', value: role.id, loc: r.loc } }], loc: r.loc };
          roleRes = undefined;
        }
        computeOf(r, 'lambda', roleRaw, roleRes, envVars(get(get(p, 'Environment'), 'Variables')), vpcOf(get(p, 'VpcConfig'), 'SubnetIds', 'SecurityGroupIds', false), code);
        break;
      }
      case 'AWS::ECS::TaskDefinition': {
        const env: EnvVar[] = [];
        for (const cd of asList(get(p, 'ContainerDefinitions'))) {
          for (const e of asList(get(cd, 'Environment'))) {
            const name = str(get(e, 'Name'));
            const value = get(e, 'Value');
            const nameNode = get(e, 'Name');
            if (name && value) {
              const v = nodeStr(value, value.loc);
              if (v) env.push({ name, value: v, nameLoc: nameNode!.loc });
            }
          }
        }
        const vpc = ecsAttachment(r.id);
        computeOf(r, 'ecs', get(rawProps, 'TaskRoleArn'), get(p, 'TaskRoleArn'), env, vpc, []);
        break;
      }
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::Serverless::StateMachine': {
        let roleRaw = get(rawProps, 'RoleArn') ?? get(rawProps, 'Role');
        let roleRes = get(p, 'RoleArn') ?? get(p, 'Role');
        if (r.type === 'AWS::Serverless::StateMachine' && !roleRes) {
          const role = samImplicitRole(r, p);
          roleRaw = { kind: 'map', entries: [{ key: 'Ref', keyLoc: r.loc, value: { kind: 'scalar', value: role.id, loc: r.loc } }], loc: r.loc };
          roleRes = undefined;
        }
        const { role, ref } = findRole(roleRaw, roleRes);
        const subs = new Map<string, Node | undefined>();
        const subsNode = get(p, 'DefinitionSubstitutions');
        if (subsNode?.kind === 'map') for (const e of subsNode.entries) subs.set(e.key, e.value);
        let definition: Node | undefined = get(p, 'Definition');
        let definitionFile = file;
        const defString = get(p, 'DefinitionString');
        if (!definition && defString) {
          const s = nodeStr(defString, defString.loc);
          if (s && !s.unknown) definition = parseEmbeddedJson(s);
        }
        const defUri = get(p, 'DefinitionUri');
        if (!definition && defUri?.kind === 'scalar' && typeof defUri.value === 'string' && !/^s3:\/\//.test(defUri.value) && input.readLocal) {
          const loaded = input.readLocal(defUri.value, defUri.loc);
          if (loaded) {
            definition = loaded.root;
            definitionFile = loaded.file;
          }
        }
        dep.stateMachines.push({ id: r.id, definition, definitionFile, loc: r.loc, file, stack: stack.name, substitutions: subs, ...(role ? { roleId: role.id } : {}), ...(ref ? { roleRef: ref } : {}) });
        computeOf(r, 'stepfunctions', roleRaw, roleRes, [], undefined, []);
        break;
      }
      case 'AWS::Bedrock::Agent': {
        const { role, ref } = findRole(get(rawProps, 'AgentResourceRoleArn'), get(p, 'AgentResourceRoleArn'));
        const fm = get(p, 'FoundationModel');
        dep.bedrockResources.push({ id: r.id, type: r.type, models: fm ? [fm] : [], loc: r.loc, file, stack: stack.name, ...(role ? { roleId: role.id } : {}), ...(ref ? { roleRef: ref } : {}) });
        computeOf(r, 'agent', get(rawProps, 'AgentResourceRoleArn'), get(p, 'AgentResourceRoleArn'), [], undefined, []);
        break;
      }
      case 'AWS::Bedrock::KnowledgeBase': {
        const { role, ref } = findRole(get(rawProps, 'RoleArn'), get(p, 'RoleArn'));
        const em = get(get(get(p, 'KnowledgeBaseConfiguration'), 'VectorKnowledgeBaseConfiguration'), 'EmbeddingModelArn');
        dep.bedrockResources.push({ id: r.id, type: r.type, models: em ? [em] : [], loc: r.loc, file, stack: stack.name, ...(role ? { roleId: role.id } : {}), ...(ref ? { roleRef: ref } : {}) });
        computeOf(r, 'knowledge-base', get(rawProps, 'RoleArn'), get(p, 'RoleArn'), [], undefined, []);
        break;
      }
      case 'AWS::Bedrock::Flow': {
        const { role, ref } = findRole(get(rawProps, 'ExecutionRoleArn'), get(p, 'ExecutionRoleArn'));
        const models: Node[] = [];
        for (const n of asList(get(get(p, 'Definition'), 'Nodes'))) {
          const conf = get(n, 'Configuration');
          const m1 = get(get(get(get(conf, 'Prompt'), 'SourceConfiguration'), 'Inline'), 'ModelId');
          const m2 = get(get(conf, 'KnowledgeBase'), 'ModelId');
          for (const m of [m1, m2]) if (m) models.push(m);
        }
        dep.bedrockResources.push({ id: r.id, type: r.type, models, loc: r.loc, file, stack: stack.name, ...(role ? { roleId: role.id } : {}), ...(ref ? { roleRef: ref } : {}) });
        computeOf(r, 'flow', get(rawProps, 'ExecutionRoleArn'), get(p, 'ExecutionRoleArn'), [], undefined, []);
        break;
      }
      case 'AWS::Bedrock::ApplicationInferenceProfile': {
        const src = get(get(p, 'ModelSource'), 'CopyFrom');
        const s = nodeStr(src, r.loc);
        const arn = arnOf(r.id, r.type)!;
        if (s) dep.appProfiles.set(arn, [s]);
        break;
      }
      default:
        break;
    }
  }
  return model;

  // ---- helpers that need the template's scope
  function samImplicitRole(r: ResolvedResource, p: Node | undefined, basic?: string): Role {
    const id = `${r.id}Role`;
    const existing = roles.get(id);
    if (existing) return existing;
    const role: Role = { id, type: 'AWS::IAM::Role', file, loc: get(p, 'Policies')?.loc ?? r.loc, stack: stack.name, policies: [], implicit: true, arn: `arn:${partition}:iam::${account}:role/{{${id}}}` };
    if (basic) {
      const doc = managedPolicy(basic);
      if (doc) role.policies.push(doc);
      if (get(p, 'VpcConfig')) {
        const vpcDoc = managedPolicy('AWSLambdaVPCAccessExecutionRole');
        if (vpcDoc) role.policies.push(vpcDoc);
      }
    }
    const policies = get(p, 'Policies');
    const list = policies?.kind === 'scalar' ? [policies] : asList(policies);
    list.forEach((item, i) => {
      const pid = `${r.id}/Policies/${i}`;
      if (item.kind === 'scalar') {
        const s = nodeStr(item, item.loc);
        if (!s) return; // an empty list item (`- `)
        const doc = s.unknown ? undefined : managedPolicy(s.value);
        role.policies.push(doc ?? unknownPolicy(`${file}#${pid}`, s.value, s.loc, `managed policy ${s.value} is not in the inputs`));
      } else if (item.kind === 'map' && get(item, 'Statement')) {
        const doc = policyDoc(item, pid, `${r.id} Policies[${i}]`, r.id);
        if (doc) role.policies.push(doc);
      } else if (item.kind === 'map' && item.entries.length === 1) {
        const tplName = item.entries[0]!.key;
        const doc = samPolicyTemplate(tplName, item.entries[0]!.value, { id: `${file}#${pid}`, owner: r.id, loc: item.loc });
        role.policies.push(doc ?? unknownPolicy(`${file}#${pid}`, `SAM policy template ${tplName}`, item.loc, `SAM policy template ${tplName} is not known to bedrock-lint`));
      } else if (item.kind === 'unknown') {
        role.policies.push(unknownPolicy(`${file}#${pid}`, `${r.id} Policies[${i}]`, item.loc, item.reason));
      }
    });
    const pb = get(p, 'PermissionsBoundary');
    if (pb) role.boundary = boundaryOf(pb, pb, id);
    addRole(role);
    return role;
  }

  function ecsAttachment(taskDefId: string): VpcAttachment | undefined {
    for (const r of model.resolved) {
      if (r.type !== 'AWS::ECS::Service') continue;
      const t = refTarget(get(raw.get(r.id)!.props, 'TaskDefinition'));
      if (!t || t.id !== taskDefId) continue;
      const aws = get(get(r.props, 'NetworkConfiguration'), 'AwsvpcConfiguration');
      if (!aws) return undefined;
      const att = vpcOf(aws, 'Subnets', 'SecurityGroups', str(get(aws, 'AssignPublicIp')) === 'ENABLED');
      return att;
    }
    return undefined;
  }

  function vpcOf(node: Node | undefined, subnetsKey: string, sgKey: string, publicIp: boolean): VpcAttachment | undefined {
    if (!node || node.kind === 'unknown') return node ? { subnets: [{ value: UNKNOWN_MARK, loc: node.loc, unknown: node.reason }], securityGroups: [], assignPublicIp: publicIp, loc: node.loc } : undefined;
    const subnetsNode = get(node, subnetsKey);
    const sgNode = get(node, sgKey);
    const listOf = (n: Node | undefined) =>
      n?.kind === 'unknown' ? [{ value: UNKNOWN_MARK, loc: n.loc, unknown: n.reason }] : asList(n).map((x) => toStr(x, x.loc)).filter((x): x is Str => !!x);
    const subnets = listOf(subnetsNode);
    if (subnets.length === 0 && !subnetsNode) return undefined;
    return { subnets, securityGroups: listOf(sgNode), assignPublicIp: publicIp, loc: node.loc };
  }

  function envVars(vars: Node | undefined): EnvVar[] {
    const out: EnvVar[] = [];
    if (vars?.kind !== 'map') return out;
    for (const e of vars.entries) {
      const v = nodeStr(e.value, e.value.loc);
      if (v) out.push({ name: e.key, value: v, nameLoc: e.keyLoc });
    }
    return out;
  }
  void resolvedById;
}

const NAME_PROPS: Record<string, string> = {
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Serverless::Function': 'FunctionName',
};

/** A resolved node as a located string; unknown nodes become UNKNOWN_MARK with the reason. */
export function nodeStr(n: Node | undefined, fallback: Loc): Str | undefined {
  if (!n) return undefined;
  if (n.kind === 'unknown') return { value: UNKNOWN_MARK, loc: n.loc ?? fallback, unknown: n.reason };
  if (n.kind === 'scalar') {
    if (n.value === null) return undefined;
    const value = String(n.value);
    return value.includes(UNKNOWN_MARK) ? { value, loc: n.loc, unknown: 'part of the value is unknown' } : { value, loc: n.loc };
  }
  return undefined;
}

export function unknownPolicy(id: string, name: string, loc: Loc, why: string): PolicyDoc {
  return { id, name, kind: 'identity', loc, statements: [], unknown: why };
}

/** SAM Globals: maps merge (the resource wins), everything else is replaced by the resource's value. */
function mergeGlobals(globals: Node, props: Node | undefined, loc: Loc): Node {
  if (!props) return globals;
  if (globals.kind !== 'map' || props.kind !== 'map') return props;
  const entries = [...props.entries];
  for (const g of globals.entries) {
    const i = entries.findIndex((e) => e.key === g.key);
    if (i < 0) entries.push(g);
    else if (g.value.kind === 'map' && entries[i]!.value.kind === 'map') entries[i] = { ...entries[i]!, value: mergeGlobals(g.value, entries[i]!.value, loc) };
  }
  return { kind: 'map', entries, loc: props.loc };
}

/** A DefinitionString built with Fn::Sub/Join: parse it as JSON; every node gets the string's location. */
function parseEmbeddedJson(s: Str): Node | undefined {
  let value: unknown;
  try {
    value = JSON.parse(s.value.split(UNKNOWN_MARK).join('__unknown__'));
  } catch {
    return undefined;
  }
  return fromPlainMarked(value, s.loc);
}

function fromPlainMarked(v: unknown, loc: Loc): Node {
  if (Array.isArray(v)) return { kind: 'seq', items: v.map((x) => fromPlainMarked(x, loc)), loc };
  if (v && typeof v === 'object') return { kind: 'map', entries: Object.keys(v).map((k) => ({ key: k, keyLoc: loc, value: fromPlainMarked((v as Record<string, unknown>)[k], loc) })), loc };
  if (typeof v === 'string') return { kind: 'scalar', value: v.split('__unknown__').join(UNKNOWN_MARK), loc };
  return { kind: 'scalar', value: v as number | boolean | null, loc };
}
