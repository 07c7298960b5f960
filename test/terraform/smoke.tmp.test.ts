import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { parseJson } from '../../src/load/json.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { parseTerraformPlan } from '../../src/terraform/plan.js';
import type { Deployment } from '../../src/model/types.js';
import type { MapNode } from '../../src/types.js';

test('smoke', () => {
  for (const c of ['013-tf-profile-id-in-foundation-model-arn', '048-clean-tf-deliberate-cross-region-call', '059-clean-tf-full-access-managed-policy']) {
    const f = `/work/shared/conformance/cases/${c}/plan.json`;
    const root = parseJson(readFileSync(f, 'utf8'), 'plan.json').root as MapNode;
    const dep: Deployment = { stacks: [], roles: [], policies: [], scps: [], compute: [], stateMachines: [], bedrockResources: [], appProfiles: new Map(), sites: [], resources: [], network: { endpoints: [] }, unresolved: [] };
    const res = parseTerraformPlan(root, { file: 'plan.json', cwd: '/tmp', catalog: loadCatalog() }, dep);
    console.log(c, JSON.stringify(dep.stacks));
    for (const r of dep.roles) console.log(' role', r.id, r.name, r.arn, r.policies.map((p) => `${p.name}:${p.statements.length}:${p.unknown ?? ''}`), r.trust?.statements.length);
    for (const cc of dep.compute) console.log(' compute', cc.id, cc.roleId, JSON.stringify(cc.env.map((e) => [e.name, e.value.value, e.value.loc.line])), JSON.stringify(cc.roleRef));
    const st = dep.roles[0]!.policies[0]!.statements[0]!;
    console.log(JSON.stringify(st.resource), JSON.stringify(st.action));
    console.log(res.resolved.length, dep.policies.length);
  }
});
