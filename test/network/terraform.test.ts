// Terraform plans into the network model: hand-written plans shaped as `terraform show -json` writes
// them (references to new resources unknown in `after` and named in `configuration`), read by the
// Terraform loader, then by buildNetwork, then asked whether the function reaches bedrock-runtime.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { lintSync } from '../../src/engine.js';
import { parseJson } from '../../src/load/json.js';
import type { Deployment } from '../../src/model/types.js';
import { buildNetwork } from '../../src/network/build.js';
import { findRouteToBedrock } from '../../src/network/reach.js';
import type { NetworkModel, Reachability } from '../../src/network/types.js';
import { parseTerraformPlan } from '../../src/terraform/plan.js';
import type { Json, Loc, MapNode } from '../../src/types.js';

// ---- plan builder ----------------------------------------------------------------------------
// A reference to a resource being created is unknown in `after` (true in `after_unknown`) and named
// in the configuration's `references`; computed attributes a create plan does not know (ids, a
// group's unconfigured `egress`, a table's unconfigured `route`…) are unknown too.

type JsonMap = { [k: string]: Json };

interface PlanResource {
  address: string;
  values: JsonMap;
  /** Attribute paths set to references to these addresses (`[aws_subnet.a]` → `aws_subnet.a.id`, or `.attr`). */
  refs?: { path: (string | number)[]; to: string[]; attr?: string }[];
  /** Extra paths known only after apply. */
  unknown?: (string | number)[][];
}

/** Attributes a create plan computes for each type (besides `id`). */
const COMPUTED: Record<string, string[]> = {
  aws_vpc: ['arn', 'default_route_table_id', 'main_route_table_id', 'default_security_group_id'],
  aws_subnet: ['arn'],
  aws_route_table: ['arn'],
  aws_security_group: ['arn', 'owner_id'],
  aws_vpc_endpoint: ['arn', 'dns_entry', 'network_interface_ids', 'owner_id', 'prefix_list_id'],
  aws_route: ['instance_id', 'instance_owner_id', 'network_interface_id', 'origin', 'state'],
  aws_nat_gateway: ['network_interface_id', 'private_ip', 'public_ip'],
  aws_lambda_function: ['arn', 'invoke_arn', 'qualified_arn', 'version', 'last_modified'],
  aws_iam_role: ['arn', 'unique_id', 'create_date'],
};
/** Optional computed attributes: unknown in a create plan unless the configuration sets them. */
const OPTIONAL_COMPUTED: Record<string, string[]> = {
  aws_security_group: ['ingress', 'egress'],
  aws_route_table: ['route'],
  aws_vpc_endpoint: ['policy', 'subnet_ids', 'security_group_ids'],
};

function setAt(root: JsonMap, path: (string | number)[], value: Json): void {
  let node: Json = root;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i]!;
    const next = path[i + 1]!;
    const container = node as JsonMap & Json[];
    if (container[key as never] === undefined || container[key as never] === null) (container as Record<string | number, Json>)[key] = typeof next === 'number' ? [] : {};
    node = (container as Record<string | number, Json>)[key]!;
  }
  (node as Record<string | number, Json>)[path[path.length - 1]!] = value;
}

function deleteAt(root: JsonMap, path: (string | number)[]): void {
  let node: Json | undefined = root;
  for (let i = 0; i < path.length - 1; i++) node = (node as Record<string | number, Json> | undefined)?.[path[i]!];
  const last = path[path.length - 1]!;
  if (Array.isArray(node) && typeof last === 'number') node[last] = null;
  else if (node && typeof node === 'object') delete (node as JsonMap)[last as string];
}

/** Configuration expressions for literal values: nested blocks stay blocks, anything else is a constant. */
function configExpressions(values: JsonMap): JsonMap {
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue; // not written in the configuration
    const isBlockList = Array.isArray(v) && v.length > 0 && v.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x));
    out[k] = isBlockList ? (v as JsonMap[]).map(configExpressions) : { constant_value: v };
  }
  return out;
}

