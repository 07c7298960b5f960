// Our IAM policy evaluator: AWS's documented evaluation logic for a request within one account,
// three-valued. Order (AWS "Policy evaluation logic"): an explicit deny in any policy wins; then
// every SCP level and RCP level must allow; then an identity-based or resource-based allow; then
// the permission boundary, session policies and VPC endpoint policies on the path must allow.
// Unknown inputs make a result unknown, never denied.
import { UNKNOWN_MARK, type Str } from '../types.js';
import { evaluateCondition, parseOperator, type ConditionEnv } from './conditions.js';
import { matchExact, matchGlob, substituteVariables, type VariableLookup } from './match.js';
import { triAnd, triNot, triOr, type Tri } from './tri.js';
import type {
  Decision,
  DecisionLayer,
  DecidingStatement,
  EvalRequest,
  PolicyDoc,
  PolicyKind,
  PolicyLayers,
  PrincipalSpec,
  Statement,
} from './types.js';

interface StatementResult {
  /** Action, resource and principal all match. */
  target: Tri;
  conditions: Tri;
  applies: Tri;
  /** The first condition that evaluated to false, for explanations. */
  failedCondition?: string;
}

interface DocScan {
  doc: PolicyDoc;
  allow: Tri;
  deny: Tri;
  allowBy?: Statement;
  denyBy?: Statement;
  /** An Allow whose action/resource/principal matched but whose condition was false. */
  conditionFailed?: Statement;
}

interface Env {
  req: EvalRequest;
  lowerAction: string;
  lookup: VariableLookup;
  trace: string[];
  unknowns: string[];
}

const KIND_LABEL: Record<PolicyKind, string> = {
  identity: 'identity policy',
  boundary: 'permissions boundary',
  scp: 'SCP',
  rcp: 'RCP',
  endpoint: 'VPC endpoint policy',
  resource: 'resource policy',
  session: 'session policy',
  trust: 'trust policy',
};

/** Principal/NotPrincipal only mean something in policies attached to resources or endpoints. */
const PRINCIPAL_KINDS = new Set<PolicyKind>(['resource', 'endpoint', 'rcp', 'trust']);

export function statementLabel(doc: PolicyDoc, st: Statement): string {
  const which = st.sid ? `statement "${st.sid}"` : `statement #${st.index + 1}`;
  return `${KIND_LABEL[doc.kind]} ${doc.name}, ${which} (${st.loc.file}:${st.loc.line})`;
}

function anyMatch(values: Str[], test: (v: Str) => Tri): Tri {
  let r: Tri = false;
  for (const v of values) {
    r = triOr(r, test(v));
    if (r === true) return r;
  }
  return r;
}

function matchesAction(st: Statement, env: Env): Tri {
  const test = (v: Str) => matchGlob(v.value, env.lowerAction, true);
  if (st.action) return anyMatch(st.action, test);
  if (st.notAction) return triNot(anyMatch(st.notAction, test));
  return false;
}

function matchesResource(doc: PolicyDoc, st: Statement, env: Env): Tri {
  const variables = doc.version === '2012-10-17';
  const test = (v: Str): Tri => {
    const pattern = variables ? substituteVariables(v.value, env.lookup) : v.value;
    return pattern === undefined ? false : matchGlob(pattern, env.req.resource, false);
  };
  if (st.resource) return anyMatch(st.resource, test);
  if (st.notResource) return triNot(anyMatch(st.notResource, test));
  return true;
}

function accountOf(arn: string): string | undefined {
  const parts = arn.split(':');
  return parts.length >= 6 ? parts[4] : undefined;
}

function matchesPrincipalSpec(spec: PrincipalSpec, principalArn: string | undefined): Tri {
  if (spec.any) return true;
  const aws = spec.entries['AWS'] ?? [];
  return anyMatch(aws, (v) => {
    const p = v.value.trim();
    if (p === '*') return true;
    if (principalArn === undefined) return 'unknown';
    const account = /^\d{12}$/.test(p) ? p : /^arn:[^:]+:iam::(\d{12}):root$/.exec(p)?.[1];
    if (account !== undefined) return account === accountOf(principalArn);
    return matchExact(p, principalArn, false);
  });
}

function matchesPrincipal(doc: PolicyDoc, st: Statement, env: Env): Tri {
  if (!PRINCIPAL_KINDS.has(doc.kind)) return true;
  if (st.principal) return matchesPrincipalSpec(st.principal, env.req.principalArn);
  if (st.notPrincipal) return triNot(matchesPrincipalSpec(st.notPrincipal, env.req.principalArn));
  return true;
}

