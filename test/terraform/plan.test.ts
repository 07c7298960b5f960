import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { get, getPath } from '../../src/load/node.js';
import { parseJson } from '../../src/load/json.js';
import { deploymentSites } from '../../src/model/sites.js';
import type { Deployment, RegionValue } from '../../src/model/types.js';
import { overlayUnknown } from '../../src/terraform/collect.js';
import { parseEmbeddedJson } from '../../src/terraform/embedded-json.js';
import { isTerraformPlan, parseTerraformPlan } from '../../src/terraform/plan.js';
import { RULES } from '../../rules/index.js';
import type { Loc, MapNode, Node, ScalarNode } from '../../src/types.js';
import { UNKNOWN_MARK } from '../../src/types.js';

const catalog = loadCatalog();
const CASES = '/work/shared/conformance/cases';

function emptyDeployment(): Deployment {
  return { stacks: [], roles: [], policies: [], scps: [], compute: [], stateMachines: [], bedrockResources: [], appProfiles: new Map(), sites: [], resources: [], network: { endpoints: [] }, unresolved: [] };
}

interface Loaded {
  text: string;
  file: string;
  dep: Deployment;
  resolved: ReturnType<typeof parseTerraformPlan>['resolved'];
}

function load(abs: string, file: string, region?: RegionValue, dep = emptyDeployment()): Loaded {
  const text = readFileSync(abs, 'utf8');
  const root = parseJson(text, file).root as MapNode;
  const { resolved } = parseTerraformPlan(root, { file, cwd: process.cwd(), catalog, ...(region ? { region } : {}) }, dep);
  return { text, file, dep, resolved };
}

const fixture = (name: string, region?: RegionValue) => load(`fixtures/terraform/${name}.plan.json`, `fixtures/terraform/${name}.plan.json`, region);
const conformance = (id: string) => load(path.join(CASES, id, 'plan.json'), 'plan.json');

/** The source text a location spans (one line). */
function textAt(text: string, loc: Loc): string {
  expect(loc.endLine).toBe(loc.line);
  return text.split('\n')[loc.line - 1]!.slice(loc.column - 1, loc.endColumn - 1);
}

const role = (dep: Deployment, id: string) => {
  const r = dep.roles.find((x) => x.id === id);
  if (!r) throw new Error(`no role ${id}`);
  return r;
};
const compute = (dep: Deployment, id: string) => {
  const c = dep.compute.find((x) => x.id === id);
  if (!c) throw new Error(`no compute ${id}`);
  return c;
};
const env = (dep: Deployment, id: string) => Object.fromEntries(compute(dep, id).env.map((e) => [e.name, e.value.value]));
const policySummary = (dep: Deployment, id: string) => role(dep, id).policies.map((p) => [p.name, p.statements.length]);
const props = (l: Loaded, id: string) => l.resolved.find((r) => r.id === id)!.props;

function plain(n: Node | undefined): unknown {
  if (!n) return undefined;
  if (n.kind === 'map') return Object.fromEntries(n.entries.map((e) => [e.key, plain(e.value)]));
  if (n.kind === 'seq') return n.items.map(plain);
  if (n.kind === 'unknown') return '<unknown>';
  return n.value;
}

describe('isTerraformPlan', () => {
  const root = (text: string) => parseJson(text, 'x.json').root as MapNode;
  test('recognises format_version with planned_values or resource_changes', () => {
    expect(isTerraformPlan(root('{"format_version":"1.2","planned_values":{}}'))).toBe(true);
    expect(isTerraformPlan(root('{"format_version":"1.2","resource_changes":[]}'))).toBe(true);
  });
  test('rejects other JSON', () => {
    expect(isTerraformPlan(root('{"format_version":"1.2"}'))).toBe(false);
    expect(isTerraformPlan(root('{"planned_values":{}}'))).toBe(false);
    expect(isTerraformPlan(root('{"Resources":{"R":{"Type":"AWS::IAM::Role"}}}'))).toBe(false);
  });
});

