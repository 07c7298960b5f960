// SARIF output against the full official SARIF 2.1.0 JSON schema (2.1.0-rtm.5, the schema shipped
// with the specification's final text; a JSON Schema draft-04 document). ajv speaks draft-06+, and
// the two differences that matter here are mechanical: draft-04's `id` is `$id`, and `$schema`
// names draft-04. Both are adapted in memory; no validation keyword changes.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/report/sarif.js';
import { denied, legacy, makeInput, suppressedMismatch, unresolved } from './input.js';

const official = JSON.parse(readFileSync(new URL('../fixtures-sarif/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const { id, $schema: _draft04, ...rest } = official;
const schema = { $id: id, ...rest };
// The official schema's `language` pattern has a stray `]`, legal only without the u flag.
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, unicodeRegExp: false });
ajv.addFormat('uri', (s: string) => /^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s\\]*$/.test(s));
ajv.addFormat('uri-reference', (s: string) => !/[\s\\]/.test(s));
ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
const validate = ajv.compile(schema);

describe('SARIF against the official 2.1.0 schema', () => {
  it('a report with errors, warnings, infos and a suppressed finding is valid', () => {
    const log = JSON.parse(formatSarif(makeInput([denied, legacy, unresolved, suppressedMismatch]))) as unknown;
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('an empty report is valid', () => {
    expect(validate(JSON.parse(formatSarif(makeInput([]))))).toBe(true);
  });

  it('the schema really checks: a result level outside the enum is rejected', () => {
    const log = JSON.parse(formatSarif(makeInput([denied]))) as { runs: { results: { level: string }[] }[] };
    log.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(log)).toBe(false);
  });
});