function evaluateStatement(doc: PolicyDoc, st: Statement, env: Env): StatementResult {
  let target = matchesAction(st, env);
  if (target !== false) target = triAnd(target, matchesResource(doc, st, env));
  if (target !== false) target = triAnd(target, matchesPrincipal(doc, st, env));
  if (target === false) return { target, conditions: true, applies: false };
  const condEnv: ConditionEnv = { lookup: env.lookup, variables: doc.version === '2012-10-17' };
  let conditions: Tri = true;
  let failedCondition: string | undefined;
  for (const c of st.conditions) {
    const r = evaluateCondition(c, condEnv);
    if (r === false) {
      failedCondition = `${c.operator} ${c.key}`;
      conditions = false;
      break;
    }
    conditions = triAnd(conditions, r);
  }
  const res: StatementResult = { target, conditions, applies: triAnd(target, conditions) };
  if (failedCondition !== undefined) res.failedCondition = failedCondition;
  return res;
}

/** Why a statement's applicability is unknown, for the people reading the result. */
function unknownReasons(doc: PolicyDoc, st: Statement, env: Env): string[] {
  const out: string[] = [];
  const label = statementLabel(doc, st);
  const strs = [...(st.action ?? []), ...(st.notAction ?? []), ...(st.resource ?? []), ...(st.notResource ?? [])];
  for (const s of strs) {
    if (s.value.includes(UNKNOWN_MARK)) out.push(`${label}: value ${s.value.replaceAll(UNKNOWN_MARK, '?')} is unknown${s.unknown ? ` (${s.unknown})` : ''}`);
  }
  if (PRINCIPAL_KINDS.has(doc.kind) && (st.principal || st.notPrincipal) && env.req.principalArn === undefined) {
    out.push(`${label}: the calling principal is unknown`);
  }
  const condEnv: ConditionEnv = { lookup: env.lookup, variables: doc.version === '2012-10-17' };
  for (const c of st.conditions) {
    if (evaluateCondition(c, condEnv) !== 'unknown') continue;
    if (parseOperator(c.operator) === undefined) out.push(`${label}: unknown condition operator ${c.operator.replaceAll(UNKNOWN_MARK, '?')}`);
    else if (env.lookup(c.key.toLowerCase()) === 'unknown') out.push(`${label}: context key ${c.key} is unknown`);
    else out.push(`${label}: condition ${c.operator} ${c.key} has an unknown value${c.values.find((v) => v.unknown)?.unknown ? ` (${c.values.find((v) => v.unknown)?.unknown})` : ''}`);
  }
  if (out.length === 0) out.push(`${label}: could not be fully resolved`);
  return out;
}

function scanDoc(doc: PolicyDoc, env: Env): DocScan {
  const scan: DocScan = { doc, allow: false, deny: false };
  if (doc.unknown !== undefined) {
    // Statements we cannot see may allow or deny anything.
    scan.allow = 'unknown';
    scan.deny = 'unknown';
    env.trace.push(`${KIND_LABEL[doc.kind]} ${doc.name} (${doc.loc.file}:${doc.loc.line}): content unknown (${doc.unknown})`);
    env.unknowns.push(`${KIND_LABEL[doc.kind]} ${doc.name}: ${doc.unknown}`);
  }
  for (const st of doc.statements) {
    const r = evaluateStatement(doc, st, env);
    if (r.applies === true) {
      env.trace.push(`${statementLabel(doc, st)}: ${st.effect} applies`);
      if (st.effect === 'Allow') {
        scan.allow = true;
        if (scan.allowBy === undefined || st.index < scan.allowBy.index) scan.allowBy = st;
      } else {
        scan.deny = true;
        if (scan.denyBy === undefined || st.index < scan.denyBy.index) scan.denyBy = st;
      }
    } else if (r.applies === 'unknown') {
      const reasons = unknownReasons(doc, st, env);
      env.trace.push(`${statementLabel(doc, st)}: ${st.effect} may apply (unknown)`);
      env.unknowns.push(...reasons);
      if (st.effect === 'Allow') scan.allow = triOr(scan.allow, 'unknown');
      else scan.deny = triOr(scan.deny, 'unknown');
    } else if (r.target === true && r.conditions === false && st.effect === 'Allow') {
      env.trace.push(`${statementLabel(doc, st)}: Allow matches the action and resource but its condition ${r.failedCondition ?? ''} is false`);
      if (scan.conditionFailed === undefined || st.index < scan.conditionFailed.index) scan.conditionFailed = st;
    }
  }
  return scan;
}

function orAllow(scans: DocScan[]): Tri {
  let r: Tri = false;
  for (const s of scans) r = triOr(r, s.allow);
  return r;
}

