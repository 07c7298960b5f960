// `bedrock-lint can-invoke`: evaluates policy files for one Bedrock call, with the evaluation trace.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from './catalog/index.js';
import { buildRequests } from './analysis/site.js';
import { evaluate } from './iam/evaluate.js';
import { parsePolicyNode } from './iam/parse.js';
import type { PolicyDoc, PolicyKind, PolicyLayers } from './iam/types.js';
import { parseJson } from './load/json.js';
import { parseYaml } from './load/yaml.js';
import type { Deployment, InvocationSite } from './model/types.js';
import { UNKNOWN_MARK } from './types.js';

export interface CanInvokeInput {
  policy: string[];
  boundary?: string[];
  scp?: string[];
  endpointPolicy?: string[];
  model: string;
  region: string;
  stream?: boolean;
  account?: string;
  cwd: string;
}

function readPolicy(file: string, kind: PolicyKind, cwd: string): PolicyDoc {
  const abs = path.resolve(cwd, file);
  const text = readFileSync(abs, 'utf8');
  const rel = path.relative(cwd, abs).split(path.sep).join('/');
  const res = /^\s*[{[]/.test(text) ? parseJson(text, rel) : parseYaml(text, rel);
  if (res.errors.length || !res.root) throw new Error(`${rel}: ${res.errors[0]?.message ?? 'empty policy file'}`);
  return parsePolicyNode(res.root, { id: rel, name: rel, kind });
}

export function canInvoke(o: CanInvokeInput): { text: string; exitCode: number } {
  let layers: PolicyLayers;
  try {
    layers = {
      identity: o.policy.map((p) => readPolicy(p, 'identity', o.cwd)),
      ...(o.boundary?.length ? { boundary: o.boundary.map((p) => readPolicy(p, 'boundary', o.cwd)) } : {}),
      ...(o.scp?.length ? { scps: [o.scp.map((p) => readPolicy(p, 'scp', o.cwd))] } : {}),
      ...(o.endpointPolicy?.length ? { endpoint: o.endpointPolicy.map((p) => readPolicy(p, 'endpoint', o.cwd)) } : {}),
    };
  } catch (e) {
    return { text: `error: ${(e as Error).message}\n`, exitCode: 3 };
  }
  const catalog = loadCatalog();
  const ref = catalog.parseModelRef(o.model);
  const site: InvocationSite = { model: { value: o.model, loc: { file: '-', line: 1, column: 1, endLine: 1, endColumn: 1 } }, api: o.stream ? 'stream' : 'invoke', file: '-', source: 'config', via: [] };
  const dep = { appProfiles: new Map() } as unknown as Deployment;
  const action = o.stream ? 'bedrock:InvokeModelWithResponseStream' : 'bedrock:InvokeModel';
  const { requests, unknowns } = buildRequests(site, ref, o.region, o.account ?? UNKNOWN_MARK, catalog, dep, action);
  const lines: string[] = [];
  let overall: 'Allowed' | 'Denied' | 'Unknown' = requests.length ? 'Allowed' : 'Unknown';
  for (const r of requests) {
    const d = evaluate({ action: r.action, resource: r.resource, context: { ...r.context, 'aws:securetransport': ['true'] } }, layers);
    const v = d.verdict === 'allowed' ? 'Allowed' : d.verdict === 'denied' ? 'Denied' : 'Unknown';
    if (v === 'Denied') overall = 'Denied';
    else if (v === 'Unknown' && overall === 'Allowed') overall = 'Unknown';
    lines.push(`${v.padEnd(7)} ${r.action} on ${r.resource} (aws:RequestedRegion=${(r.context['aws:requestedregion'] as string[] | undefined)?.join(',') ?? '-'})${d.layer && v === 'Denied' ? ` [${d.layer}]` : ''}`);
    for (const t of d.trace) lines.push(`          ${t}`);
    for (const u of d.unknowns) lines.push(`          unknown: ${u}`);
  }
  for (const u of unknowns) lines.push(`note: ${u}`);
  // Unknown parts of ARNs (the account without --account) are shown to people as <unknown>.
  const text = `${overall}\n${lines.join('\n')}\n`.split(UNKNOWN_MARK).join('<unknown>');
  return { text, exitCode: overall === 'Allowed' ? 0 : overall === 'Denied' ? 1 : 0 };
}
