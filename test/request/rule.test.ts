import { describe, expect, it } from 'vitest';
import { requestInvalidBody } from '../../rules/request-invalid-body.js';
import type { Catalog } from '../../src/catalog/index.js';
import type { Deployment, InvocationSite } from '../../src/model/types.js';
import type { RuleContext } from '../../src/rule.js';
import { jsonNode } from './helpers.js';

function ctx(sites: InvocationSite[]): RuleContext {
  const deployment = { sites } as unknown as Deployment;
  return { deployment, catalog: {} as Catalog, date: '2026-09-01' };
}

const body = jsonNode('{\n  "text_prompts": [{ "text": "a" }],\n  "steps": 150,\n  "height": 1024,\n  "width": 1024\n}', 'sm.asl.json');
const site = (model: string, extra: Partial<InvocationSite> = {}): InvocationSite => ({
  model: { value: model, loc: body.loc },
  api: 'invoke',
  file: 'sm.asl.json',
  source: 'stepfunctions',
  via: ['Machine (state machine)', 'task Gen'],
  resource: 'Machine',
  body,
  ...extra,
});

describe('request-invalid-body', () => {
  it('reports each problem once per body, with resource, trace and severity override for unconfirmed limits', () => {
    const findings = requestInvalidBody.check(ctx([site('stability.stable-diffusion-xl-v1'), site('stability.stable-diffusion-xl-v1', { roleId: 'Other' })]));
    expect(findings).toEqual([
      {
        ruleId: 'request-invalid-body',
        message: 'body field "steps" is 150; stability.stable-diffusion-xl-v1 accepts 10 to 50 (this limit is not confirmed by AWS documentation)',
        loc: { file: 'sm.asl.json', line: 3, column: 12, endLine: 3, endColumn: 15 },
        resource: 'Machine',
        trace: ['Machine (state machine)', 'task Gen'],
        fix: 'use a value from 10 to 50',
        key: 'stability.stable-diffusion-xl-v1 maximum:steps',
        severity: 'warning',
      },
    ]);
  });

  it('ignores sites without a body or with a model that has no schema', () => {
    expect(requestInvalidBody.check(ctx([site('cohere.command-r-v1:0'), { ...site('stability.sd3-5-large-v1:0'), body: undefined }]))).toEqual([]);
  });
});