const typeOf = (address: string) => address.replace(/^module\.[^.]+\./, '').split('.')[0]!;
const nameOf = (address: string) => address.split('.').pop()!.replace(/\[.*$/, '');

function plan(resources: PlanResource[], region = 'us-east-1'): JsonMap {
  const planned: Json[] = [];
  const changes: Json[] = [];
  const config: Json[] = [];
  for (const r of resources) {
    const type = typeOf(r.address);
    const after: JsonMap = structuredClone(r.values);
    // A resource whose `id` is given already exists: its computed attributes are known.
    const exists = 'id' in after;
    const afterUnknown: JsonMap = exists ? {} : { id: true };
    if (!exists) for (const a of COMPUTED[type] ?? []) afterUnknown[a] = true;
    for (const a of OPTIONAL_COMPUTED[type] ?? []) if (!(a in after)) afterUnknown[a] = true;
    const expressions = configExpressions(after);
    for (const ref of r.refs ?? []) {
      deleteAt(after, ref.path);
      setAt(afterUnknown, ref.path, true);
      setAt(expressions, ref.path, { references: ref.to.flatMap((t) => [`${t}.${ref.attr ?? 'id'}`, t]) });
    }
    for (const p of r.unknown ?? []) {
      deleteAt(after, p);
      setAt(afterUnknown, p, true);
    }
    const head = { address: r.address, mode: 'managed', type, name: nameOf(r.address), provider_name: 'registry.terraform.io/hashicorp/aws' };
    planned.push({ ...head, schema_version: 0, values: after, sensitive_values: {} });
    changes.push({ ...head, change: { actions: ['create'], before: null, after, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} } });
    config.push({ address: r.address, mode: 'managed', type, name: nameOf(r.address), provider_config_key: 'aws', expressions, schema_version: 0 });
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: { resources: planned } },
    resource_changes: changes,
    configuration: {
      provider_config: { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', version_constraint: '~> 5.80', expressions: { region: { constant_value: region } } } },
      root_module: { resources: config },
    },
    timestamp: '2026-09-03T09:41:27Z',
    applyable: true,
    complete: true,
    errored: false,
  };
}

// ---- building blocks -------------------------------------------------------------------------

const vpcRef = (path: (string | number)[] = ['vpc_id']) => ({ path, to: ['aws_vpc.main'] });
const egressAll = { from_port: 0, to_port: 0, protocol: '-1', cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: [], prefix_list_ids: [], security_groups: [], self: false, description: '' };

/** Two private subnets sharing a route table with only the local route, and the function in them. */
function isolated(fnGroup: Partial<PlanResource> = { values: { name: 'fn', egress: [egressAll] } }): PlanResource[] {
  return [
    { address: 'aws_vpc.main', values: { cidr_block: '10.0.0.0/16', enable_dns_hostnames: true, enable_dns_support: true } },
    { address: 'aws_subnet.private_a', values: { cidr_block: '10.0.1.0/24', map_public_ip_on_launch: false }, refs: [vpcRef()] },
    { address: 'aws_subnet.private_b', values: { cidr_block: '10.0.2.0/24', map_public_ip_on_launch: false }, refs: [vpcRef()] },
    { address: 'aws_route_table.private', values: {}, refs: [vpcRef()] },
    ...['a', 'b'].map((s) => ({
      address: `aws_route_table_association.private_${s}`,
      values: { gateway_id: null },
      refs: [
        { path: ['subnet_id'], to: [`aws_subnet.private_${s}`] },
        { path: ['route_table_id'], to: ['aws_route_table.private'] },
      ],
    })),
    { address: 'aws_security_group.fn', values: { name: 'fn' }, ...fnGroup, refs: [vpcRef(), ...(fnGroup.refs ?? [])] },
    {
      address: 'aws_lambda_function.chat',
      values: {
        function_name: 'chat',
        runtime: 'python3.12',
        handler: 'app.handler',
        environment: [{ variables: { MODEL_ID: 'amazon.nova-micro-v1:0' } }],
        vpc_config: [{ ipv6_allowed_for_dual_stack: false }],
      },
      refs: [
        { path: ['vpc_config', 0, 'subnet_ids'], to: ['aws_subnet.private_a', 'aws_subnet.private_b'] },
        { path: ['vpc_config', 0, 'security_group_ids'], to: ['aws_security_group.fn'] },
        { path: ['role'], to: ['aws_iam_role.chat'], attr: 'arn' },
      ],
    },
  ];
}

