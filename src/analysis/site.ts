// Per-site analysis shared by the rules: call region, the requests Bedrock authorizes for the call
// (SPEC §5 Bedrock specifics), and one IAM verdict per site. Computed once per run and cached.
import type { Catalog, ModelRef } from '../catalog/index.js';
import { evaluate } from '../iam/evaluate.js';
import type { Decision, EvalRequest, PolicyDoc, PolicyLayers, RequestContext } from '../iam/types.js';
import type { Deployment, InvocationSite, RegionValue, Role } from '../model/types.js';
import { SYMBOLIC_ACCOUNT } from '../model/template.js';
import { networkFor } from '../network/build.js';
import { endpointOnPath } from '../network/reach.js';
import type { RuleContext } from '../rule.js';
import type { Loc } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';

export interface SiteRequest extends EvalRequest {
  /** What this request stands for, for messages. */
  purpose: 'model' | 'profile' | 'destination' | 'regionless' | 'application-profile';
}

export type SiteVerdict =
  | { kind: 'allowed' }
  | { kind: 'no-principal' }
  | { kind: 'unknown'; reasons: string[] }
  | { kind: 'denied'; request: SiteRequest; decision: Decision; action: string }
  | { kind: 'profile-incomplete'; missing: string[]; decision: Decision }
  | { kind: 'stream-denied'; request: SiteRequest; decision: Decision };

export interface SiteAnalysis {
  site: InvocationSite;
  ref: ModelRef;
  callRegion?: RegionValue;
  role?: Role;
  layers?: PolicyLayers;
  requests: SiteRequest[];
  /** Why the requests could not be fully built (unknown region, unknown profile…). */
  requestUnknowns: string[];
  verdict: SiteVerdict;
  marketplace?: 'allowed' | 'denied' | 'unknown' | 'n/a';
}

const cache = new WeakMap<Deployment, SiteAnalysis[]>();

export function analyzeSites(ctx: RuleContext): SiteAnalysis[] {
  let out = cache.get(ctx.deployment);
  if (!out) {
    out = ctx.deployment.sites.map((s) => analyzeSite(s, ctx));
    cache.set(ctx.deployment, out);
  }
  return out;
}

export function callRegionOf(site: InvocationSite, dep: Deployment, fallback?: string): RegionValue | undefined {
  if (site.siteRegion) return site.siteRegion;
  const stack = dep.stacks.find((s) => s.name === site.stack && (s.file === site.file || site.stack !== undefined));
  if (stack?.region) return stack.region;
  return fallback ? { value: fallback, source: '--region' } : undefined;
}

function partitionOf(region: string): string {
  return region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
}

