import { describe, expect, it } from 'vitest';
import { isCliRequest, parseCliRequest } from '../../src/request/cli-request.js';
import { validateBody } from '../../src/request/validate.js';
import { jsonNode } from './helpers.js';

describe('parseCliRequest', () => {
  it('parses a JSON-text body and locates its problems at the body string', () => {
    const root = jsonNode(`{
  "modelId": "stability.sd3-5-large-v1:0",
  "contentType": "application/json",
  "body": "{\\"prompt\\": \\"a lighthouse\\", \\"seed\\": 4294967296}"
}`, 'request.json');
    expect(isCliRequest(root)).toBe(true);
    const req = parseCliRequest(root)!;
    expect(req.model.kind === 'scalar' && req.model.value).toBe('stability.sd3-5-large-v1:0');
    const ps = validateBody('stability.sd3-5-large-v1:0', req.body!);
    expect(ps.map((p) => [p.loc.file, p.loc.line, p.loc.column, p.message])).toEqual([
      ['request.json', 4, 11, 'body field "seed" is 4294967296; stability.sd3-5-large-v1:0 accepts 0 to 4294967294'],
    ]);
  });

  it('keeps an object body as written', () => {
    const root = jsonNode('{ "modelId": "us.stability.stable-image-inpaint-v1:0",\n  "body": { "prompt": "p", "image": "AAAA", "grow_mask": 40 } }');
    const req = parseCliRequest(root)!;
    expect(req.body?.kind).toBe('map');
    expect(validateBody('us.stability.stable-image-inpaint-v1:0', req.body!).map((p) => [p.loc.line, p.loc.column])).toEqual([[2, 58]]);
  });

  it('decodes a base64 body (CLI default binary format)', () => {
    const b64 = Buffer.from('{"prompt": "x", "seed": 1}').toString('base64');
    const req = parseCliRequest(jsonNode(`{ "modelId": "stability.sd3-5-large-v1:0", "body": "${b64}" }`))!;
    expect(req.body?.kind === 'map' && req.body.entries.map((e) => e.key)).toEqual(['prompt', 'seed']);
  });

  it('reports a body that is not JSON', () => {
    const req = parseCliRequest(jsonNode('{ "modelId": "stability.sd3-5-large-v1:0", "body": "{not json" }'))!;
    expect(req.body).toBeUndefined();
    expect(req.bodyError?.message).toBe('request body is not valid JSON');
  });

  it('returns the model without a body when there is none', () => {
    const req = parseCliRequest(jsonNode('{ "modelId": "amazon.nova-pro-v1:0" }'))!;
    expect(req.body).toBeUndefined();
    expect(req.bodyError).toBeUndefined();
  });

  it.each([
    ['{ "Resources": {}, "modelId": "x" }'],
    ['{ "StartAt": "A", "States": {}, "modelId": "x" }'],
    ['{ "modelId": 3 }'],
    ['[1, 2]'],
    ['{ "body": {} }'],
  ])('%s is not a CLI request', (text) => {
    const root = jsonNode(text);
    expect(isCliRequest(root)).toBe(false);
    expect(parseCliRequest(root)).toBeUndefined();
  });
});