describe('conformance plans', () => {
  test('013: role policies, located statements, function env and region', () => {
    const l = conformance('013-tf-profile-id-in-foundation-model-arn');
    const { dep } = l;
    expect(dep.stacks).toEqual([
      { name: 'terraform', file: 'plan.json', format: 'terraform', region: { value: 'us-east-1', source: 'Terraform provider aws', loc: { file: 'plan.json', line: 347, column: 31, endLine: 347, endColumn: 42 } } },
    ]);
    expect(dep.roles.map((r) => r.id)).toEqual(['aws_iam_role.assistant']);
    const r = role(dep, 'aws_iam_role.assistant');
    expect(r.name).toBe('assistant-api-role');
    expect(r.stack).toBe('terraform');
    expect(policySummary(dep, 'aws_iam_role.assistant')).toEqual([
      ['bedrock-model-access', 2],
      ['cloudwatch-logs', 1],
    ]);
    expect(r.policies.map((p) => p.owner)).toEqual(['aws_iam_role_policy.assistant_bedrock', 'aws_iam_role_policy.assistant_logs']);
    expect(r.trust?.kind).toBe('trust');
    expect(r.trust?.statements).toHaveLength(1);
    // Statements inside the policy JSON string are located at their exact text in plan.json.
    const st = r.policies[0]!.statements[0]!;
    expect(st.sid).toBe('ModelAccess');
    expect(st.resource![0]!.value).toBe('arn:aws:bedrock:us-east-1::foundation-model/us.amazon.nova-lite-v1:0');
    expect(st.resource![0]!.loc).toMatchObject({ line: 39, column: 205, endColumn: 277 });
    expect(textAt(l.text, st.resource![0]!.loc)).toBe('\\"arn:aws:bedrock:us-east-1::foundation-model/us.amazon.nova-lite-v1:0\\"');
    expect(textAt(l.text, st.action![1]!.loc)).toBe('\\"bedrock:InvokeModelWithResponseStream\\"');
    // The function's role is known only after apply; the configuration reference links it.
    const fn = compute(dep, 'aws_lambda_function.assistant');
    expect(get(props(l, 'aws_lambda_function.assistant'), 'role')?.kind).toBe('unknown');
    expect(fn.roleId).toBe('aws_iam_role.assistant');
    expect(fn.kind).toBe('lambda');
    expect(env(dep, 'aws_lambda_function.assistant')).toEqual({ MODEL_ID: 'us.amazon.nova-lite-v1:0', LOG_LEVEL: 'INFO' });
    expect(fn.env[0]!.nameLoc).toMatchObject({ line: 75, column: 19 });
  });

  test('048: a deliberate cross-region call keeps the provider region and BEDROCK_REGION', () => {
    const { dep } = conformance('048-clean-tf-deliberate-cross-region-call');
    expect(dep.stacks.map((s) => [s.name, s.region?.value])).toEqual([['terraform', 'us-east-1']]);
    expect(policySummary(dep, 'aws_iam_role.thumbnailer')).toEqual([['thumbnailer', 3]]);
    expect(role(dep, 'aws_iam_role.thumbnailer').policies[0]!.statements.map((s) => s.sid)).toEqual(['Sd35InOregon', 'MarketplaceFirstUse', 'Logs']);
    expect(compute(dep, 'aws_lambda_function.thumbnailer').roleId).toBe('aws_iam_role.thumbnailer');
    expect(env(dep, 'aws_lambda_function.thumbnailer')).toEqual({ BEDROCK_REGION: 'us-west-2', MODEL_ID: 'stability.sd3-5-large-v1:0' });
  });

  test('059: AWS managed policies attached by aws_iam_role_policy_attachment', () => {
    const { dep } = conformance('059-clean-tf-full-access-managed-policy');
    expect(dep.stacks.map((s) => [s.name, s.region?.value])).toEqual([['terraform', 'us-west-2']]);
    const r = role(dep, 'aws_iam_role.analyzer');
    expect(r.policies.map((p) => p.managedArn)).toEqual(['arn:aws:iam::aws:policy/AmazonBedrockFullAccess', 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']);
    expect(r.policies.every((p) => p.statements.length > 0 && !p.unknown)).toBe(true);
    // AWS managed documents are not the plan's text: not listed among the input policies.
    expect(dep.policies).toEqual([]);
    expect(compute(dep, 'aws_lambda_function.analyzer').roleId).toBe('aws_iam_role.analyzer');
    expect(env(dep, 'aws_lambda_function.analyzer')).toEqual({ BEDROCK_LLM_MODEL: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', LOG_LEVEL: 'INFO' });
  });

  test('the rules reach the conclusions each case.json expects', () => {
    const expected: Record<string, string[]> = {
      '013-tf-profile-id-in-foundation-model-arn': ['iam-invalid-bedrock-arn'],
      '048-clean-tf-deliberate-cross-region-call': [],
      '059-clean-tf-full-access-managed-policy': [],
    };
    for (const [id, rules] of Object.entries(expected)) {
      const { dep } = conformance(id);
      deploymentSites(dep, { cwd: process.cwd(), catalog });
      const findings = RULES.flatMap((r) => r.check({ deployment: dep, catalog, date: '2026-10-01' }));
      expect(findings.map((f) => f.ruleId), id).toEqual(rules);
    }
  });

  test('--region / config region wins over the provider region', () => {
    const l = load(path.join(CASES, '048-clean-tf-deliberate-cross-region-call', 'plan.json'), 'plan.json', { value: 'eu-west-1', source: '--region' });
    expect(l.dep.stacks.map((s) => [s.name, s.region])).toEqual([['terraform', { value: 'eu-west-1', source: '--region' }]]);
  });
});

describe('IAM resources', () => {
  const l = fixture('iam');
  const { dep } = l;

  test('aws_iam_role with inline_policy, managed_policy_arns, permissions_boundary and a data-source trust policy', () => {
    const r = role(dep, 'aws_iam_role.app');
    expect(r.arn).toBe('arn:aws:iam::111122223333:role/app-role');
    expect(policySummary(dep, 'aws_iam_role.app')).toEqual([
      ['invoke-nova', 1],
      ['AWSLambdaBasicExecutionRole', 1],
      ['extra-invoke', 2],
    ]);
    // managed_policy_arns[1] is unknown after apply: its reference names aws_iam_policy.extra.
    expect(r.policies[2]!.owner).toBe('aws_iam_policy.extra');
    expect(r.boundary).toMatchObject({ kind: 'boundary', owner: 'data.aws_iam_policy_document.boundary' });
    expect(r.boundary!.statements[0]!.action!.map((a) => a.value)).toEqual(['bedrock:*', 'logs:*']);
    expect(r.trust).toMatchObject({ kind: 'trust', owner: 'data.aws_iam_policy_document.assume' });
    expect(r.trust!.statements[0]!.principal!.entries['Service']!.map((s) => s.value)).toEqual(['lambda.amazonaws.com']);
    const action = r.policies[0]!.statements[0]!.action![0]!;
    expect(textAt(l.text, action.loc)).toBe('\\"bedrock:InvokeModel\\"');
  });

  test('aws_iam_role_policy from an unknown data "aws_iam_policy_document" is built from its statement blocks', () => {
    const r = role(dep, 'aws_iam_role.worker');
    expect(policySummary(dep, 'aws_iam_role.worker')).toEqual([
      ['data.aws_iam_policy_document.worker', 2],
      ['extra-invoke', 2],
      ['arn:aws:iam::111122223333:policy/not-in-plan', 0],
      ['AmazonBedrockReadOnly', 4],
    ]);
    const [models, bucket] = r.policies[0]!.statements;
    expect(models!.sid).toBe('Models');
    expect(models!.effect).toBe('Allow');
    expect(models!.action!.map((a) => a.value)).toEqual(['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream']);
    expect(models!.conditions.map((c) => [c.operator, c.key, c.values.map((v) => v.value)])).toEqual([['StringEquals', 'aws:RequestedRegion', ['us-east-2']]]);
    expect(bucket!.resource).toEqual([
      expect.objectContaining({ value: UNKNOWN_MARK, unknown: 'data.aws_iam_policy_document.worker.statement[1].resources is known only after apply' }),
    ]);
    // The same aws_iam_policy document object serves both roles.
    expect(r.policies[1]).toBe(role(dep, 'aws_iam_role.app').policies[2]);
    expect(r.policies[2]!.unknown).toBe('customer managed policy arn:aws:iam::111122223333:policy/not-in-plan is not in the inputs');
    expect(r.policies[3]!.managedArn).toBe('arn:aws:iam::aws:policy/AmazonBedrockReadOnly');
  });

  test('an unknown computed inline_policy/managed_policy_arns adds nothing; a known one adds only what no plan resource attaches', () => {
    const worker = l.resolved.find((x) => x.id === 'aws_iam_role.worker')!;
    expect(get(worker.props, 'inline_policy')?.kind).toBe('unknown');
    expect(get(worker.props, 'managed_policy_arns')?.kind).toBe('unknown');
    expect(policySummary(dep, 'aws_iam_role.legacy')).toEqual([
      ['from-plan', 1],
      ['AmazonBedrockReadOnly', 4],
      ['outside', 2],
    ]);
    expect(role(dep, 'aws_iam_role.legacy').policies.map((p) => p.owner)).toEqual(['aws_iam_role_policy.legacy', undefined, 'aws_iam_role.legacy']);
  });

  test('resources being destroyed are not in the model', () => {
    expect(dep.roles.map((r) => r.id)).toEqual(['aws_iam_role.app', 'aws_iam_role.worker', 'aws_iam_role.legacy']);
    expect(l.resolved.some((r) => r.id === 'aws_iam_role.old')).toBe(false);
  });

  test('every policy text in the plan is listed once; trust-only documents are not', () => {
    expect(dep.policies.map((p) => p.id.replace('fixtures/terraform/iam.plan.json#', ''))).toEqual([
      'aws_iam_policy.extra',
      'data.aws_iam_policy_document.boundary',
      'data.aws_iam_policy_document.worker',
      'aws_iam_role_policy.legacy',
      'aws_iam_role.app/inline_policy/0',
      'aws_iam_role.legacy/inline_policy/1',
    ]);
  });

  test('the account comes from data "aws_caller_identity"', () => {
    expect(dep.stacks).toMatchObject([{ name: 'terraform', region: { value: 'us-east-2' }, account: '111122223333' }]);
  });
});

describe('compute and Bedrock resources', () => {
  const l = fixture('compute');
  const { dep } = l;
  const PROFILE = 'arn:aws:bedrock:us-west-2:000000000000:application-inference-profile/{{aws_bedrock_inference_profile.claude}}';

  test('aws_lambda_function: role by reference, VPC subnets and groups by reference, env, code folder', () => {
    const fn = compute(dep, 'aws_lambda_function.chat');
    expect(fn.roleId).toBe('aws_iam_role.fn');
    expect(env(dep, 'aws_lambda_function.chat')).toEqual({ BEDROCK_REGION: 'us-west-2', LOG_LEVEL: 'INFO', MODEL_ID: PROFILE });
    // MODEL_ID is absent from `after`: it is located at its after_unknown entry.
    expect(fn.env.find((e) => e.name === 'MODEL_ID')!.value.loc).toMatchObject({ line: 552, column: 17 });
    expect(fn.vpc!.subnets.map((s) => s.value)).toEqual(['aws_subnet.a', 'aws_subnet.b']);
    expect(fn.vpc!.securityGroups.map((s) => s.value)).toEqual(['aws_security_group.fn']);
    expect(fn.vpc!.assignPublicIp).toBe(false);
    expect(fn.code.map((c) => c.path)).toEqual([path.resolve('fixtures/terraform/src/chat')]);
  });

  test('aws_bedrock_inference_profile is an application profile over its copy_from model', () => {
    expect([...dep.appProfiles].map(([k, v]) => [k, v.map((s) => s.value)])).toEqual([[PROFILE, ['arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0']]]);
  });

  test('aws_ecs_task_definition: task role, container env located inside container_definitions, service networking', () => {
    const task = compute(dep, 'aws_ecs_task_definition.worker');
    expect(task.kind).toBe('ecs');
    expect(task.roleId).toBe('aws_iam_role.task');
    expect(env(dep, 'aws_ecs_task_definition.worker')).toEqual({ MODEL_ID: 'amazon.nova-pro-v1:0', LOG_LEVEL: 'info' });
    expect(textAt(l.text, task.env[0]!.nameLoc)).toBe('\\"MODEL_ID\\"');
    expect(textAt(l.text, task.env[0]!.value.loc)).toBe('\\"amazon.nova-pro-v1:0\\"');
    expect(task.vpc).toMatchObject({ subnets: [{ value: 'subnet-0aaaaaaaaaaaaaaaa' }], securityGroups: [{ value: 'sg-0bbbbbbbbbbbbbbbb' }], assignPublicIp: false });
  });

  test('aws_sfn_state_machine: the definition string becomes a located tree (Terraform escapes < > &)', () => {
    const sm = dep.stateMachines.find((s) => s.id === 'aws_sfn_state_machine.summarize')!;
    expect(sm.roleId).toBe('aws_iam_role.sfn');
    expect(sm.definitionFile).toBe(l.file);
    const modelId = getPath(sm.definition, 'States', 'Summarize', 'Parameters', 'ModelId') as ScalarNode;
    expect(modelId.value).toBe('arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-premier-v1:0');
    expect(textAt(l.text, modelId.loc)).toBe('\\"arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-premier-v1:0\\"');
    expect((getPath(sm.definition, 'Comment') as ScalarNode).value).toBe('Summarize <docs> & reply');
    expect(compute(dep, 'aws_sfn_state_machine.summarize').kind).toBe('stepfunctions');
  });

  test('aws_bedrockagent_agent and aws_bedrockagent_knowledge_base', () => {
    expect(dep.bedrockResources.map((b) => [b.id, b.type, b.roleId, b.models.map(plain)])).toEqual([
      ['aws_bedrockagent_agent.helper', 'aws_bedrockagent_agent', 'aws_iam_role.agent', [PROFILE]],
      ['aws_bedrockagent_knowledge_base.docs', 'aws_bedrockagent_knowledge_base', 'aws_iam_role.kb', ['arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-embed-text-v2:0']],
    ]);
    expect(dep.compute.map((c) => [c.id, c.kind])).toEqual([
      ['aws_lambda_function.chat', 'lambda'],
      ['aws_ecs_task_definition.worker', 'ecs'],
      ['aws_sfn_state_machine.summarize', 'stepfunctions'],
      ['aws_bedrockagent_agent.helper', 'agent'],
      ['aws_bedrockagent_knowledge_base.docs', 'knowledge-base'],
    ]);
  });

  test('values known only after apply are unknown nodes, not absent', () => {
    const role = get(props(l, 'aws_lambda_function.chat'), 'role');
    expect(role).toMatchObject({ kind: 'unknown', reason: 'aws_lambda_function.chat.role is known only after apply', loc: { line: 556, column: 11 } });
    expect(get(props(l, 'aws_iam_role.fn'), 'arn')?.kind).toBe('unknown');
  });
});

describe('providers and modules', () => {
  const { dep } = fixture('providers');

  test('one stack per provider region; aliased provider region from a root variable', () => {
    expect(dep.stacks.map((s) => [s.name, s.region?.value, s.region?.source, s.region?.loc?.line])).toEqual([
      ['terraform', 'us-east-1', 'Terraform provider aws', 428],
      ['terraform (aws.west)', 'us-west-2', 'Terraform provider aws.west', 6],
    ]);
    expect(dep.roles.map((r) => [r.id, r.stack])).toEqual([
      ['aws_iam_role.east', 'terraform'],
      ['aws_iam_role.west', 'terraform (aws.west)'],
      ['module.app.aws_iam_role.inner', 'terraform'],
      ['module.edge[0].aws_iam_role.edge', 'terraform (aws.west)'],
      ['module.edge[1].aws_iam_role.edge', 'terraform (aws.west)'],
    ]);
    expect(compute(dep, 'aws_lambda_function.west').stack).toBe('terraform (aws.west)');
  });

  test('links follow module variables and outputs', () => {
    expect(compute(dep, 'module.app.aws_lambda_function.fn').roleId).toBe('aws_iam_role.east');
    expect(compute(dep, 'aws_lambda_function.root').roleId).toBe('module.app.aws_iam_role.inner');
    expect(compute(dep, 'aws_lambda_function.west').roleId).toBe('aws_iam_role.west');
    expect(policySummary(dep, 'module.app.aws_iam_role.inner')).toEqual([['inner', 1]]);
  });

  test('with --region every provider shares one stack', () => {
    const l = fixture('providers', { value: 'eu-central-1', source: '--region' });
    expect(l.dep.stacks.map((s) => [s.name, s.region?.value])).toEqual([['terraform', 'eu-central-1']]);
  });

  test('a second plan in the same run gets its own stack name', () => {
    const dep2 = emptyDeployment();
    load('fixtures/terraform/compute.plan.json', 'a/plan.json', undefined, dep2);
    load('fixtures/terraform/network.plan.json', 'b/plan.json', undefined, dep2);
    expect(dep2.stacks.map((s) => [s.name, s.file, s.region?.value])).toEqual([
      ['terraform', 'a/plan.json', 'us-west-2'],
      ['terraform b/plan.json', 'b/plan.json', 'us-east-1'],
    ]);
  });
});

describe('network resources', () => {
  const l = fixture('network');

  test('keep their Terraform types, with ID attributes turned into addresses', () => {
    expect(l.resolved.map((r) => r.type)).toEqual([
      'aws_vpc', 'aws_subnet', 'aws_subnet', 'aws_subnet', 'aws_internet_gateway', 'aws_eip', 'aws_nat_gateway', 'aws_route_table', 'aws_route_table_association',
      'aws_route_table', 'aws_route', 'aws_security_group', 'aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule',
      'aws_vpc_security_group_egress_rule', 'aws_vpc_endpoint', 'aws_network_interface',
    ]);
    const p = (id: string) => plain(props(l, id)) as Record<string, unknown>;
    expect(p('aws_subnet.private')['vpc_id']).toBe('aws_vpc.main');
    expect(p('aws_nat_gateway.nat')).toMatchObject({ subnet_id: 'aws_subnet.public', allocation_id: 'aws_eip.nat', connectivity_type: 'public' });
    expect(p('aws_route_table.private')['route']).toEqual([{ cidr_block: '0.0.0.0/0', gateway_id: '', ipv6_cidr_block: '', nat_gateway_id: 'aws_nat_gateway.nat' }]);
    expect(p('aws_route_table_association.private')).toMatchObject({ route_table_id: 'aws_route_table.private', subnet_id: 'aws_subnet.private' });
    expect(p('aws_route.public_default')).toMatchObject({ route_table_id: 'aws_route_table.public', gateway_id: 'aws_internet_gateway.igw', destination_cidr_block: '0.0.0.0/0' });
    expect((p('aws_security_group.endpoint')['ingress'] as Record<string, unknown>[])[0]!['security_groups']).toEqual(['aws_security_group.fn']);
    expect(p('aws_security_group_rule.fn_egress')).toMatchObject({ security_group_id: 'aws_security_group.fn', source_security_group_id: 'aws_security_group.endpoint', type: 'egress' });
    expect(p('aws_vpc_security_group_ingress_rule.https')).toMatchObject({ security_group_id: 'aws_security_group.endpoint', referenced_security_group_id: 'aws_security_group.fn' });
    expect(p('aws_vpc_security_group_egress_rule.all')).toMatchObject({ security_group_id: 'aws_security_group.fn', cidr_ipv4: '0.0.0.0/0' });
    expect(p('aws_security_group.fn')['egress']).toBe('<unknown>');
    // `subnet_id = aws_nat_gateway.nat.subnet_id` reads an attribute: it does not name the NAT gateway.
    expect(p('aws_network_interface.probe')['subnet_id']).toBe('<unknown>');
  });

  test('aws_vpc_endpoint: a known subnet ID maps to its resource, the unknown one to its reference; policy parsed', () => {
    const ep = plain(props(l, 'aws_vpc_endpoint.bedrock')) as Record<string, unknown>;
    expect(ep).toMatchObject({
      service_name: 'com.amazonaws.us-east-1.bedrock-runtime',
      private_dns_enabled: true,
      vpc_endpoint_type: 'Interface',
      vpc_id: 'aws_vpc.main',
      subnet_ids: ['aws_subnet.existing', 'aws_subnet.private'],
      security_group_ids: ['aws_security_group.endpoint'],
      policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'bedrock:InvokeModel', Resource: '*' }] },
    });
    const action = getPath(get(props(l, 'aws_vpc_endpoint.bedrock'), 'policy'), 'Statement', 0, 'Action') as ScalarNode;
    expect(textAt(l.text, action.loc)).toBe('\\"bedrock:InvokeModel\\"');
  });

  test('every resource is also listed for schema checks, located at its address', () => {
    const r = l.dep.resources.find((x) => x.id === 'aws_vpc.main')!;
    expect(r).toMatchObject({ type: 'aws_vpc', stack: 'terraform', file: l.file });
    expect(textAt(l.text, r.loc)).toBe('"aws_vpc.main"');
  });
});

describe('after_unknown overlay', () => {
  const node = (text: string) => parseJson(text, 'p.json').root!;
  test('marks unknown values, adds absent ones at their after_unknown key, leaves the rest', () => {
    const after = node('{"a": 1, "l": [null, "x"], "k": {"z": 2}}');
    const unknown = node('{"b": true, "l": [true, false], "m": {"n": true}, "k": {}}');
    const out = overlayUnknown(after, unknown, 'r.x')!;
    expect(plain(out)).toEqual({ a: 1, l: ['<unknown>', 'x'], k: { z: 2 }, b: '<unknown>', m: { n: '<unknown>' } });
    expect(get(out, 'b')).toEqual({ kind: 'unknown', reason: 'r.x.b is known only after apply', hint: expect.any(String), loc: { file: 'p.json', line: 1, column: 2, endLine: 1, endColumn: 5 } });
    expect((get(out, 'l') as { items: Node[] }).items[0]).toMatchObject({ kind: 'unknown', reason: 'r.x.l[0] is known only after apply' });
    expect(get(out, 'k')).toBe(get(after, 'k'));
  });
  test('an after_unknown without true values returns the value itself', () => {
    const after = node('{"a": [1], "b": {"c": null}}');
    expect(overlayUnknown(after, node('{"a": [false], "b": {}}'), 'r')).toBe(after);
  });
});

describe('JSON strings inside the plan', () => {
  const literal = (json: string): { text: string; node: ScalarNode } => {
    const text = `{"v": ${json}}`;
    return { text, node: get(parseJson(text, 'p.json').root, 'v') as ScalarNode };
  };
  test('positions follow escapes (Go-style \\u003c and Python-style non-ASCII escapes)', () => {
    const go = literal(String.raw`"{\"a\":\"\u003cb\u003e\",\"c\":1}"`);
    const tree = parseEmbeddedJson(go.node)!;
    expect(textAt(go.text, get(tree, 'a')!.loc)).toBe(String.raw`\"\u003cb\u003e\"`);
    expect(textAt(go.text, get(tree, 'c')!.loc)).toBe('1');
    const py = literal(String.raw`"{\"n\":\"\u00e9t\u00e9\",\"c\":2}"`);
    const t2 = parseEmbeddedJson(py.node)!;
    expect((get(t2, 'n') as ScalarNode).value).toBe('été');
    expect(textAt(py.text, get(t2, 'c')!.loc)).toBe('2');
    const raw = literal('"{\\"n\\":\\"été\\",\\"c\\":3}"');
    expect(textAt(raw.text, get(parseEmbeddedJson(raw.node)!, 'c')!.loc)).toBe('3');
  });
  test('multi-line documents map through escaped newlines', () => {
    const s = literal(String.raw`"{\n  \"x\": [\n    \"y\"\n  ]\n}"`);
    const x = parseEmbeddedJson(s.node)!;
    expect(textAt(s.text, getPath(x, 'x', 0)!.loc)).toBe(String.raw`\"y\"`);
    expect(textAt(s.text, get(x, 'x')!.loc)).toBe(String.raw`[\n    \"y\"\n  ]`);
  });
  test('invalid JSON gives nothing; an unrecognised escaping locates everything at the literal', () => {
    expect(parseEmbeddedJson(literal('"{not json"').node)).toBeUndefined();
    const odd = literal(String.raw`"{\"a\":\"\/\"}"`);
    const tree = parseEmbeddedJson(odd.node)!;
    expect((get(tree, 'a') as ScalarNode).value).toBe('/');
    expect(get(tree, 'a')!.loc).toEqual(odd.node.loc);
  });
});

describe('malformed plans', () => {
  // Deterministic mutations of the fixtures: dropped keys and list items, values of the wrong type.
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const odd: unknown[] = [null, true, 0, 'x', [], {}, [null], { references: ['aws_iam_role.app.arn', 'var.x', 'module.m.o'] }, '{"Statement":5}', { a: true }];
  const mutate = (v: unknown): unknown => {
    if (rnd() < 0.03) return odd[Math.floor(rnd() * odd.length)];
    if (Array.isArray(v)) return v.filter(() => rnd() > 0.03).map(mutate);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(() => rnd() > 0.03).map(([k, x]) => [k, mutate(x)]));
    return v;
  };
  test('never throw', () => {
    let built = 0;
    for (const name of ['iam', 'compute', 'providers', 'network']) {
      const base: unknown = JSON.parse(readFileSync(`fixtures/terraform/${name}.plan.json`, 'utf8'));
      for (let i = 0; i < 150; i++) {
        const root = parseJson(JSON.stringify(mutate(base), null, 1), 'p.json').root as MapNode;
        const dep = emptyDeployment();
        expect(() => parseTerraformPlan(root, { file: 'p.json', cwd: process.cwd(), catalog }, dep)).not.toThrow();
        built += dep.stacks.length > 0 ? 1 : 0;
      }
    }
    expect(built).toBe(600);
  });
});