/** A public subnet routed to an internet gateway, a NAT gateway in it, and the private table's default route to it. */
const NAT: PlanResource[] = [
  { address: 'aws_subnet.public', values: { cidr_block: '10.0.100.0/24', map_public_ip_on_launch: true }, refs: [vpcRef()] },
  { address: 'aws_internet_gateway.igw', values: {}, refs: [vpcRef()] },
  {
    address: 'aws_route_table.public',
    values: { route: [{ cidr_block: '0.0.0.0/0', ipv6_cidr_block: '', destination_prefix_list_id: '', gateway_id: '', nat_gateway_id: '', transit_gateway_id: '', vpc_peering_connection_id: '', network_interface_id: '', egress_only_gateway_id: '', local_gateway_id: '', carrier_gateway_id: '', core_network_arn: '', vpc_endpoint_id: '' }] },
    refs: [vpcRef(), { path: ['route', 0, 'gateway_id'], to: ['aws_internet_gateway.igw'] }],
  },
  {
    address: 'aws_route_table_association.public',
    values: { gateway_id: null },
    refs: [
      { path: ['subnet_id'], to: ['aws_subnet.public'] },
      { path: ['route_table_id'], to: ['aws_route_table.public'] },
    ],
  },
  { address: 'aws_eip.nat', values: { domain: 'vpc' } },
  { address: 'aws_nat_gateway.nat', values: { connectivity_type: 'public' }, refs: [{ path: ['subnet_id'], to: ['aws_subnet.public'] }, { path: ['allocation_id'], to: ['aws_eip.nat'] }] },
  {
    address: 'aws_route.private_default',
    values: { destination_cidr_block: '0.0.0.0/0', destination_ipv6_cidr_block: null, destination_prefix_list_id: null, gateway_id: null, transit_gateway_id: null, vpc_peering_connection_id: null },
    refs: [
      { path: ['route_table_id'], to: ['aws_route_table.private'] },
      { path: ['nat_gateway_id'], to: ['aws_nat_gateway.nat'] },
    ],
  },
];

const ingress443 = { from_port: 443, to_port: 443, protocol: 'tcp', cidr_blocks: [], ipv6_cidr_blocks: [], prefix_list_ids: [], self: false, description: 'HTTPS from the function' };

/** The endpoint's group (inline ingress from the function's group) and a bedrock-runtime interface endpoint. */
function endpoint(values: Record<string, Json> = {}, ingress: Record<string, Json> = ingress443): PlanResource[] {
  return [
    { address: 'aws_security_group.endpoint', values: { name: 'endpoint', ingress: [ingress] }, refs: [vpcRef(), { path: ['ingress', 0, 'security_groups'], to: ['aws_security_group.fn'] }] },
    {
      address: 'aws_vpc_endpoint.bedrock_runtime',
      values: { service_name: 'com.amazonaws.us-east-1.bedrock-runtime', vpc_endpoint_type: 'Interface', private_dns_enabled: true, auto_accept: null, ...values },
      refs: [
        vpcRef(),
        { path: ['subnet_ids'], to: ['aws_subnet.private_a', 'aws_subnet.private_b'] },
        { path: ['security_group_ids'], to: ['aws_security_group.endpoint'] },
      ],
    },
  ];
}

// ---- running it ------------------------------------------------------------------------------

