// Fuzz suite (SPEC §11: "no input makes it crash"): generated and mutated inputs through every
// loader, the intrinsic resolver, the IAM evaluator, and the whole engine on mutations of the real
// corpus. Over 10,000 inputs per run. The only exception any of them may raise is BudgetError;
// every location they report must be a real position.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { stringify as yamlStringify, parse as yamlParse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintSync } from '../../src/engine.js';
import { evaluate } from '../../src/iam/evaluate.js';
import { parsePolicyJson } from '../../src/iam/parse.js';
import type { EvalRequest, PolicyDoc, PolicyKind, PolicyLayers } from '../../src/iam/types.js';
import { BudgetError } from '../../src/load/budget.js';
import { parseJson } from '../../src/load/json.js';
import { fromPlain, toPlain } from '../../src/load/node.js';
import { parseYaml } from '../../src/load/yaml.js';
import { resolveNode, type ResolveContext } from '../../src/resolve/intrinsics.js';
import { UNKNOWN_MARK, type Loc, type Node } from '../../src/types.js';
import { SHARED } from '../helpers/cli.js';

const CORPUS = path.join(SHARED, 'corpus/real');

// ------------------------------------------------------------------ location checks
function locProblem(loc: Loc | undefined, what: string): string | undefined {
  if (!loc) return `${what}: no location`;
  const ok =
    typeof loc.file === 'string' &&
    loc.file.length > 0 &&
    Number.isInteger(loc.line) &&
    loc.line >= 1 &&
    Number.isInteger(loc.column) &&
    loc.column >= 1 &&
    Number.isInteger(loc.endLine) &&
    loc.endLine >= loc.line &&
    Number.isInteger(loc.endColumn) &&
    loc.endColumn >= 1 &&
    (loc.endLine > loc.line || loc.endColumn >= loc.column);
  return ok ? undefined : `${what}: bad location ${JSON.stringify(loc)}`;
}

/** The first node (or map key) of a tree whose location is not a real position. */
function treeProblem(node: Node | undefined): string | undefined {
  const stack: Node[] = node ? [node] : [];
  while (stack.length) {
    const n = stack.pop()!;
    const p = locProblem(n.loc, n.kind);
    if (p) return p;
    if (n.kind === 'map') {
      for (const e of n.entries) {
        const k = locProblem(e.keyLoc, `key ${JSON.stringify(e.key)}`);
        if (k) return k;
        stack.push(e.value);
      }
    } else if (n.kind === 'seq') stack.push(...n.items);
  }
  return undefined;
}

/** Runs a loader: a BudgetError is an allowed outcome, anything else thrown is a failure. */
function load(fn: () => { root: Node | undefined; errors: { loc: Loc }[] }): void {
  let res;
  try {
    res = fn();
  } catch (e) {
    if (e instanceof BudgetError) {
      if (e.loc) expect(locProblem(e.loc, 'budget error')).toBeUndefined();
      return;
    }
    throw e;
  }
  expect(treeProblem(res.root)).toBeUndefined();
  for (const err of res.errors) expect(locProblem(err.loc, 'load error')).toBeUndefined();
}

// ------------------------------------------------------------------ loaders
const yamlToken = fc.constantFrom(
  'Resources', 'Type', 'AWS::IAM::Role', 'a', 'é', '😀', '\uFFFF', '\uFEFF', '0x1F', '1e3', '-', '~', 'null', 'true',
  ': ', ':', '\n', '\r\n', '  ', '    ', '\t', '- ', '[', ']', '{', '}', ',', '"', "'", '\\', '&a ', '*a', '&b ', '*b',
  '!Ref ', '!Sub ', '!GetAtt ', '!If ', '!Base64 ', '!!str ', '!!binary ', '!<tag:yaml.org,2002:str> ', '#', ' # c',
  '|', '|-', '>+', '---\n', '...\n', '? ', '%YAML 1.1\n', '%TAG ! tag:x,2000:\n', '<<: ', '@', '`',
);
const jsonToken = fc.constantFrom(
  '{', '}', '[', ']', ',', ':', '"a"', '"Resources"', '"Type"', '"', '1', '-', '0', '.5', 'e3', '1e999', 'true', 'nul',
  ' ', '\n', '\r', '\\', '"\\u00', '"\\ud800"', '/', '/*', '\uFEFF', '\uFFFF', '"__proto__"', '\u2028',
);

