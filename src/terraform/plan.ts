// Terraform plans (`terraform show -json`) → the deployment model. Resource IDs are Terraform
// addresses; every node points into the plan file. Values known only after apply are UnknownNodes
// (from `after_unknown`), and links between resources come from `configuration` references, which
// are known even when the linked value is not.
import type { Catalog } from '../catalog/index.js';
import { get, str } from '../load/node.js';
import type { ResolvedResource } from '../model/resource.js';
import type { Deployment, RegionValue, Stack } from '../model/types.js';
import type { MapNode, Node } from '../types.js';
import { collectResources, indexConfiguration, type PlanResource } from './collect.js';
import { buildCompute } from './compute.js';
import type { PlanContext } from './context.js';
import { parseEmbeddedJson } from './embedded-json.js';
import { buildIam } from './iam.js';
import { addressesById, linkIds } from './link-ids.js';
import { providerRegions } from './providers.js';
import { References } from './refs.js';

export interface TerraformPlanOptions {
  file: string;
  cwd: string;
  /** Deployment region from --region or the config file: it wins over the provider's (SPEC §4). */
  region?: RegionValue;
  catalog: Catalog;
}

/** `terraform show -json` output of a plan: `format_version` with `planned_values` or `resource_changes`. */
export function isTerraformPlan(root: MapNode): boolean {
  return get(root, 'format_version') !== undefined && (get(root, 'planned_values') !== undefined || get(root, 'resource_changes') !== undefined);
}

/**
 * Fills `dep` from one plan and returns its managed resources for the network model. Those keep
 * their Terraform types (`aws_subnet`, `aws_vpc_endpoint`…) and their planned values as `props`,
 * with ID attributes (`vpc_id`, `subnet_ids`, `security_group_ids`, `route_table_id`,
 * `nat_gateway_id`, `gateway_id`…) rewritten to the addresses of the plan resources they name, and
 * an aws_vpc_endpoint's `policy` JSON string replaced by the located policy document.
 */
export function parseTerraformPlan(root: MapNode, opts: TerraformPlanOptions, dep: Deployment): { resolved: ResolvedResource[] } {
  const { file, cwd } = opts;
  const index = indexConfiguration(get(root, 'configuration'));
  const resources = collectResources(root, index);
  const refs = new References(resources, index);
  const providers = providerRegions(root, index, resources);

  const account = callerAccount(resources);
  const stacks = planStacks(resources, (r) => providers.keyOf(r), (k) => opts.region ?? providers.regionOf(k), file, dep, account);
  const byId = addressesById(resources);
  const props = new Map<string, MapNode>();
  for (const r of resources) props.set(r.address, r.mode === 'managed' ? linkIds(r, refs, byId) : r.values);

  const ctx: PlanContext = {
    file,
    cwd,
    dep,
    resources,
    refs,
    props,
    stackOf: (r) => stacks.of(r).name,
    regionOf: (r) => stacks.of(r).region?.value,
    ...(account ? { account } : {}),
  };
  const iam = buildIam(ctx);
  buildCompute(ctx, iam);

  const resolved: ResolvedResource[] = [];
  for (const r of resources) {
    if (r.mode !== 'managed') continue;
    const stack = ctx.stackOf(r);
    let p: MapNode = props.get(r.address)!;
    if (r.type === 'aws_vpc_endpoint') p = withParsedPolicy(p);
    resolved.push({ id: r.address, type: r.type, props: p, file, loc: r.loc, stack });
    dep.resources.push({ id: r.address, type: r.type, properties: p, file, loc: r.loc, stack });
  }
  return { resolved };
}

/**
 * One Stack per provider region: "terraform" for the resources of the default provider (or of
 * every provider when they share a region), "terraform (aws.west)" for an aliased provider whose
 * region differs. A second plan in the same run gets its file name in the stack name.
 */
function planStacks(
  resources: PlanResource[],
  keyOf: (r: PlanResource) => string,
  regionOf: (key: string) => RegionValue | undefined,
  file: string,
  dep: Deployment,
  account: string | undefined,
): { of(r: PlanResource): Stack } {
  const keys = new Map<string, string>();
  for (const r of resources) keys.set(r.address, keyOf(r));
  const used = [...new Set(keys.values())];
  const primary = used.includes('aws') ? 'aws' : ([...used].sort()[0] ?? 'aws');
  const base = dep.stacks.some((s) => s.name === 'terraform') ? `terraform ${file}` : 'terraform';
  const primaryRegion = regionOf(primary);
  const byName = new Map<string, Stack>();
  const stackFor = (key: string): Stack => {
    const region = regionOf(key);
    const name = region?.value === primaryRegion?.value ? base : `${base} (${key})`;
    let s = byName.get(name);
    if (!s) {
      const r = name === base ? primaryRegion : region;
      s = { name, file, format: 'terraform', ...(r ? { region: r } : {}), ...(account ? { account } : {}) };
      byName.set(name, s);
      dep.stacks.push(s);
    }
    return s;
  };
  stackFor(primary);
  const byKey = new Map<string, Stack>();
  for (const k of used) byKey.set(k, stackFor(k));
  return { of: (r) => byKey.get(keys.get(r.address) ?? primary) ?? stackFor(primary) };
}

/** The account ID that data "aws_caller_identity" read while planning, if any. */
function callerAccount(resources: PlanResource[]): string | undefined {
  for (const r of resources) {
    if (r.mode !== 'data' || r.type !== 'aws_caller_identity') continue;
    const id = str(get(r.values, 'account_id'));
    if (id && /^\d{12}$/.test(id)) return id;
  }
  return undefined;
}

function withParsedPolicy(p: MapNode): MapNode {
  const i = p.entries.findIndex((e) => e.key === 'policy');
  const v: Node | undefined = p.entries[i]?.value;
  if (i < 0 || v?.kind !== 'scalar' || typeof v.value !== 'string' || v.value === '') return p;
  const parsed = parseEmbeddedJson(v);
  if (!parsed) return p;
  const entries = [...p.entries];
  entries[i] = { ...entries[i]!, value: parsed };
  return { ...p, entries };
}
