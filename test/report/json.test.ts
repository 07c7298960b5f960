import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/report/json.js';
import { formatReport } from '../../src/report/index.js';
import { denied, legacy, makeInput, suppressedMismatch } from './input.js';

describe('json format', () => {
  it('writes the SPEC §7 shape with a fixed key order (golden)', () => {
    const out = formatJson(
      makeInput({
        findings: [legacy, denied, suppressedMismatch],
        errors: [{ file: 'broken.yaml', message: 'unexpected end of the stream' }],
        data: { models: '2026-08-21', iam: '2026-09-26', managedPolicies: '2026-09-16', endpoints: '2026-08-01' },
      }),
    );
    expect(out).toBe(`{
  "tool": {
    "name": "bedrock-lint",
    "version": "0.1.0",
    "data": {
      "models": "2026-08-21",
      "iam": "2026-09-26",
      "managedPolicies": "2026-09-16",
      "endpoints": "2026-08-01"
    }
  },
  "findings": [
    {
      "ruleId": "model-legacy",
      "severity": "warning",
      "message": "ai21.jamba-1-5-large-v1:0 is Legacy and reaches end of life on 2026-11-26",
      "file": "stacks/app.json",
      "line": 3,
      "column": 17,
      "endLine": 3,
      "endColumn": 44,
      "resource": "ClauseFn",
      "trace": [],
      "fix": "move to amazon.nova-pro-v1:0",
      "suppressed": false
    },
    {
      "ruleId": "iam-invoke-denied",
      "severity": "error",
      "message": "role ImageFnRole is not allowed bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0 — no statement allows it",
      "file": "template.yaml",
      "line": 42,
      "column": 11,
      "endLine": 42,
      "endColumn": 31,
      "resource": "ImageFnRole",
      "stack": "ImageStack",
      "trace": [
        "ImageFn (AWS::Lambda::Function)",
        "ImageFnRole",
        "policy ImageFnRolePolicy"
      ],
      "fix": "allow bedrock:InvokeModel on arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0",
      "suppressed": false
    },
    {
      "ruleId": "region-mismatch",
      "severity": "error",
      "message": "the grant names us-east-1 but the call is made from us-west-2",
      "file": "template.yaml",
      "line": 60,
      "column": 9,
      "endLine": 60,
      "endColumn": 20,
      "resource": "ImageFnRole",
      "trace": [],
      "suppressed": true,
      "suppression": {
        "kind": "comment",
        "reason": "replicated model, see OPS-12"
      }
    }
  ],
  "errors": [
    {
      "file": "broken.yaml",
      "message": "unexpected end of the stream"
    }
  ],
  "summary": {
    "files": 3,
    "errors": 1,
    "warnings": 1,
    "infos": 0,
    "suppressed": 1
  }
}
`);
  });

  it('is byte-identical through formatReport and valid JSON for an empty run', () => {
    const input = makeInput({ findings: [], files: 0 });
    expect(formatReport('json', input)).toBe(formatJson(input));
    expect(JSON.parse(formatJson(input))).toEqual({
      tool: { name: 'bedrock-lint', version: '0.1.0', data: { models: '2026-08-21', iam: '2026-09-26', managedPolicies: '2026-09-16' } },
      findings: [],
      errors: [],
      summary: { files: 0, errors: 0, warnings: 0, infos: 0, suppressed: 0 },
    });
  });

  it('ignores quiet: machine formats keep every finding', () => {
    const input = makeInput();
    expect(formatReport('json', input, { quiet: true })).toBe(formatJson(input));
  });
});