interface Gate {
  layer: DecisionLayer;
  result: Tri;
  scans: DocScan[];
  label: string;
}

function firstConditionFailure(scans: DocScan[]): DecidingStatement | undefined {
  for (const s of scans) if (s.conditionFailed) return { policy: s.doc, statement: s.conditionFailed };
  return undefined;
}

/**
 * Evaluates one request against all policy layers. Pure; the result does not depend on the
 * order of statements within a policy.
 */
export function evaluate(req: EvalRequest, layers: PolicyLayers): Decision {
  const context = req.context;
  const env: Env = {
    req,
    lowerAction: req.action.toLowerCase(),
    lookup: (key) => context[key] ?? (key === 'aws:principalarn' && req.principalArn !== undefined ? [req.principalArn] : undefined),
    trace: [],
    unknowns: [],
  };
  const scanAll = (docs: PolicyDoc[] | undefined) => (docs ?? []).map((d) => scanDoc(d, env));
  const identity = scanAll(layers.identity);
  const resource = scanAll(layers.resource);
  const boundary = layers.boundary === undefined ? undefined : scanAll(layers.boundary);
  const session = layers.session && layers.session.length > 0 ? scanAll(layers.session) : undefined;
  const scps = (layers.scps ?? []).filter((level) => level.length > 0).map(scanAll);
  const rcps = (layers.rcps ?? []).filter((level) => level.length > 0).map(scanAll);
  const endpoint = scanAll(layers.endpoint);

  // 1. Explicit deny anywhere.
  const everything = [...identity, ...resource, ...(boundary ?? []), ...(session ?? []), ...scps.flat(), ...rcps.flat(), ...endpoint];
  let deny: Tri = false;
  for (const s of everything) deny = triOr(deny, s.deny);
  const trace = env.trace;
  if (deny === true) {
    const by = everything.find((s) => s.denyBy !== undefined) as DocScan;
    const statement = by.denyBy as Statement;
    trace.push(`Result: denied by the explicit deny in ${statementLabel(by.doc, statement)}`);
    return { verdict: 'denied', layer: 'explicit-deny', deciding: { policy: by.doc, statement }, trace, unknowns: [] };
  }

  // 2. Every gate must allow.
  const gates: Gate[] = [];
  scps.forEach((level, i) => gates.push({ layer: 'scp', result: orAllow(level), scans: level, label: `SCP level ${i + 1}` }));
  rcps.forEach((level, i) => gates.push({ layer: 'rcp', result: orAllow(level), scans: level, label: `RCP level ${i + 1}` }));
  const principal = [...identity, ...resource];
  gates.push({ layer: 'no-allow', result: orAllow(principal), scans: principal, label: 'identity and resource policies' });
  if (boundary) gates.push({ layer: 'boundary', result: orAllow(boundary), scans: boundary, label: 'permissions boundary' });
  if (session) gates.push({ layer: 'session', result: orAllow(session), scans: session, label: 'session policies' });
  for (const s of endpoint) gates.push({ layer: 'endpoint', result: s.allow, scans: [s], label: `VPC endpoint policy ${s.doc.name}` });

  const what = `${req.action} on ${req.resource.replaceAll(UNKNOWN_MARK, '?')}`;
  let allowed: Tri = true;
  for (const g of gates) allowed = triAnd(allowed, g.result);
  if (allowed === false) {
    const g = gates.find((x) => x.result === false) as Gate;
    const failed = firstConditionFailure(g.scans);
    let layer = g.layer;
    if (layer === 'no-allow' && failed) layer = 'condition';
    trace.push(
      layer === 'condition' && failed
        ? `Result: denied; the only matching allow has a false condition: ${statementLabel(failed.policy, failed.statement)}`
        : `Result: denied; ${g.label}: nothing allows ${what}`,
    );
    const d: Decision = { verdict: 'denied', layer, trace, unknowns: [] };
    if (failed) d.deciding = failed;
    return d;
  }
  if (allowed === 'unknown' || deny === 'unknown') {
    trace.push(`Result: unknown; ${env.unknowns.length} unresolved input(s)`);
    return { verdict: 'unknown', trace, unknowns: [...new Set(env.unknowns)] };
  }
  const grant = identity.find((s) => s.allowBy) ?? resource.find((s) => s.allowBy);
  const d: Decision = { verdict: 'allowed', trace, unknowns: [] };
  if (grant?.allowBy) {
    d.deciding = { policy: grant.doc, statement: grant.allowBy };
    trace.push(`Result: allowed by ${statementLabel(grant.doc, grant.allowBy)}`);
  }
  return d;
}