const catalog = loadCatalog();

function emptyDeployment(): Deployment {
  return { stacks: [], roles: [], policies: [], scps: [], compute: [], stateMachines: [], bedrockResources: [], appProfiles: new Map(), sites: [], resources: [], network: { endpoints: [] }, unresolved: [] };
}

interface Loaded {
  text: string;
  net: NetworkModel;
  reach: Reachability;
}

function load(resources: PlanResource[]): Loaded {
  const text = JSON.stringify(plan(resources), null, 2);
  const dep = emptyDeployment();
  const { resolved } = parseTerraformPlan(parseJson(text, 'plan.json').root as MapNode, { file: 'plan.json', cwd: process.cwd(), catalog }, dep);
  const net = buildNetwork(resolved);
  const fn = dep.compute.find((c) => c.id === 'aws_lambda_function.chat')!;
  const reach = findRouteToBedrock({ attachment: fn.vpc!, action: 'bedrock:InvokeModel', caller: fn.id, region: 'us-east-1' }, net);
  return { text, net, reach };
}

/** The source text a location spans (one line). */
function textAt(text: string, loc: Loc): string {
  expect(loc.endLine).toBe(loc.line);
  return text.split('\n')[loc.line - 1]!.slice(loc.column - 1, loc.endColumn - 1);
}

function unreachable(r: Reachability) {
  if (r.kind !== 'unreachable') throw new Error(`expected unreachable, got ${JSON.stringify(r)}`);
  return r;
}