/** The (action, resource, context) triples Bedrock authorizes for one call. */
export function buildRequests(
  site: InvocationSite,
  ref: ModelRef,
  region: string | undefined,
  account: string,
  catalog: Catalog,
  dep: Deployment,
  action: string,
): { requests: SiteRequest[]; unknowns: string[] } {
  const unknowns: string[] = [];
  const requests: SiteRequest[] = [];
  const reg = region ?? UNKNOWN_MARK;
  const part = region ? partitionOf(region) : 'aws';
  const ctxFor = (r: string, extra: RequestContext = {}): RequestContext => ({ 'aws:requestedregion': [r], ...extra });
  const fm = (r: string, id: string) => `arn:${part}:bedrock:${r}::foundation-model/${id}`;
  if (!region) unknowns.push('the call region is unknown');
  const addProfile = (profileArn: string, profileId: string, src: string) => {
    requests.push({ action, resource: profileArn, context: ctxFor(src), purpose: 'profile' });
    const p = catalog.profile(profileId);
    const modelId = p?.modelId ?? profileId.replace(/^[a-z-]+\./, '');
    if (profileId.startsWith('global.')) {
      requests.push({ action, resource: fm(src, modelId), context: ctxFor(src, { 'bedrock:inferenceprofilearn': [profileArn] }), purpose: 'destination' });
      requests.push({ action, resource: `arn:${part}:bedrock:::foundation-model/${modelId}`, context: ctxFor('unspecified', { 'bedrock:inferenceprofilearn': [profileArn] }), purpose: 'regionless' });
      return;
    }
    const dests = src === UNKNOWN_MARK ? undefined : catalog.destinations(profileId, src);
    if (!dests) {
      unknowns.push(`the destination Regions of ${profileId} from ${src === UNKNOWN_MARK ? 'an unknown Region' : src} are not in the catalogue`);
      return;
    }
    for (const d of dests) requests.push({ action, resource: fm(d, modelId), context: ctxFor(d, { 'bedrock:inferenceprofilearn': [profileArn] }), purpose: 'destination' });
  };
  switch (ref.kind) {
    case 'model': {
      const r = ref.arnRegion ?? reg;
      requests.push({ action, resource: ref.arn ?? fm(r, ref.id), context: ctxFor(r), purpose: 'model' });
      break;
    }
    case 'profile': {
      const src = ref.arnRegion ?? reg;
      const arn = ref.arn ?? `arn:${part}:bedrock:${src}:${account}:inference-profile/${ref.id}`;
      addProfile(arn, ref.id, src);
      break;
    }
    case 'application-profile': {
      const src = ref.arnRegion ?? reg;
      requests.push({ action, resource: ref.arn, context: ctxFor(src), purpose: 'application-profile' });
      const under = dep.appProfiles.get(ref.arn);
      if (!under) {
        unknowns.push(`the models behind application inference profile ${ref.arn} are not in the inputs`);
        break;
      }
      for (const u of under) {
        const inner = catalog.parseModelRef(u.value);
        if (inner.kind === 'model') requests.push({ action, resource: inner.arn ?? fm(inner.arnRegion ?? src, inner.id), context: ctxFor(inner.arnRegion ?? src, { 'bedrock:inferenceprofilearn': [ref.arn] }), purpose: 'destination' });
        else if (inner.kind === 'profile') {
          const p = catalog.profile(inner.id);
          const dests = p ? catalog.destinations(inner.id, inner.arnRegion ?? src) : undefined;
          if (!dests) unknowns.push(`the destinations of ${inner.id} are not in the catalogue`);
          else for (const d of dests) requests.push({ action, resource: fm(d, p!.modelId), context: ctxFor(d, { 'bedrock:inferenceprofilearn': [ref.arn] }), purpose: 'destination' });
        } else unknowns.push(`the model behind ${ref.arn} is not known`);
      }
      break;
    }
    default:
      unknowns.push(`model reference ${site.model.value} is not a foundation model or inference profile bedrock-lint can evaluate`);
  }
  return { requests, unknowns };
}

/** Context keys bedrock-lint sets or knows to be absent for a direct call; every other key is unknown. */
function baseContext(site: InvocationSite, role: Role | undefined, account: string, dep: Deployment, region: string | undefined): { ctx: RequestContext; endpointPolicies: PolicyDoc[] } {
  const ctx: RequestContext = { 'aws:securetransport': ['true'], 'aws:viaawsservice': ['false'], 'aws:principalaccount': [account] };
  if (role?.arn && !role.arn.includes(UNKNOWN_MARK)) ctx['aws:principalarn'] = [role.arn];
  const compute = site.computeId ? dep.compute.find((c) => c.id === site.computeId && c.stack === site.stack) : undefined;
  const endpointPolicies: PolicyDoc[] = [];
  if (compute?.vpc) {
    const path = endpointOnPath({ attachment: compute.vpc, ...(region ? { region } : {}) }, networkFor(dep, compute.file));
    if (path?.endpoint) {
      ctx['aws:sourcevpce'] = path.endpoint.id.startsWith('vpce-') ? [path.endpoint.id] : 'unknown';
      ctx['aws:sourcevpc'] = 'unknown';
      if (path.endpoint.policy) endpointPolicies.push(path.endpoint.policy);
    } else if (path && !path.unknown) {
      // Through NAT/IGW to the public endpoint: the request carries no VPC endpoint keys.
    } else {
      ctx['aws:sourcevpce'] = 'unknown';
      ctx['aws:sourcevpc'] = 'unknown';
    }
  }
  return { ctx, endpointPolicies };
}

