import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { parseJson } from '../../src/load/json.js';
import { loadCatalog } from '../../src/catalog/index.js';
import { parseTerraformPlan } from '../../src/terraform/plan.js';
import { deploymentSites } from '../../src/model/sites.js';
import { RULES } from '../../rules/index.js';
import type { Deployment } from '../../src/model/types.js';
import type { MapNode } from '../../src/types.js';
test('engine', () => {
  const catalog = loadCatalog();
  for (const c of ['013-tf-profile-id-in-foundation-model-arn', '048-clean-tf-deliberate-cross-region-call', '059-clean-tf-full-access-managed-policy']) {
    const f = `/work/shared/conformance/cases/${c}/plan.json`;
    const root = parseJson(readFileSync(f, 'utf8'), 'plan.json').root as MapNode;
    const dep: Deployment = { stacks: [], roles: [], policies: [], scps: [], compute: [], stateMachines: [], bedrockResources: [], appProfiles: new Map(), sites: [], resources: [], network: { endpoints: [] }, unresolved: [] };
    parseTerraformPlan(root, { file: 'plan.json', cwd: '/tmp', catalog }, dep);
    deploymentSites(dep, { cwd: '/tmp', catalog });
    const out = RULES.flatMap((r) => r.check({ deployment: dep, catalog, date: '2026-10-01' }));
    console.log(c, JSON.stringify(out.map((f) => [f.ruleId, f.loc.line, f.loc.column, f.resource, f.message])));
    console.log(JSON.stringify(dep.sites.map((s) => [s.model.value, s.siteRegion?.value, s.roleId, s.stack])));
  }
});
