// The network rules on their own, over the golden fixtures (the CLI fixture runner checks the same
// expected.json files end to end once the rules are registered).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { networkEndpointPolicyDenies } from '../../rules/network-endpoint-policy-denies.js';
import { networkNoBedrockRoute } from '../../rules/network-no-bedrock-route.js';
import { networkPrivateDnsDisabled } from '../../rules/network-private-dns-disabled.js';
import { networkSecurityGroupBlocks } from '../../rules/network-security-group-blocks.js';
import { networkWrongEndpointService } from '../../rules/network-wrong-endpoint-service.js';
import { lintSync } from '../../src/engine.js';
import type { Compute } from '../../src/model/types.js';
import { networkUnresolvedFindings, setsEndpointUrl } from '../../src/network/verdicts.js';
import type { RuleContext } from '../../src/rule.js';
import type { RawFinding } from '../../src/types.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NETWORK_RULES = [networkNoBedrockRoute, networkWrongEndpointService, networkPrivateDnsDisabled, networkSecurityGroupBlocks, networkEndpointPolicyDenies];
const PATH_RULES = new Set(['network-no-bedrock-route', 'network-wrong-endpoint-service', 'network-private-dns-disabled', 'network-security-group-blocks']);

function context(dir: string): RuleContext {
  const res = lintSync({ paths: ['.'], cwd: dir, region: 'us-east-1', useConfig: false });
  return { deployment: res.deployment, catalog: res.catalog, date: '2026-09-01', region: 'us-east-1' };
}

function cases(): { rule: string; kind: string; dir: string }[] {
  const out: { rule: string; kind: string; dir: string }[] = [];
  for (const rule of readdirSync(path.join(ROOT, 'fixtures')).filter((r) => r.startsWith('network-')).sort())
    for (const kind of ['fail', 'pass'])
      for (const name of existsSync(path.join(ROOT, 'fixtures', rule, kind)) ? readdirSync(path.join(ROOT, 'fixtures', rule, kind)).sort() : [])
        out.push({ rule, kind, dir: path.join(ROOT, 'fixtures', rule, kind, name) });
  return out;
}

const shape = (f: RawFinding) => ({ ruleId: f.ruleId, line: f.loc.line, column: f.loc.column, resource: f.resource, message: f.message });

describe('network rules over fixtures', () => {
  for (const c of cases()) {
    it(`${c.rule}/${c.kind}/${path.basename(c.dir)}`, () => {
      const ctx = context(c.dir);
      const found = NETWORK_RULES.flatMap((r) => r.check(ctx));
      const expected = (JSON.parse(readFileSync(path.join(c.dir, 'expected.json'), 'utf8')) as (ReturnType<typeof shape> & { severity: string })[])
        .filter((e) => e.ruleId.startsWith('network-'))
        .map(({ ruleId, line, column, resource, message }) => ({ ruleId, line, column, resource, message }));
      expect(found.map(shape)).toEqual(expected);
      if (c.kind === 'fail') expect(found.some((f) => f.ruleId === c.rule)).toBe(true);
      // One network path verdict per caller.
      const perCaller = new Map<string, number>();
      for (const f of found) if (PATH_RULES.has(f.ruleId)) perCaller.set(f.trace![0]!, (perCaller.get(f.trace![0]!) ?? 0) + 1);
      expect([...perCaller.values()].every((n) => n === 1)).toBe(true);
    });
  }

  it('imported subnets give one template-unresolved note saying how to supply the network', () => {
    const ctx = context(path.join(ROOT, 'fixtures/network-no-bedrock-route/pass/subnets-imported'));
    expect(NETWORK_RULES.flatMap((r) => r.check(ctx))).toEqual([]);
    expect(networkUnresolvedFindings(ctx).map((f) => [f.ruleId, f.resource, f.message])).toEqual([
      [
        'template-unresolved',
        'SummarizerFunction',
        'whether SummarizerFunction can reach bedrock-runtime could not be decided: subnet <Fn::ImportValue core-network-PrivateSubnetIds> is not known; add the template that defines the network, or pass `aws ec2 describe-vpc-endpoints` output, to check it',
      ],
    ]);
  });
});

describe('setsEndpointUrl', () => {
  const loc = { file: 'f', line: 1, column: 1, endLine: 1, endColumn: 1 };
  const compute = (env: Record<string, string>, endpointOverride?: boolean): Compute => ({
    id: 'Fn',
    type: 'AWS::Lambda::Function',
    kind: 'lambda',
    file: 'f',
    loc,
    env: Object.entries(env).map(([name, value]) => ({ name, value: { value, loc }, nameLoc: loc })),
    code: [],
    ...(endpointOverride !== undefined ? { codeFacts: { models: [], endpointOverride } } : {}),
  });
  it.each([
    [{ AWS_ENDPOINT_URL_BEDROCK_RUNTIME: 'https://vpce-1.bedrock-runtime.us-east-1.vpce.amazonaws.com' }, true],
    [{ AWS_ENDPOINT_URL: 'https://example.internal' }, true],
    [{ BEDROCK_ENDPOINT_URL: 'https://x' }, true],
    [{ RUNTIME_HOST: 'vpce-0abc-123.bedrock-runtime.us-east-1.vpce.amazonaws.com' }, true],
    [{ BEDROCK_ENDPOINT_URL: '' }, false],
    [{ MODEL_ID: 'amazon.nova-micro-v1:0' }, false],
  ])('%j → %s', (env, expected) => {
    expect(setsEndpointUrl(compute(env))).toBe(expected);
  });
  it('code that sets endpoint_url counts', () => {
    expect(setsEndpointUrl(compute({}, true))).toBe(true);
  });
});