/** Keys the evaluation must treat as unknown: every condition key we do not set or know to be absent. */
const KNOWN_ABSENT = new Set(['aws:sourcevpce', 'aws:sourcevpc', 'aws:calledvia', 'aws:calledvialast', 'aws:calledviafirst', 'bedrock:inferenceprofilearn', 'aws:multifactorauthpresent', 'aws:multifactorauthage', 'aws:sourceip', 'aws:vpcsourceip', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceorgid', 'aws:sourceorgpaths', 'bedrock:prompttemplatearn', 'bedrock:guardrailidentifier', 'bedrock:promptrouterarn', 'bedrock:bearertokentype', 'aws:requesttag', 'aws:tagkeys']);

function withUnknownKeys(ctx: RequestContext, docs: PolicyDoc[]): RequestContext {
  const out: RequestContext = { ...ctx };
  for (const d of docs)
    for (const s of d.statements)
      for (const c of s.conditions) {
        const k = c.key.toLowerCase();
        if (k in out) continue;
        const base = k.split('/')[0]!;
        if (KNOWN_ABSENT.has(k) || KNOWN_ABSENT.has(base)) continue;
        out[k] = 'unknown';
      }
  return out;
}

function allDocs(l: PolicyLayers): PolicyDoc[] {
  return [...l.identity, ...(l.boundary ?? []), ...(l.scps ?? []).flat(), ...(l.endpoint ?? []), ...(l.resource ?? [])];
}

export function analyzeSite(site: InvocationSite, ctx: RuleContext): SiteAnalysis {
  const dep = ctx.deployment;
  const ref = ctx.catalog.parseModelRef(site.model.value);
  const callRegion = callRegionOf(site, dep, ctx.region);
  const role = site.roleId ? dep.roles.find((r) => r.id === site.roleId && (r.stack === site.stack || !site.stack)) ?? dep.roles.find((r) => r.id === site.roleId) : undefined;
  const stack = dep.stacks.find((s) => s.name === site.stack);
  const account = site.account ?? stack?.account ?? SYMBOLIC_ACCOUNT;
  const action = site.api === 'stream' ? 'bedrock:InvokeModelWithResponseStream' : 'bedrock:InvokeModel';
  const built = buildRequests(site, ref, callRegion?.value, account, ctx.catalog, dep, action);
  const base: SiteAnalysis = { site, ref, ...(callRegion ? { callRegion } : {}), ...(role ? { role } : {}), requests: built.requests, requestUnknowns: built.unknowns, verdict: { kind: 'no-principal' } };
  const identity = role?.policies ?? site.principalPolicies;
  if (!identity) return base;
  const pass = passThroughReason(site, role, dep);
  if (pass) {
    base.verdict = { kind: 'unknown', reasons: [pass] };
    return base;
  }
  const { ctx: rc, endpointPolicies } = baseContext(site, role, account, dep, callRegion?.value);
  const layers: PolicyLayers = {
    identity,
    ...(role?.boundary ?? site.principalBoundary ? { boundary: [(role?.boundary ?? site.principalBoundary)!] } : {}),
    ...(dep.scps.length ? { scps: [dep.scps] } : {}),
    ...(endpointPolicies.length ? { endpoint: endpointPolicies } : {}),
  };
  base.layers = layers;
  const docs = allDocs(layers);
  const principalArn = role?.arn && !role.arn.includes(UNKNOWN_MARK) ? role.arn : undefined;
  const run = (r: SiteRequest, act = r.action): Decision =>
    evaluate({ action: act, resource: r.resource, context: withUnknownKeys({ ...rc, ...r.context }, docs), ...(principalArn ? { principalArn } : {}) }, layers);

  base.verdict = verdictFor(built.requests, built.unknowns, run, site, account);
  base.marketplace = marketplaceCheck(ref, ctx.catalog, layers, rc, docs, ctx.date);
  return base;
}

export const grantsBedrockInvoke = (policies: PolicyDoc[]) =>
  policies.some((p) => p.statements.some((s) => s.effect === 'Allow' && [...(s.action ?? [])].some((a) => /^(bedrock:(\*|invoke)|\*$)/i.test(a.value))));

/**
 * Env-var sites of functions that may only hand the model ID on: code scanned and free of Bedrock
 * calls, or code not in the inputs while the role has no Bedrock grant but another role of the
 * same stack does (the ID is configuration for whoever holds that grant).
 */
function passThroughReason(site: InvocationSite, role: Role | undefined, dep: Deployment): string | undefined {
  if (!site.passThrough) return undefined;
  if (site.passThrough !== 'unscanned') return site.passThrough;
  if (!role || grantsBedrockInvoke(role.policies)) return undefined;
  const other = dep.roles.find((r) => r !== role && r.stack === role.stack && r.file === role.file && grantsBedrockInvoke(r.policies.filter((p) => !p.managedArn)));
  return other ? `${site.resource ?? 'the caller'} has no Bedrock grant and its code is not in the inputs, while role ${other.id} holds the Bedrock grants: it likely passes the model ID on` : undefined;
}

function verdictFor(requests: SiteRequest[], unknowns: string[], run: (r: SiteRequest, act?: string) => Decision, site: InvocationSite, account: string): SiteVerdict {
  if (requests.length === 0) return { kind: 'unknown', reasons: unknowns };
  const results = requests.map((r) => ({ r, d: run(r) }));
  const denied = results.filter((x) => x.d.verdict === 'denied');
  const unknown = results.filter((x) => x.d.verdict === 'unknown');
  if (denied.length === 0) {
    if (unknown.length || unknowns.length) return { kind: 'unknown', reasons: [...unknowns, ...unknown.flatMap((x) => x.d.unknowns)] };
    return { kind: 'allowed' };
  }
  // A hard-coded account in a policy cannot be compared with an account we do not know.
  if (account === SYMBOLIC_ACCOUNT) {
    const retried = denied.map((x) => run({ ...x.r, resource: x.r.resource.split(SYMBOLIC_ACCOUNT).join(UNKNOWN_MARK) }));
    if (retried.some((d) => d.verdict !== 'denied')) return { kind: 'unknown', reasons: ['the deployment account is unknown and a policy names a specific account'] };
  }
  const first = denied[0]!;
  // Streaming: would the same call be allowed without streaming?
  if (site.api === 'stream') {
    const plain = results.map((x) => run(x.r, 'bedrock:InvokeModel'));
    if (plain.every((d) => d.verdict === 'allowed')) return { kind: 'stream-denied', request: first.r, decision: first.d };
  }
  // Inference profile allowed, but destinations missing for lack of any allow.
  const profileReq = results.find((x) => x.r.purpose === 'profile' || x.r.purpose === 'application-profile');
  if (profileReq && profileReq.d.verdict === 'allowed' && denied.every((x) => x.r.purpose !== 'profile' && x.r.purpose !== 'application-profile' && x.d.layer === 'no-allow')) {
    return { kind: 'profile-incomplete', missing: denied.map((x) => x.r.resource), decision: first.d };
  }
  return { kind: 'denied', request: first.r, decision: first.d, action: first.r.action };
}

function marketplaceCheck(ref: ModelRef, catalog: Catalog, layers: PolicyLayers, rc: RequestContext, docs: PolicyDoc[], date: string): SiteAnalysis['marketplace'] {
  const modelId = ref.kind === 'model' ? ref.id : ref.kind === 'profile' ? ref.modelId : undefined;
  const model = modelId ? catalog.model(modelId) : undefined;
  // A model past its end of life (on --date) cannot be subscribed to: model-end-of-life says so.
  if (!model || !model.marketplace || catalog.lifecycle(model.id, date).status === 'eol') return 'n/a';
  const ctx: RequestContext = { ...rc, 'aws:calledvialast': ['bedrock.amazonaws.com'], 'aws:calledvia': ['bedrock.amazonaws.com'], 'aws:viaawsservice': ['true'] };
  let verdict: 'allowed' | 'denied' | 'unknown' = 'allowed';
  for (const action of ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions']) {
    const d = evaluate({ action, resource: '*', context: withUnknownKeys(ctx, docs) }, layers);
    if (d.verdict === 'denied') return 'denied';
    if (d.verdict === 'unknown') verdict = 'unknown';
  }
  return verdict;
}

/** Where an IAM finding about a role points: the statement that tried to grant, else the role. */
export function grantLocation(a: SiteAnalysis, decision?: Decision): Loc {
  const site = a.site;
  const realFile = (l: Loc | undefined) => (l && !l.file.startsWith('aws-managed:') ? l : undefined);
  if (decision?.deciding && (decision.layer === 'explicit-deny' || decision.layer === 'condition') && decision.deciding.policy.kind === 'identity') {
    const l = realFile(decision.deciding.statement.loc);
    if (l) return l;
  }
  const identity = a.role?.policies ?? site.principalPolicies ?? [];
  // The statement that tried to grant the call: an invoke action first, then any Bedrock action.
  for (const wanted of [/^(bedrock|bedrock-runtime):(\*|invoke)/i, /^(bedrock|bedrock-runtime):|^\*$/i]) {
    for (const p of identity) {
      if (p.managedArn) continue;
      for (const s of p.statements) {
        const act = s.effect === 'Allow' ? (s.action ?? []).find((x) => wanted.test(x.value)) : undefined;
        const l = act && realFile(act.loc);
        if (l) return l;
      }
    }
  }
  if (a.role) return a.role.loc;
  const first = identity.find((p) => !p.managedArn);
  return first?.loc ?? site.model.loc;
}

export function statementName(d: Decision): string {
  if (!d.deciding) return '';
  const s = d.deciding.statement;
  return `${d.deciding.policy.name} statement ${s.sid ? `"${s.sid}"` : `#${s.index + 1}`}`;
}