describe('Terraform network resources', () => {
  it('NAT path: private subnets → aws_route to a NAT gateway in a subnet whose inline route goes to the internet gateway', () => {
    const { reach } = load([...isolated(), ...NAT]);
    const hop = (s: string) =>
      `subnet aws_subnet.private_${s} → route table aws_route_table.private → 0.0.0.0/0 via NAT gateway aws_nat_gateway.nat → subnet aws_subnet.public → route table aws_route_table.public → 0.0.0.0/0 via internet gateway aws_internet_gateway.igw (public NAT gateway aws_nat_gateway.nat has a public IP)`;
    expect(reach).toEqual({ kind: 'nat', evidence: [hop('a'), hop('b')] });
  });

  it('isolated subnets with a bedrock-runtime endpoint, private DNS and a group that lets 443 in from the function: reachable', () => {
    const { reach, net } = load([...isolated(), ...endpoint()]);
    expect(reach.kind).toBe('endpoint');
    if (reach.kind !== 'endpoint') return;
    expect(reach.endpoint.id).toBe('aws_vpc_endpoint.bedrock_runtime');
    expect(reach.evidence).toEqual([
      'interface endpoint aws_vpc_endpoint.bedrock_runtime (com.amazonaws.us-east-1.bedrock-runtime) with private DNS',
      'TCP 443 allowed from aws_security_group.fn to aws_security_group.endpoint',
    ]);
    expect(reach.problems).toEqual([]);
    // The endpoint's unconfigured `policy` (unknown in a create plan) is the default full-access policy.
    expect(net.endpoints[0]!.policy).toBeUndefined();
    expect(net.endpoints[0]!.subnets.map((s) => s.value)).toEqual(['aws_subnet.private_a', 'aws_subnet.private_b']);
  });

  it('function egress from a separate aws_vpc_security_group_egress_rule to the endpoint group (no inline egress): reachable', () => {
    const fnGroup: Partial<PlanResource> = { values: { name: 'fn' } }; // `egress` unknown: not configured
    const rule: PlanResource = {
      address: 'aws_vpc_security_group_egress_rule.fn_to_endpoint',
      values: { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: null },
      refs: [
        { path: ['security_group_id'], to: ['aws_security_group.fn'] },
        { path: ['referenced_security_group_id'], to: ['aws_security_group.endpoint'] },
      ],
    };
    expect(load([...isolated(fnGroup), ...endpoint(), rule]).reach.kind).toBe('endpoint');
  });

  it('no route: isolated subnets, no endpoint → no-route at the first subnet of vpc_config', () => {
    const { reach, text } = load(isolated());
    const r = unreachable(reach);
    expect(r.missing).toBe('no-route');
    expect(r.evidence).toEqual(['route table aws_route_table.private of subnets aws_subnet.private_a, aws_subnet.private_b has no 0.0.0.0/0 route']);
    expect(r.blame.resource).toBe('aws_lambda_function.chat');
    // The subnet IDs are known only after apply: the loader locates them at their `after_unknown` key.
    expect(textAt(text, r.blame.loc)).toBe('"subnet_ids"');
  });

  it('no association: subnets use the VPC main route table, which has only the local route', () => {
    const resources = isolated().filter((r) => !r.address.startsWith('aws_route_table_association'));
    const r = unreachable(load(resources).reach);
    expect(r.missing).toBe('no-route');
    expect(r.evidence[0]).toBe('subnet aws_subnet.private_a has no route table association, so it uses the main route table of VPC aws_vpc.main, which has only the local route');
  });

  it('aws_main_route_table_association makes a table with a NAT route the main one', () => {
    const resources = [...isolated(), ...NAT].filter((r) => !r.address.startsWith('aws_route_table_association.private'));
    resources.push({ address: 'aws_main_route_table_association.main', values: {}, refs: [vpcRef(), { path: ['route_table_id'], to: ['aws_route_table.private'] }] });
    expect(load(resources).reach.kind).toBe('nat');
  });

  it('aws_default_route_table: its inline routes are the main table of the VPC its default_route_table_id names', () => {
    const resources = [...isolated(), ...NAT].filter((r) => !r.address.startsWith('aws_route_table_association.private') && r.address !== 'aws_route.private_default');
    const natRoute = { cidr_block: '0.0.0.0/0', ipv6_cidr_block: '', gateway_id: '', nat_gateway_id: '' };
    const table: PlanResource = { address: 'aws_default_route_table.main', values: { route: [natRoute] }, refs: [{ path: ['route', 0, 'nat_gateway_id'], to: ['aws_nat_gateway.nat'] }] };
    // `default_route_table_id = aws_vpc.main.default_route_table_id`: known only after apply, and with
    // one VPC in the plan still not tied to it, so the subnets' path is unknown rather than "no route".
    const unlinked = load([...resources, { ...table, refs: [...table.refs!, { path: ['default_route_table_id'], to: ['aws_vpc.main'], attr: 'default_route_table_id' }] }]).reach;
    expect(unlinked.kind).toBe('unknown');
    if (unlinked.kind === 'unknown') expect(unlinked.reasons[0]).toBe('route table aws_default_route_table.main.vpc_id of subnet aws_subnet.private_a is not defined in the inputs');
    // An existing VPC (its IDs known) ties the table to it.
    const existingVpc = resources.map((r) => (r.address === 'aws_vpc.main' ? { ...r, values: { ...r.values, id: 'vpc-0a1b2c3d', default_route_table_id: 'rtb-0main' } } : r));
    expect(load([...existingVpc, { ...table, values: { ...table.values, default_route_table_id: 'rtb-0main' } }]).reach.kind).toBe('nat');
  });

  it('routes to a transit gateway, a peering connection or a network interface lead outside the plan: unknown', () => {
    for (const [key, value] of [['transit_gateway_id', 'tgw-0123456789abcdef0'], ['vpc_peering_connection_id', 'pcx-0123456789abcdef0'], ['network_interface_id', 'eni-0123456789abcdef0']]) {
      const route: PlanResource = { address: 'aws_route.private_default', values: { destination_cidr_block: '0.0.0.0/0', [key!]: value! }, refs: [{ path: ['route_table_id'], to: ['aws_route_table.private'] }] };
      const { reach } = load([...isolated(), route]);
      expect(reach.kind, key).toBe('unknown');
      if (reach.kind === 'unknown') expect(reach.reasons[0]).toContain(`(route aws_route.private_default); what lies beyond it is not in the inputs`);
    }
  });

  it('wrong endpoint service: an endpoint for the bedrock control plane', () => {
    const { reach, text } = load([...isolated(), ...endpoint({ service_name: 'com.amazonaws.us-east-1.bedrock' })]);
    const r = unreachable(reach);
    expect(r.missing).toBe('wrong-endpoint-service');
    expect(r.blame.resource).toBe('aws_vpc_endpoint.bedrock_runtime');
    expect(textAt(text, r.blame.loc)).toBe('"com.amazonaws.us-east-1.bedrock"');
  });

  it('private DNS off on the bedrock-runtime endpoint', () => {
    const { reach, text } = load([...isolated(), ...endpoint({ private_dns_enabled: false })]);
    const r = unreachable(reach);
    expect(r.missing).toBe('private-dns-disabled');
    expect(r.blame.resource).toBe('aws_vpc_endpoint.bedrock_runtime');
    expect(textAt(text, r.blame.loc)).toBe('false');
  });

  it('endpoint group lets only TCP 80 in: security-group, pointing at from_port', () => {
    const { reach, text } = load([...isolated(), ...endpoint({}, { ...ingress443, from_port: 80, to_port: 80 })]);
    const r = unreachable(reach);
    expect(r.missing).toBe('security-group');
    expect(r.detail).toBe("endpoint aws_vpc_endpoint.bedrock_runtime's security group aws_security_group.endpoint allows inbound TCP 80 from aws_security_group.fn, not TCP 443");
    expect(r.blame.resource).toBe('aws_security_group.endpoint');
    expect(textAt(text, r.blame.loc)).toBe('80');
    expect(r.blame.fix).toBe("allow inbound TCP 443 from aws_security_group.fn (source_security_group_id) or the caller's subnet CIDRs (from_port = 443, to_port = 443) instead of TCP 80");
  });
  it('private DNS off: the message and fix use Terraform attribute names', () => {
    const { reach } = load([...isolated(), ...endpoint({ private_dns_enabled: false })]);
    const r = unreachable(reach);
    expect(r.detail).toContain('has private_dns_enabled = false');
    expect(r.blame.fix).toBe("set private_dns_enabled = true on aws_vpc_endpoint.bedrock_runtime, or set the caller's endpoint URL to the endpoint's DNS name");
  });

  it('a Terraform group without egress blocks has no egress rule (unlike CloudFormation): NAT path blocked', () => {
    const r = unreachable(load([...isolated({ values: { name: 'fn' } }), ...NAT]).reach);
    expect(r.missing).toBe('security-group');
    expect(r.detail).toBe("aws_lambda_function.chat's security group aws_security_group.fn allows no outbound TCP 443 to the internet");
    expect(r.blame.resource).toBe('aws_security_group.fn');
  });

  it('an egress rule whose group is not known may be the function group’s: unknown, not blocked', () => {
    const rule: PlanResource = { address: 'aws_security_group_rule.egress', values: { type: 'egress', protocol: 'tcp', from_port: 443, to_port: 443, cidr_blocks: ['0.0.0.0/0'] }, unknown: [['security_group_id']] };
    const { reach } = load([...isolated({ values: { name: 'fn' } }), ...NAT, rule]);
    expect(reach.kind).toBe('unknown');
  });

  it('aws_security_group_rule egress and self ingress are read per peer', () => {
    const egress: PlanResource = { address: 'aws_security_group_rule.egress', values: { type: 'egress', protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'], self: null }, refs: [{ path: ['security_group_id'], to: ['aws_security_group.fn'] }] };
    const { net, reach } = load([...isolated({ values: { name: 'fn' } }), ...NAT, egress]);
    expect(reach.kind).toBe('nat');
    expect(net.securityGroups!.get('aws_security_group.fn')!.egress.map((r) => [r.resource, r.protocol, r.cidr?.value])).toEqual([['aws_security_group_rule.egress', '-1', '0.0.0.0/0']]);
    const selfIngress = endpoint({}, { ...ingress443, self: true });
    const group = load([...isolated(), ...selfIngress]).net.securityGroups!.get('aws_security_group.endpoint')!;
    expect(group.ingress.map((r) => r.peerGroup?.value)).toEqual(['aws_security_group.fn', 'aws_security_group.endpoint']);
  });
});

describe('malformed plans', () => {
  // Deterministic mutations: dropped keys and list items, values of the wrong type.
  let seed = 11;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const odd: Json[] = [null, true, 0, '', 'x', [], {}, [null], { a: true }, '0.0.0.0/0'];
  const mutate = (v: Json): Json => {
    if (rnd() < 0.01) return odd[Math.floor(rnd() * odd.length)]!;
    if (Array.isArray(v)) return v.filter(() => rnd() > 0.01).map(mutate);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(() => rnd() > 0.01).map(([k, x]) => [k, mutate(x)]));
    return v;
  };
  it('never make the network model or the path search throw', () => {
    const base = plan([...isolated(), ...NAT, ...endpoint({ policy: '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}' })]);
    let searched = 0;
    for (let i = 0; i < 200; i++) {
      const text = JSON.stringify(mutate(base), null, 1);
      const root = parseJson(text, 'p.json').root;
      if (root?.kind !== 'map') continue;
      const dep = emptyDeployment();
      expect(() => {
        const { resolved } = parseTerraformPlan(root, { file: 'p.json', cwd: process.cwd(), catalog }, dep);
        const net = buildNetwork(resolved);
        for (const c of dep.compute) {
          if (!c.vpc) continue;
          findRouteToBedrock({ attachment: c.vpc, action: 'bedrock:InvokeModel', caller: c.id, region: 'us-east-1' }, net);
          searched += 1;
        }
      }).not.toThrow();
    }
    expect(searched).toBeGreaterThan(50);
  });
});

describe('Terraform endpoint policy', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  const role: PlanResource[] = [
    { address: 'aws_iam_role.chat', values: { name: 'chat', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) } },
    {
      address: 'aws_iam_role_policy.bedrock',
      values: { name: 'bedrock', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0' }] }) },
      refs: [{ path: ['role'], to: ['aws_iam_role.chat'], attr: 'name' }],
    },
  ];
  const policy = (model: string) => JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'bedrock:InvokeModel', Resource: `arn:aws:bedrock:us-east-1::foundation-model/${model}` }] });

  function lintPlan(resources: PlanResource[]) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tf-net-'));
    dirs.push(dir);
    const text = JSON.stringify(plan(resources), null, 2);
    writeFileSync(path.join(dir, 'plan.json'), text);
    const res = lintSync({ paths: ['.'], cwd: dir, region: 'us-east-1', useConfig: false, date: '2026-09-01' });
    return { text, findings: res.findings.filter((f) => f.ruleId.startsWith('network-')) };
  }

  it('denies: the policy allows another model only', () => {
    const { findings, text } = lintPlan([...role, ...isolated(), ...endpoint({ policy: policy('amazon.nova-pro-v1:0') })]);
    expect(findings.map((f) => [f.ruleId, f.resource, f.message])).toEqual([
      [
        'network-endpoint-policy-denies',
        'aws_vpc_endpoint.bedrock_runtime',
        'the policy of VPC endpoint aws_vpc_endpoint.bedrock_runtime does not let aws_lambda_function.chat (role aws_iam_role.chat) call bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0: no statement allows it',
      ],
    ]);
    const f = findings[0]!;
    expect(textAt(text, { file: f.file, line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn })).toBe('\\"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0\\"');
  });

  it('allows: the policy names the model', () => {
    expect(lintPlan([...role, ...isolated(), ...endpoint({ policy: policy('amazon.nova-micro-v1:0') })]).findings).toEqual([]);
  });
});