/** A few byte-level edits of a string: flips, insertions, deletions, truncation. */
const mutation = fc.array(fc.tuple(fc.constantFrom('flip', 'insert', 'delete', 'truncate', 'duplicate'), fc.nat(), fc.integer({ min: 0, max: 0xffff })), { minLength: 1, maxLength: 4 });
function mutate(text: string, edits: [string, number, number][]): string {
  let t = text;
  for (const [kind, at, code] of edits) {
    const i = t.length ? at % t.length : 0;
    if (kind === 'flip') t = t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << code % 8)) + t.slice(i + 1);
    else if (kind === 'insert') t = t.slice(0, i) + String.fromCharCode(code) + t.slice(i);
    else if (kind === 'delete') t = t.slice(0, i) + t.slice(i + 1 + (code % 16));
    else if (kind === 'truncate') t = t.slice(0, i);
    else t = t.slice(0, i) + t.slice(i, i + 1 + (code % 64)) + t.slice(i);
  }
  return t;
}

describe('loaders', () => {
  it('parseYaml: random token soups, binary strings and mutated YAML never crash', () => {
    fc.assert(fc.property(fc.array(yamlToken, { maxLength: 80 }), (parts) => load(() => parseYaml(parts.join(''), 'f.yaml'))), { numRuns: 1500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => load(() => parseYaml(text, 'f.yaml'))), { numRuns: 500 });
    const seed = yamlStringify({ Resources: { R: { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { MODEL_ID: 'amazon.nova-pro-v1:0' } }, Tags: [{ Key: 'a', Value: 'b' }] } } } });
    fc.assert(fc.property(mutation, (edits) => load(() => parseYaml(mutate(`${seed}X: !Sub "\${AWS::Region}"\nY: &y [1]\nZ: *y\n`, edits), 'f.yaml'))), { numRuns: 700 });
  });

  it('parseYaml reads what yaml.stringify writes, with the same values as yaml.parse', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        const text = yamlStringify(value);
        const res = parseYaml(text, 'f.yaml');
        expect(res.errors).toEqual([]);
        expect(treeProblem(res.root)).toBeUndefined();
        const expected = yamlParse(text, { version: '1.2', schema: 'core' }) as unknown;
        expect(res.root === undefined ? null : toPlain(res.root)).toEqual(expected ?? null);
      }),
      { numRuns: 500 },
    );
  });

  it('parseJson: random token soups, binary strings and mutated JSON never crash', () => {
    fc.assert(fc.property(fc.array(jsonToken, { maxLength: 60 }), (parts) => load(() => parseJson(parts.join(''), 'f.json'))), { numRuns: 1500 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => load(() => parseJson(text, 'f.json'))), { numRuns: 500 });
    const seed = JSON.stringify({ Resources: { R: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'bedrock:*', Resource: '*' }] } } } }, list: [1, -2.5e3, true, null, 'é\u2028'] }, null, 1);
    fc.assert(fc.property(mutation, (edits) => load(() => parseJson(mutate(seed, edits), 'f.json'))), { numRuns: 700 });
  });

  it('parseJson agrees with JSON.parse on every valid document', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.constantFrom(0, 1, 2, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const res = parseJson(text, 'f.json');
        expect(res.errors).toEqual([]);
        expect(treeProblem(res.root)).toBeUndefined();
        expect(toPlain(res.root!)).toEqual(JSON.parse(text));
      }),
      { numRuns: 500 },
    );
  });
});

