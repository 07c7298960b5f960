// One network verdict per VPC-attached caller and call region, computed once per run and shared by
// the network-* rules (each rule reports only the verdict kind it owns, so a site gets one verdict).
import { callRegionOf } from '../analysis/site.js';
import type { Compute, InvocationSite } from '../model/types.js';
import type { RuleContext } from '../rule.js';
import type { RawFinding } from '../types.js';
import { networkFor } from './build.js';
import { findRouteToBedrock } from './reach.js';
import type { Reachability, RouteQuery } from './types.js';

export interface NetworkVerdict {
  compute: Compute;
  /** The sites this caller makes from this region (at least one). */
  sites: InvocationSite[];
  region?: string;
  query: RouteQuery;
  reach: Reachability;
}

/** Environment variables that point the SDK (or the app's own client setup) at another endpoint URL. */
const ENDPOINT_ENV = /^(AWS_ENDPOINT_URL|AWS_ENDPOINT_URL_BEDROCK_RUNTIME|BEDROCK_(?:RUNTIME_)?ENDPOINT(?:_URL)?|BEDROCK_(?:RUNTIME_)?URL|ENDPOINT_URL)$/i;

/** Does the caller set the bedrock-runtime endpoint URL itself (env var or client code)? */
export function setsEndpointUrl(compute: Compute): boolean {
  if (compute.codeFacts?.endpointOverride) return true;
  return compute.env.some(
    (e) => (ENDPOINT_ENV.test(e.name) && e.value.value.trim() !== '') || /vpce-[0-9a-z]+[^\s]*bedrock-runtime/i.test(e.value.value),
  );
}

function usesFips(compute: Compute): boolean {
  return compute.env.some((e) => e.name === 'AWS_USE_FIPS_ENDPOINT' && e.value.value.toLowerCase() === 'true');
}

const cache = new WeakMap<object, NetworkVerdict[]>();

export function networkVerdicts(ctx: RuleContext): NetworkVerdict[] {
  const dep = ctx.deployment;
  const cached = cache.get(dep);
  if (cached) return cached;
  const computeByKey = new Map<string, Compute>();
  for (const c of dep.compute) {
    computeByKey.set(`${c.file}\u0000${c.id}`, c);
    if (!computeByKey.has(c.id)) computeByKey.set(c.id, c);
  }
  const byCaller = new Map<string, NetworkVerdict>();
  const out: NetworkVerdict[] = [];
  for (const site of dep.sites) {
    if (!site.computeId) continue;
    const compute = computeByKey.get(`${site.file}\u0000${site.computeId}`) ?? computeByKey.get(site.computeId);
    if (!compute?.vpc) continue;
    const region = callRegionOf(site, dep, ctx.region)?.value;
    const key = `${compute.file}\u0000${compute.id}\u0000${region ?? ''}`;
    const seen = byCaller.get(key);
    if (seen) {
      seen.sites.push(site);
      continue;
    }
    const query: RouteQuery = {
      attachment: compute.vpc,
      action: site.api === 'stream' ? 'bedrock:InvokeModelWithResponseStream' : 'bedrock:InvokeModel',
      caller: compute.id,
      endpointUrlOverride: setsEndpointUrl(compute),
      useFips: usesFips(compute),
      ...(region ? { region } : {}),
    };
    const v: NetworkVerdict = { compute, sites: [site], query, reach: findRouteToBedrock(query, networkFor(dep, compute.file)), ...(region ? { region } : {}) };
    byCaller.set(key, v);
    out.push(v);
  }
  cache.set(dep, out);
  return out;
}

/** Shared shape of a network finding; `at` is what the user edits. */
export function networkFinding(
  ruleId: string,
  v: NetworkVerdict,
  message: string,
  at: { resource: string; loc: RawFinding['loc']; fix: string },
  trace: string[],
  key = `${v.compute.id} ${at.resource}`,
): RawFinding {
  return {
    ruleId,
    message,
    loc: at.loc,
    resource: at.resource,
    ...(v.compute.stack ? { stack: v.compute.stack } : {}),
    trace: [`${v.compute.id} (${v.compute.type}) in ${v.region ?? 'an unknown Region'}`, ...trace],
    fix: at.fix,
    key,
  };
}

/**
 * template-unresolved notes for callers whose path cannot be decided (imported subnets, unknown
 * route targets…): what is unknown and how to supply it. The engine's template-unresolved rule adds them.
 */
export function networkUnresolvedFindings(ctx: RuleContext): RawFinding[] {
  const out: RawFinding[] = [];
  for (const v of networkVerdicts(ctx)) {
    if (v.reach.kind !== 'unknown') continue;
    const reasons = [...new Set(v.reach.reasons)];
    out.push({
      ruleId: 'template-unresolved',
      message: `whether ${v.compute.id} can reach bedrock-runtime could not be decided: ${reasons.slice(0, 3).join('; ')}; add the template that defines the network, or pass \`aws ec2 describe-vpc-endpoints\` output, to check it`,
      loc: v.compute.vpc!.loc,
      resource: v.compute.id,
      ...(v.compute.stack ? { stack: v.compute.stack } : {}),
      key: `network-unknown ${v.compute.id}`,
    });
  }
  return out;
}
