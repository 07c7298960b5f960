import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { parseJson } from '../../src/load/json.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { parseTerraformPlan } from '../../src/terraform/plan.js';
import type { Deployment } from '../../src/model/types.js';
import type { MapNode } from '../../src/types.js';

test('smoke', () => {
  for (const c of (process.env.FX ?? 'iam').split(',')) {
    const f = `fixtures/terraform/${c}.plan.json`;
    const root = parseJson(readFileSync(f, 'utf8'), f).root as MapNode;
    const dep: Deployment = { stacks: [], roles: [], policies: [], scps: [], compute: [], stateMachines: [], bedrockResources: [], appProfiles: new Map(), sites: [], resources: [], network: { endpoints: [] }, unresolved: [] };
    const res = parseTerraformPlan(root, { file: f, cwd: process.cwd(), catalog: loadCatalog() }, dep);
    console.log(c, JSON.stringify(dep.stacks.map((s) => [s.name, s.region?.value, s.account])));
    for (const r of dep.roles) console.log(' role', r.id, r.name, r.arn, r.stack, JSON.stringify(r.policies.map((p) => `${p.name}|${p.owner}|${p.statements.length}|${p.unknown ?? ''}`)), 'trust', r.trust?.statements.length, r.trust?.kind, 'boundary', r.boundary?.name, r.boundary?.kind, r.boundary?.statements.length);
    for (const cc of dep.compute) console.log(' compute', cc.id, cc.kind, cc.roleId, cc.stack, JSON.stringify(cc.env.map((e) => [e.name, e.value.value, e.value.unknown])), JSON.stringify(cc.roleRef?.value), JSON.stringify(cc.vpc && [cc.vpc.subnets.map((s) => s.value), cc.vpc.securityGroups.map((s) => s.value), cc.vpc.assignPublicIp]), JSON.stringify(cc.code));
    for (const sm of dep.stateMachines) console.log(' sm', sm.id, sm.roleId, sm.definition?.kind);
    for (const b of dep.bedrockResources) console.log(' br', b.id, b.roleId, JSON.stringify(b.models.map((m) => m.kind === 'scalar' ? m.value : m.kind)));
    console.log(' profiles', JSON.stringify([...dep.appProfiles].map(([k, v]) => [k, v.map((x) => x.value)])));
    console.log(' policies', dep.policies.map((p) => p.id).join(' '));
    for (const r of res.resolved) console.log(' resolved', r.id, r.type, r.stack, JSON.stringify(r.props).length);
  }
});
test('net', () => {
  const f = 'fixtures/terraform/network.plan.json';
  const root = parseJson(readFileSync(f, 'utf8'), f).root as MapNode;
  const dep: Deployment = { stacks: [], roles: [], policies: [], scps: [], compute: [], stateMachines: [], bedrockResources: [], appProfiles: new Map(), sites: [], resources: [], network: { endpoints: [] }, unresolved: [] };
  const res = parseTerraformPlan(root, { file: f, cwd: process.cwd(), catalog: loadCatalog() }, dep);
  const show = (n: any): any => n.kind === 'map' ? Object.fromEntries(n.entries.map((e: any) => [e.key, show(e.value)])) : n.kind === 'seq' ? n.items.map(show) : n.kind === 'unknown' ? '?' : n.value;
  for (const r of res.resolved) console.log(r.id, JSON.stringify(show(r.props)));
});
