import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatSarif, ruleHelpUri } from '../../src/report/sarif.js';
import { fingerprint } from '../../src/suppress/baseline.js';
import { denied, legacy, makeInput, suppressedMismatch, unresolved } from './input.js';

// The SARIF 2.1.0 schema (a faithful subset of the OASIS schema, see test/fixtures-sarif/README.md).
const schema = JSON.parse(readFileSync(new URL('../fixtures-sarif/sarif-schema-2.1.0-subset.json', import.meta.url), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
// RFC 3986 in brief: an absolute URI has a scheme; a URI reference has no spaces, backslashes or
// bad percent-escapes.
ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s\\]*$/.test(s) && !/%(?![0-9a-fA-F]{2})/.test(s));
ajv.addFormat('uri-reference', (s: string) => !/[\s\\]/.test(s) && !/%(?![0-9a-fA-F]{2})/.test(s));
const validate = ajv.compile(schema);

interface Log {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; semanticVersion: string; informationUri: string; rules: { id: string; name: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string }; properties: { tags: string[] } }[] } };
    invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[];
    originalUriBaseIds: Record<string, { uri: string }>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region: Record<string, number> }; logicalLocations?: unknown[] }[];
      partialFingerprints: Record<string, string>;
      suppressions?: unknown[];
      properties?: Record<string, unknown>;
    }[];
    columnKind: string;
    properties: Record<string, unknown>;
  }[];
}

function sarif(...args: Parameters<typeof formatSarif>): Log {
  const text = formatSarif(...args);
  const log = JSON.parse(text) as unknown;
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return log as Log;
}

describe('sarif format', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    sarif(makeInput());
    sarif(makeInput({ findings: [], errors: [{ file: 'x y.yaml', message: 'bad' }] }));
  });

  it('the schema rejects what SARIF forbids (so the test can fail)', () => {
    const good = JSON.parse(formatSarif(makeInput())) as Log;
    const bad1 = structuredClone(good);
    (bad1.runs[0]!.results[0]! as { level: string }).level = 'info';
    expect(validate(bad1)).toBe(false);
    const bad2 = structuredClone(good);
    bad2.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0;
    expect(validate(bad2)).toBe(false);
    const bad3 = structuredClone(good) as unknown as Record<string, unknown>;
    bad3.extra = 1;
    expect(validate(bad3)).toBe(false);
  });

  it('describes the tool and one rule per rule ID, sorted, with doc links', () => {
    const log = sarif(makeInput());
    expect(log.$schema).toBe('https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0]!.tool.driver;
    expect([driver.name, driver.version, driver.semanticVersion, driver.informationUri]).toEqual([
      'bedrock-lint',
      '0.1.0',
      '0.1.0',
      'https://github.com/bedrock-lint/bedrock-lint',
    ]);
    expect(driver.rules.map((r) => r.id)).toEqual(['iam-invoke-denied', 'model-legacy', 'region-mismatch', 'template-unresolved']);
    expect(driver.rules[0]).toEqual({
      id: 'iam-invoke-denied',
      name: 'IamInvokeDenied',
      shortDescription: { text: 'The principal is not allowed to invoke the model.' },
      helpUri: 'https://github.com/bedrock-lint/bedrock-lint/blob/main/docs/rules/iam-invoke-denied.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['iam'] },
    });
    expect(driver.rules[3]!.defaultConfiguration.level).toBe('note');
    expect(ruleHelpUri('x')).toBe('https://github.com/bedrock-lint/bedrock-lint/blob/main/docs/rules/x.md');
    expect(log.runs[0]!.properties).toEqual({ data: { models: '2026-08-21', iam: '2026-09-26', managedPolicies: '2026-09-16' } });
    expect(log.runs[0]!.columnKind).toBe('utf16CodeUnits');
    expect(log.runs[0]!.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///repo/' } });
  });

  it('writes results with rule index, level, region, logical location, fingerprint and suppressions', () => {
    const log = sarif(makeInput());
    const results = log.runs[0]!.results;
    expect(results.map((r) => [r.ruleId, r.ruleIndex, r.level])).toEqual([
      ['model-legacy', 1, 'warning'],
      ['iam-invoke-denied', 0, 'error'],
      ['template-unresolved', 3, 'note'],
      ['region-mismatch', 2, 'error'],
    ]);
    expect(results[1]).toEqual({
      ruleId: 'iam-invoke-denied',
      ruleIndex: 0,
      level: 'error',
      message: { text: denied.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'template.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 42, startColumn: 11, endLine: 42, endColumn: 31 },
          },
          logicalLocations: [{ name: 'ImageFnRole', fullyQualifiedName: 'ImageStack/ImageFnRole', kind: 'resource' }],
        },
      ],
      partialFingerprints: { 'bedrockLint/v1': fingerprint(denied) },
      properties: { trace: denied.trace, fix: denied.fix, stack: 'ImageStack' },
    });
    expect(results[0]!.locations[0]!.logicalLocations).toEqual([{ name: 'ClauseFn', fullyQualifiedName: 'ClauseFn', kind: 'resource' }]);
    expect(results[3]!.suppressions).toEqual([{ kind: 'inSource', justification: 'replicated model, see OPS-12' }]);
    const external = sarif(makeInput({ findings: [{ ...suppressedMismatch, suppression: { kind: 'baseline', reason: 'old' } }] }));
    expect(external.runs[0]!.results[0]!.suppressions).toEqual([{ kind: 'external', justification: 'old' }]);
  });

  it('uses repo-relative, escaped URIs, and file: URIs outside the repository', () => {
    const log = sarif(
      makeInput({
        cwd: '/repo/infra',
        findings: [
          { ...legacy, file: 'stacks/my app#1.json' },
          { ...unresolved, file: '../../elsewhere/t.yaml' },
        ],
      }),
      { repoRoot: '/repo' },
    );
    const [a, b] = log.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation);
    expect(a).toEqual({ uri: 'infra/stacks/my%20app%231.json', uriBaseId: '%SRCROOT%' });
    expect(b).toEqual({ uri: 'file:///elsewhere/t.yaml' });
    // The fingerprint is computed from the repo-relative path: the same wherever the linter ran.
    const fromRoot = sarif(makeInput({ cwd: '/repo', findings: [{ ...legacy, file: 'infra/stacks/my app#1.json' }] }), { repoRoot: '/repo' });
    expect(fromRoot.runs[0]!.results[0]!.partialFingerprints).toEqual(log.runs[0]!.results[0]!.partialFingerprints);
  });

  it('adds a descriptor for a rule ID missing from the table, and reports load errors as notifications', () => {
    const odd = { ...legacy, ruleId: 'parse-error', severity: 'error' as const, file: 'a.yaml' };
    const log = sarif(makeInput({ findings: [odd], errors: [{ file: 'a.yaml', message: 'x' }, { file: 'b.yaml', message: 'cannot read' }] }));
    const rules = log.runs[0]!.tool.driver.rules;
    expect(rules.map((r) => r.id)).toContain('parse-error');
    expect(log.runs[0]!.results[0]!.ruleIndex).toBe(rules.findIndex((r) => r.id === 'parse-error'));
    expect(log.runs[0]!.invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: 'error', message: { text: 'cannot read' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'b.yaml', uriBaseId: '%SRCROOT%' } } }] },
        ],
      },
    ]);
  });

  it('is deterministic', () => {
    expect(formatSarif(makeInput())).toBe(formatSarif(makeInput()));
  });
});