// ------------------------------------------------------------------ intrinsic resolver
const L: Loc = { file: 't.yaml', line: 3, column: 5, endLine: 3, endColumn: 9 };
const names = fc.constantFrom('P', 'Q', 'Env', 'R', 'Fn', 'C', 'D', 'AWS::Region', 'AWS::AccountId', 'AWS::NoValue', 'AWS::Partition', 'AWS::StackName', 'AWS::URLSuffix', 'AWS::NotificationARNs', '', 'x.y');
const scalars = fc.oneof(names, fc.string({ maxLength: 12 }), fc.constantFrom('${P}-${AWS::Region}', '${!Literal}', '${R.Arn}', '${', 'a,b,c', '10.0.0.0/16', UNKNOWN_MARK), fc.integer({ min: -3, max: 300 }), fc.boolean(), fc.constant(null));
const INTRINSICS = ['Ref', 'Condition', 'Fn::Sub', 'Fn::Join', 'Fn::Select', 'Fn::Split', 'Fn::If', 'Fn::Equals', 'Fn::And', 'Fn::Or', 'Fn::Not', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::ImportValue', 'Fn::Base64', 'Fn::Cidr', 'Fn::GetAZs', 'Fn::Length', 'Fn::ToJsonString', 'Fn::Transform', 'Fn::Unknown'];
const cond = fc.constantFrom('C', 'D', 'E', 'Missing');
/** Mostly well-shaped intrinsics (so evaluation goes deep), sometimes any arguments at all. */
const { tree } = fc.letrec<{ tree: unknown; intrinsic: unknown; list: unknown }>((tie) => ({
  tree: fc.oneof({ depthSize: 'medium', withCrossShrink: true }, { arbitrary: scalars, weight: 3 }, { arbitrary: tie('intrinsic'), weight: 4 }, { arbitrary: tie('list'), weight: 1 }, { arbitrary: fc.dictionary(names, tie('tree'), { maxKeys: 3 }), weight: 1 }),
  list: fc.array(tie('tree'), { maxLength: 4 }),
  intrinsic: fc.oneof(
    names.map((n) => ({ Ref: n })),
    cond.map((c) => ({ Condition: c })),
    fc.tuple(fc.constantFrom('${P}-${AWS::Region}', 'arn:${AWS::Partition}:bedrock:${AWS::Region}::foundation-model/${Model}', '${R.Arn}/${!x}', '${Missing}', '${'), fc.dictionary(fc.constantFrom('Model', 'P', 'x'), tie('tree'), { maxKeys: 2 })).map(([t, vars]) => ({ 'Fn::Sub': Object.keys(vars).length ? [t, vars] : t })),
    fc.tuple(fc.constantFrom('', ',', ':', '/'), tie('list')).map((a) => ({ 'Fn::Join': a })),
    fc.tuple(fc.oneof(fc.integer({ min: -1, max: 4 }), tie('tree')), tie('tree')).map((a) => ({ 'Fn::Select': a })),
    fc.tuple(fc.constantFrom(',', '', ':'), tie('tree')).map((a) => ({ 'Fn::Split': a })),
    fc.tuple(cond, tie('tree'), tie('tree')).map((a) => ({ 'Fn::If': a })),
    fc.tuple(tie('tree'), tie('tree')).map((a) => ({ 'Fn::Equals': a })),
    fc.tuple(fc.constantFrom('Fn::And', 'Fn::Or'), fc.array(tie('tree'), { maxLength: 11 })).map(([k, a]) => ({ [k]: a })),
    tie('tree').map((a) => ({ 'Fn::Not': [a] })),
    fc.tuple(fc.oneof(names, tie('tree')), tie('tree'), tie('tree')).map((a) => ({ 'Fn::FindInMap': a })),
    fc.oneof(fc.constantFrom('R.Arn', 'Fn.Arn', 'P', 'R.'), fc.tuple(names, fc.oneof(fc.constantFrom('Arn', 'Name'), tie('tree')))).map((a) => ({ 'Fn::GetAtt': a })),
    fc.tuple(fc.constantFrom('10.0.0.0/16', '::/0', '300.1.1.1/8', 'x'), fc.integer({ min: -1, max: 300 }), fc.integer({ min: -1, max: 130 })).map((a) => ({ 'Fn::Cidr': a })),
    fc.tuple(fc.constantFrom(...INTRINSICS), fc.oneof(scalars, tie('list'), tie('tree'))).map(([k, v]) => ({ [k]: v })),
  ),
}));
const contextArb = fc.record({
  parameters: fc.dictionary(fc.constantFrom('P', 'Q', 'Env', 'List'), fc.option(tree, { nil: undefined }), { maxKeys: 4 }),
  conditions: fc.dictionary(fc.constantFrom('C', 'D', 'E'), tree, { maxKeys: 3 }),
  mappings: fc.dictionary(names, fc.dictionary(names, tree, { maxKeys: 2 }), { maxKeys: 2 }),
  region: fc.option(fc.constantFrom('us-east-1', 'eu-west-3', 'cn-north-1', 'us-gov-west-1', 'xx'), { nil: undefined }),
  account: fc.option(fc.constantFrom('111122223333', ''), { nil: undefined }),
  refs: fc.dictionary(fc.constantFrom('R', 'Fn', 'P'), fc.option(tree, { nil: undefined }), { maxKeys: 3 }),
  maxSteps: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
});

describe('intrinsic resolver', () => {
  it('resolveNode on random intrinsic trees returns a located tree or a BudgetError', () => {
    fc.assert(
      fc.property(tree, contextArb, (value, c) => {
        const ctx: ResolveContext = {
          parameters: new Map(Object.entries(c.parameters).map(([k, v]) => [k, v === undefined ? undefined : fromPlain(v, L)])),
          conditions: fromPlain(c.conditions, L),
          mappings: fromPlain(c.mappings, L),
          ...(c.region ? { region: c.region } : {}),
          ...(c.account !== undefined ? { account: c.account } : {}),
          ...(c.maxSteps ? { maxSteps: c.maxSteps } : {}),
          // Resource references resolve through the same context, as the template model does.
          ref: (id) => (c.refs[id] === undefined ? undefined : resolveNode(fromPlain(c.refs[id], L), ctx)),
          getAtt: (id, attr) => (c.refs[id] === undefined ? undefined : resolveNode(fromPlain({ 'Fn::Sub': `${id}.${attr}` }, L), ctx)),
        };
        let out: Node;
        try {
          out = resolveNode(fromPlain(value, L), ctx);
        } catch (e) {
          if (e instanceof BudgetError) return;
          throw e;
        }
        expect(treeProblem(out)).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});

// ------------------------------------------------------------------ IAM evaluator
const actionArb = fc.oneof(
  fc.constantFrom('bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream', 'bedrock:*', '*', 'bedrock:Invoke*', 'bedrock:?nvokeModel', 'BEDROCK:invokemodel', 's3:GetObject', 'bedrock', ':', '', '**', 'bedrock:InvokeModels'),
  fc.string({ unit: fc.constantFrom('b', 'e', ':', '*', '?', 'I', UNKNOWN_MARK), maxLength: 10 }),
);
const resourceArb = fc.oneof(
  fc.constantFrom('*', 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0', 'arn:aws:bedrock:*::foundation-model/*', 'arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.amazon.nova-pro-v1:0', 'arn:aws:bedrock:::foundation-model/x', 'arn:*', `arn:aws:bedrock:${UNKNOWN_MARK}::foundation-model/${UNKNOWN_MARK}`, 'arn:aws:bedrock:${aws:RequestedRegion}::foundation-model/*', ''),
  fc.string({ maxLength: 20 }),
);
const conditionArb = fc.dictionary(
  fc.constantFrom('StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLikeIfExists', 'ArnLike', 'ArnNotEquals', 'NumericLessThan', 'DateGreaterThan', 'Bool', 'IpAddress', 'NotIpAddress', 'Null', 'ForAnyValue:StringEquals', 'ForAllValues:StringLike', 'ForAnyValue:Null', 'BinaryEquals', 'Bogus', 'StringEqualsIgnoreCaseIfExists'),
  fc.dictionary(
    fc.constantFrom('aws:RequestedRegion', 'aws:SourceVpce', 'aws:SourceVpc', 'aws:CalledViaLast', 'bedrock:InferenceProfileArn', 'aws:PrincipalArn', 'aws:SourceIp', 'aws:CurrentTime', 'aws:SecureTransport', 'aws:TagKeys', 'x:y', ''),
    fc.oneof(fc.constantFrom('us-east-1', 'vpce-1', 'true', 'false', '10.0.0.0/8', '2026-01-01T00:00:00Z', '*', '5', UNKNOWN_MARK, 'not-an-ip'), fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }), fc.integer(), fc.boolean(), fc.constant(null)),
    { maxKeys: 2 },
  ),
  { maxKeys: 2 },
);
const principalArb = fc.oneof(fc.constant('*'), fc.record({ AWS: fc.oneof(fc.constant('*'), fc.constantFrom('arn:aws:iam::111122223333:role/app', '111122223333', 'arn:aws:iam::111122223333:root')) }), fc.record({ Service: fc.constant('bedrock.amazonaws.com') }));
const statementArb = fc.record(
  {
    Sid: fc.string({ maxLength: 5 }),
    Effect: fc.constantFrom('Allow', 'Deny', 'allow', 'Maybe'),
    Action: fc.oneof(actionArb, fc.array(actionArb, { maxLength: 3 })),
    NotAction: fc.oneof(actionArb, fc.array(actionArb, { maxLength: 2 })),
    Resource: fc.oneof(resourceArb, fc.array(resourceArb, { maxLength: 3 })),
    NotResource: fc.array(resourceArb, { maxLength: 2 }),
    Principal: principalArb,
    NotPrincipal: principalArb,
    Condition: conditionArb,
  },
  { requiredKeys: ['Effect'] },
);
const policyArb = fc.record({ Version: fc.constantFrom('2012-10-17', '2008-10-17', 'x'), Statement: fc.oneof(statementArb, fc.array(statementArb, { maxLength: 4 })) }, { requiredKeys: ['Statement'] });
const layersArb = fc.record({
  identity: fc.array(policyArb, { maxLength: 3 }),
  boundary: fc.option(fc.array(policyArb, { maxLength: 2 }), { nil: undefined }),
  scps: fc.array(fc.array(policyArb, { maxLength: 2 }), { maxLength: 2 }),
  resource: fc.array(policyArb, { maxLength: 1 }),
  endpoint: fc.array(policyArb, { maxLength: 1 }),
  session: fc.array(policyArb, { maxLength: 1 }),
});
const requestArb = fc.record({
  action: actionArb,
  resource: resourceArb,
  principalArn: fc.option(fc.constantFrom('arn:aws:iam::111122223333:role/app', UNKNOWN_MARK), { nil: undefined }),
  context: fc.dictionary(fc.constantFrom('aws:requestedregion', 'aws:sourcevpce', 'aws:sourcevpc', 'aws:calledvialast', 'bedrock:inferenceprofilearn', 'aws:tagkeys', 'aws:sourceip'), fc.oneof(fc.constant('unknown' as const), fc.array(fc.constantFrom('us-east-1', 'vpce-1', 'bedrock.amazonaws.com', '10.1.2.3', UNKNOWN_MARK, ''), { maxLength: 3 })), { maxKeys: 4 }),
});

let policyCounter = 0;
const doc = (json: unknown, kind: PolicyKind): PolicyDoc => {
  const id = `p${++policyCounter}`;
  return parsePolicyJson(json, { id, name: id, kind, loc: { file: `${id}.json`, line: 1, column: 1, endLine: 1, endColumn: 1 } });
};

describe('IAM evaluator', () => {
  it('evaluate on random policies and requests always gives a verdict with a trace', () => {
    fc.assert(
      fc.property(layersArb, requestArb, (l, req) => {
        const layers: PolicyLayers = {
          identity: l.identity.map((p) => doc(p, 'identity')),
          ...(l.boundary ? { boundary: l.boundary.map((p) => doc(p, 'boundary')) } : {}),
          scps: l.scps.map((level) => level.map((p) => doc(p, 'scp'))),
          resource: l.resource.map((p) => doc(p, 'resource')),
          endpoint: l.endpoint.map((p) => doc(p, 'endpoint')),
          session: l.session.map((p) => doc(p, 'session')),
        };
        const d = evaluate(req as EvalRequest, layers);
        expect(['allowed', 'denied', 'unknown']).toContain(d.verdict);
        if (d.verdict === 'denied') expect(d.layer).toBeDefined();
        if (d.verdict === 'unknown') expect(d.unknowns.length).toBeGreaterThan(0);
        expect(d.trace.every((t) => typeof t === 'string')).toBe(true);
        for (const layer of Object.values(layers)) for (const p of (layer as PolicyDoc[] | PolicyDoc[][]).flat()) for (const st of p.statements) expect(locProblem(st.loc, 'statement')).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});

// ------------------------------------------------------------------ engine on mutated corpus files
const CORPUS_FILE = /\.(ya?ml|json|template)$/i;
function corpusFiles(): string[] {
  if (!existsSync(CORPUS)) throw new Error(`the fuzz suite mutates the real corpus, but ${CORPUS} does not exist (expected ../shared/corpus/real next to the project)`);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && CORPUS_FILE.test(e.name) && e.name !== 'MANIFEST.json') out.push(p);
    }
  };
  walk(CORPUS);
  return out.sort();
}

describe('engine on mutated real corpus files', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'bedrock-lint-fuzz-'));
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('lintSync never throws, never fails internally, and locates every finding', () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThan(30);
    const texts = files.map((f) => ({ name: path.basename(f), text: readFileSync(f, 'latin1') }));
    const lineEdits = fc.array(fc.tuple(fc.constantFrom('delete-line', 'duplicate-line', 'swap-lines', 'indent', 'dedent'), fc.nat(), fc.nat()), { maxLength: 3 });
    let n = 0;
    fc.assert(
      fc.property(fc.nat(), mutation, lineEdits, fc.boolean(), (which, edits, lineOps, bytes) => {
        const src = texts[which % texts.length]!;
        let lines = src.text.split('\n');
        for (const [op, a, b] of lineOps) {
          const i = a % lines.length;
          const j = b % lines.length;
          if (op === 'delete-line') lines.splice(i, 1);
          else if (op === 'duplicate-line') lines.splice(i, 0, lines[i]!);
          else if (op === 'swap-lines') [lines[i], lines[j]] = [lines[j]!, lines[i]!];
          else if (op === 'indent') lines[i] = `  ${lines[i]}`;
          else lines[i] = lines[i]!.replace(/^ {1,2}/, '');
          if (lines.length === 0) lines = [''];
        }
        const text = mutate(lines.join('\n'), bytes ? edits : []);
        const caseDir = path.join(tmp, String(n++));
        mkdirSync(caseDir);
        // Byte-level: the mutated text is written as latin1, so flips can make invalid UTF-8.
        writeFileSync(path.join(caseDir, src.name), Buffer.from(text, 'latin1'));
        const result = lintSync({ paths: [src.name], cwd: caseDir, region: 'us-east-1', useConfig: false, date: '2026-11-25' });
        expect(result.errors.filter((e) => /internal error/i.test(e.message))).toEqual([]);
        for (const f of result.findings) expect(locProblem(f, `${f.ruleId} finding`)).toBeUndefined();
        rmSync(caseDir, { recursive: true, force: true });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 700), ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}) },
    );
  });
});
