import { describe, expect, it } from 'vitest';
import { schemaForModel, underlyingModelId } from '../../src/request/schemas.js';
import { validateBody, type BodyProblem } from '../../src/request/validate.js';
import { UNKNOWN_MARK, type Node } from '../../src/types.js';
import { jsonNode, plainNode } from './helpers.js';

const SD35 = 'stability.sd3-5-large-v1:0';
const brief = (ps: BodyProblem[]) => ps.map((p) => `${p.loc.line}:${p.loc.column} ${p.severity} ${p.message}`);
const messages = (ps: BodyProblem[]) => ps.map((p) => p.message);

describe('schema selection', () => {
  it.each([
    ['stability.sd3-5-large-v1:0', 'stability.sd3-5-large-v1:0', 'stability.sd3-5-large-v1:0'],
    ['us.stability.stable-image-inpaint-v1:0', 'stability.stable-image-inpaint-v1:0', 'stability.stable-image-inpaint-v1:0'],
    ['arn:aws:bedrock:us-west-2::foundation-model/stability.stable-image-core-v1:1', 'stability.stable-image-core-v1:1', 'stability.stable-image-core-v1:1'],
    ['arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.stability.stable-outpaint-v1:0', 'stability.stable-outpaint-v1:0', 'stability.stable-outpaint-v1:0'],
    [`arn:aws:bedrock:${UNKNOWN_MARK}::foundation-model/stability.sd3-5-large-v1:0`, 'stability.sd3-5-large-v1:0', 'stability.sd3-5-large-v1:0'],
    ['stability.stable-image-ultra-v1:0', 'stability.stable-image-ultra-v1:0', 'stability.stable-image-ultra-v1:1'],
    ['stability.stable-diffusion-xl-v0', 'stability.stable-diffusion-xl-v0', 'stability.stable-diffusion-xl-v1'],
    ['global.anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic.claude-sonnet-4-5-20250929-v1:0', 'anthropic-messages'],
    ['eu.amazon.nova-pro-v1:0', 'amazon.nova-pro-v1:0', 'amazon-nova-messages'],
    ['meta.llama3-8b-instruct-v1:0', 'meta.llama3-8b-instruct-v1:0', 'meta-llama'],
    ['mistral.mistral-7b-instruct-v0:2', 'mistral.mistral-7b-instruct-v0:2', 'mistral'],
    ['amazon.titan-text-express-v1', 'amazon.titan-text-express-v1', 'amazon-titan-text'],
  ])('%s → %s (%s)', (ref, modelId, schemaId) => {
    const s = schemaForModel(ref);
    expect(s?.modelId).toBe(modelId);
    expect(s?.schemaId).toBe(schemaId);
  });

  it.each([
    ['arn:aws:bedrock:us-east-1:111122223333:application-inference-profile/abc123'],
    ['anthropic.claude-v2:1'],
    ['cohere.command-r-v1:0'],
    [`stability.${UNKNOWN_MARK}`],
  ])('%s has no schema', (ref) => {
    expect(schemaForModel(ref)).toBeUndefined();
  });

  it('strips geo prefixes only in front of provider.model', () => {
    expect(underlyingModelId('us.amazon.nova-lite-v1:0')).toBe('amazon.nova-lite-v1:0');
    expect(underlyingModelId('apac.amazon.nova-lite-v1:0')).toBe('amazon.nova-lite-v1:0');
    expect(underlyingModelId('amazon.nova-lite-v1:0')).toBe('amazon.nova-lite-v1:0');
  });
});

describe('SD3.5 Large', () => {
  it('accepts a valid text-to-image body', () => {
    const body = plainNode({ prompt: 'a harbor', negative_prompt: 'people', mode: 'text-to-image', aspect_ratio: '3:2', seed: 4242, output_format: 'webp' });
    expect(validateBody(SD35, body)).toEqual([]);
  });

  it('accepts seed 4294967294 and rejects 4294967296', () => {
    expect(validateBody(SD35, plainNode({ prompt: 'x', seed: 4294967294 }))).toEqual([]);
    expect(messages(validateBody(SD35, plainNode({ prompt: 'x', seed: 4294967296 })))).toEqual([
      'body field "seed" is 4294967296; stability.sd3-5-large-v1:0 accepts 0 to 4294967294',
    ]);
  });

  it('rejects a prompt of 10,791 characters', () => {
    const ps = validateBody(SD35, plainNode({ prompt: 'p'.repeat(10791) }));
    expect(messages(ps)).toEqual(['body field "prompt" is 10791 characters long; stability.sd3-5-large-v1:0 accepts at most 10000 characters']);
    expect(ps[0]!.severity).toBe('error');
    expect(ps[0]!.key).toBe('stability.sd3-5-large-v1:0 maxLength:prompt');
    expect(validateBody(SD35, plainNode({ prompt: 'p'.repeat(10000) }))).toEqual([]);
  });

  it('reports every SDXL field of an SDXL body, each on its own line, and the missing prompt', () => {
    const body = jsonNode(`{
  "text_prompts": [{ "text": "a mug", "weight": 1 }],
  "cfg_scale": 7,
  "steps": 30,
  "seed": 0,
  "width": 1024,
  "height": 1024
}`);
    expect(brief(validateBody(SD35, body))).toEqual([
      '1:1 error stability.sd3-5-large-v1:0 requires body field "prompt"',
      '2:3 error body field "text_prompts" is not accepted by stability.sd3-5-large-v1:0; accepted: prompt, mode, aspect_ratio, image, strength, seed, negative_prompt, output_format',
      '3:3 error body field "cfg_scale" is not accepted by stability.sd3-5-large-v1:0; accepted: prompt, mode, aspect_ratio, image, strength, seed, negative_prompt, output_format',
      '4:3 error body field "steps" is not accepted by stability.sd3-5-large-v1:0; accepted: prompt, mode, aspect_ratio, image, strength, seed, negative_prompt, output_format',
      '6:3 error body field "width" is not accepted by stability.sd3-5-large-v1:0; accepted: prompt, mode, aspect_ratio, image, strength, seed, negative_prompt, output_format',
      '7:3 error body field "height" is not accepted by stability.sd3-5-large-v1:0; accepted: prompt, mode, aspect_ratio, image, strength, seed, negative_prompt, output_format',
    ]);
  });

  it('locates a value error at the value', () => {
    const body = jsonNode('{\n  "prompt": "x",\n  "aspect_ratio": "4:3"\n}');
    const ps = validateBody(SD35, body);
    expect(brief(ps)).toEqual([
      '3:19 error body field "aspect_ratio" is "4:3"; stability.sd3-5-large-v1:0 accepts one of "16:9", "1:1", "21:9", "2:3", "3:2", "4:5", "5:4", "9:16", "9:21"',
    ]);
  });

  it('requires image and strength for image-to-image', () => {
    expect(messages(validateBody(SD35, plainNode({ prompt: 'x', mode: 'image-to-image' })))).toEqual([
      'stability.sd3-5-large-v1:0 requires body field "image"',
      'stability.sd3-5-large-v1:0 requires body field "strength"',
    ]);
  });

  it('suggests the nearest field name for a typo', () => {
    const ps = validateBody(SD35, plainNode({ prompt: 'x', negative_promt: 'y' }));
    expect(messages(ps)).toEqual(['body field "negative_promt" is not accepted by stability.sd3-5-large-v1:0; did you mean "negative_prompt"?']);
    expect(ps[0]!.fix).toBe('rename "negative_promt" to "negative_prompt"');
  });

  it('reports a wrong type', () => {
    expect(messages(validateBody(SD35, plainNode({ prompt: 'x', seed: '12' })))).toEqual([
      'body field "seed" is "12"; stability.sd3-5-large-v1:0 expects an integer',
    ]);
  });
});

describe('image services', () => {
  const INPAINT = 'us.stability.stable-image-inpaint-v1:0';

  it.each([
    [0, []],
    [20, []],
    [40, ['body field "grow_mask" is 40; stability.stable-image-inpaint-v1:0 accepts 0 to 20']],
    [-1, ['body field "grow_mask" is -1; stability.stable-image-inpaint-v1:0 accepts 0 to 20']],
  ])('inpaint grow_mask %d', (grow, expected) => {
    expect(messages(validateBody(INPAINT, plainNode({ prompt: 'p', image: 'AAAA', grow_mask: grow })))).toEqual(expected);
  });

  it('each service has its own fields: erase-object takes no prompt', () => {
    expect(messages(validateBody('us.stability.stable-image-erase-object-v1:0', plainNode({ image: 'AAAA', prompt: 'x' })))).toEqual([
      'body field "prompt" is not accepted by stability.stable-image-erase-object-v1:0; accepted: image, seed, output_format, mask, grow_mask',
    ]);
  });

  it('remove-background accepts only image and output_format', () => {
    expect(validateBody('us.stability.stable-image-remove-background-v1:0', plainNode({ image: 'AAAA', output_format: 'webp' }))).toEqual([]);
    expect(messages(validateBody('us.stability.stable-image-remove-background-v1:0', plainNode({ image: 'AAAA', seed: 3 })))).toEqual([
      'body field "seed" is not accepted by stability.stable-image-remove-background-v1:0; accepted: image, output_format',
    ]);
  });

  it('outpaint needs one direction above 0', () => {
    const OUT = 'us.stability.stable-outpaint-v1:0';
    expect(validateBody(OUT, plainNode({ image: 'AAAA', left: 200 }))).toEqual([]);
    expect(messages(validateBody(OUT, plainNode({ image: 'AAAA', left: 0 })))).toEqual([
      'body of stability.stable-outpaint-v1:0 must set at least one of "left", "right", "up", "down" above 0',
    ]);
  });

  it('style transfer requires both images; creative upscale bounds creativity', () => {
    expect(messages(validateBody('us.stability.stable-style-transfer-v1:0', plainNode({ init_image: 'AAAA' })))).toEqual([
      'stability.stable-style-transfer-v1:0 requires body field "style_image"',
    ]);
    expect(messages(validateBody('us.stability.stable-creative-upscale-v1:0', plainNode({ prompt: 'p', image: 'AAAA', creativity: 0.9 })))).toEqual([
      'body field "creativity" is 0.9; stability.stable-creative-upscale-v1:0 accepts 0.1 to 0.5',
    ]);
  });

  it('style_preset enum with a did-you-mean', () => {
    expect(messages(validateBody('us.stability.stable-image-control-sketch-v1:0', plainNode({ prompt: 'p', image: 'AAAA', style_preset: 'photographc' })))).toEqual([
      'body field "style_preset" is "photographc"; stability.stable-image-control-sketch-v1:0 accepts one of "3d-model", "analog-film", "anime", "cinematic", "comic-book", "digital-art", "enhance", "fantasy-art", "isometric", "line-art", "low-poly", "modeling-compound", "neon-punk", "origami", "photographic", "pixel-art", "tile-texture" (did you mean "photographic"?)',
    ]);
  });
});

describe('Core, Ultra, SDXL, Nova Canvas, Titan Image', () => {
  it('Core allows seed 4294967295 and only jpeg/png', () => {
    expect(validateBody('stability.stable-image-core-v1:1', plainNode({ prompt: 'p', seed: 4294967295, output_format: 'png' }))).toEqual([]);
    expect(messages(validateBody('stability.stable-image-core-v1:1', plainNode({ prompt: 'p', output_format: 'webp' })))).toEqual([
      'body field "output_format" is "webp"; stability.stable-image-core-v1:1 accepts one of "jpeg", "png"',
    ]);
  });

  it('Ultra image-to-image mode is only a warning (unconfirmed)', () => {
    const ps = validateBody('stability.stable-image-ultra-v1:1', plainNode({ prompt: 'p', mode: 'image-to-image', image: 'AAAA', strength: 0.5 }));
    expect(brief(ps)).toEqual([
      '1:1 warning body field "mode" is "image-to-image"; stability.stable-image-ultra-v1:1 accepts one of "text-to-image" (this limit is not confirmed by AWS documentation)',
    ]);
  });

  it('SDXL: valid body passes, invalid pair and steps 150 (a warning) are reported', () => {
    const SDXL = 'stability.stable-diffusion-xl-v1';
    expect(validateBody(SDXL, plainNode({ text_prompts: [{ text: 'a', weight: 1 }], cfg_scale: 7, steps: 30, width: 1024, height: 1024, seed: 0 }))).toEqual([]);
    const ps = validateBody(SDXL, plainNode({ text_prompts: [{ text: 'a' }], steps: 150, width: 1024, height: 896 }));
    expect(ps.map((p) => `${p.severity} ${p.message}`)).toEqual([
      'error body of stability.stable-diffusion-xl-v1 needs a height×width pair among 1024x1024, 1152x896, 1216x832, 1344x768, 1536x640, 640x1536, 768x1344, 832x1216, 896x1152',
      'warning body field "steps" is 150; stability.stable-diffusion-xl-v1 accepts 10 to 50 (this limit is not confirmed by AWS documentation)',
    ]);
    expect(messages(validateBody(SDXL, plainNode({ text_prompts: [{ text: 't'.repeat(2001) }] })))).toEqual([
      'body field "text_prompts[0].text" is 2001 characters long; stability.stable-diffusion-xl-v1 accepts at most 2000 characters',
    ]);
  });

  it('Nova Canvas: confirmed limits are errors, cfgScale only a warning', () => {
    const ps = validateBody('amazon.nova-canvas-v1:0', plainNode({
      taskType: 'TEXT_IMAGE',
      textToImageParams: { text: 'x'.repeat(1025) },
      imageGenerationConfig: { numberOfImages: 6, cfgScale: 12, width: 5000 },
    }));
    expect(ps.map((p) => `${p.severity} ${p.message}`)).toEqual([
      'error body field "textToImageParams.text" is 1025 characters long; amazon.nova-canvas-v1:0 accepts 1 to 1024 characters',
      'error body field "imageGenerationConfig.numberOfImages" is 6; amazon.nova-canvas-v1:0 accepts 1 to 5',
      'warning body field "imageGenerationConfig.cfgScale" is 12; amazon.nova-canvas-v1:0 accepts 1.1 to 10 (this limit is not confirmed by AWS documentation)',
    ]);
    expect(messages(validateBody('amazon.nova-canvas-v1:0', plainNode({ taskType: 'TEXT_IMAGE' })))).toEqual([
      'amazon.nova-canvas-v1:0 requires body field "textToImageParams"',
    ]);
  });

  it('Titan Image v1 does not know COLOR_GUIDED_GENERATION; v2 does', () => {
    expect(messages(validateBody('amazon.titan-image-generator-v1', plainNode({ taskType: 'COLOR_GUIDED_GENERATION' })))).toEqual([
      'body field "taskType" is "COLOR_GUIDED_GENERATION"; amazon.titan-image-generator-v1 accepts one of "TEXT_IMAGE", "INPAINTING", "OUTPAINTING", "IMAGE_VARIATION"',
    ]);
    expect(validateBody('amazon.titan-image-generator-v2:0', plainNode({ taskType: 'COLOR_GUIDED_GENERATION' }))).toEqual([]);
    expect(validateBody('amazon.titan-image-generator-v2:0', plainNode({}))[0]!.severity).toBe('warning');
  });
});

describe('text families', () => {
  it('Anthropic Messages requires anthropic_version, max_tokens and messages', () => {
    const ps = validateBody('us.anthropic.claude-haiku-4-5-20251001-v1:0', plainNode({ messages: [{ role: 'user', content: 'hi' }], temperature: 1.5 }));
    expect(ps.map((p) => `${p.severity} ${p.message}`)).toEqual([
      'error anthropic.claude-haiku-4-5-20251001-v1:0 requires body field "anthropic_version"',
      'error anthropic.claude-haiku-4-5-20251001-v1:0 requires body field "max_tokens"',
      'warning body field "temperature" is 1.5; anthropic.claude-haiku-4-5-20251001-v1:0 accepts 0 to 1 (this limit is not confirmed by AWS documentation)',
    ]);
    expect(validateBody('anthropic.claude-3-haiku-20240307-v1:0', plainNode({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 512, messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }))).toEqual([]);
  });

  it('Nova, Titan text, Llama and Mistral shapes', () => {
    expect(messages(validateBody('amazon.nova-lite-v1:0', plainNode({ inferenceConfig: { maxTokens: 10 } })))).toEqual(['amazon.nova-lite-v1:0 requires body field "messages"']);
    expect(messages(validateBody('amazon.titan-text-express-v1', plainNode({ prompt: 'x' })))).toEqual(['amazon.titan-text-express-v1 requires body field "inputText"']);
    expect(messages(validateBody('meta.llama3-70b-instruct-v1:0', plainNode({ prompt: 42 })))).toEqual(['body field "prompt" is 42; meta.llama3-70b-instruct-v1:0 expects a string']);
    expect(messages(validateBody('mistral.mistral-large-2402-v1:0', plainNode({ max_tokens: 10 })))).toEqual([
      'body of mistral.mistral-large-2402-v1:0 needs "prompt" (text completion) or "messages" (chat)',
    ]);
    expect(validateBody('mistral.pixtral-large-2502-v1:0', plainNode({ messages: [{ role: 'user', content: 'x' }] }))).toEqual([]);
  });
});

describe('dynamic values are never judged', () => {
  it('skips JSONPath `.$` fields and does not report them as missing', () => {
    const body = jsonNode('{ "prompt.$": "$.p", "image.$": "$.i", "grow_mask": 5 }');
    expect(validateBody('us.stability.stable-image-inpaint-v1:0', body, { asl: true })).toEqual([]);
  });

  it('still reports an unknown field name written with `.$`', () => {
    const body = jsonNode('{ "prompt": "x", "cfg_scale.$": "$.cfg" }');
    expect(messages(validateBody(SD35, body, { asl: true }))).toEqual([
      'body field "cfg_scale" is not accepted by stability.sd3-5-large-v1:0; accepted: prompt, mode, aspect_ratio, image, strength, seed, negative_prompt, output_format',
    ]);
  });

  it('skips JSONata strings, placeholders, unknown nodes, intrinsics and UNKNOWN_MARK strings', () => {
    const unknown: Node = { kind: 'unknown', reason: 'Fn::ImportValue x', loc: { file: 'a', line: 1, column: 1, endLine: 1, endColumn: 2 } };
    const body = plainNode({ prompt: '{% $states.input.p %}', seed: '${Seed}', aspect_ratio: `16:${UNKNOWN_MARK}`, output_format: { Ref: 'Fmt' } });
    if (body.kind !== 'map') throw new Error('map expected');
    body.entries.push({ key: 'negative_prompt', keyLoc: body.loc, value: unknown });
    expect(validateBody(SD35, body, { asl: true })).toEqual([]);
  });

  it('outside ASL, `.$` keys are literal field names', () => {
    expect(messages(validateBody(SD35, plainNode({ 'prompt.$': '$.p' })))).toEqual([
      'stability.sd3-5-large-v1:0 requires body field "prompt"',
      'body field "prompt.$" is not accepted by stability.sd3-5-large-v1:0; did you mean "prompt"?',
    ]);
  });

  it('a wholly unknown body is skipped', () => {
    const unknown: Node = { kind: 'unknown', reason: 'x', loc: { file: 'a', line: 1, column: 1, endLine: 1, endColumn: 2 } };
    expect(validateBody(SD35, unknown)).toEqual([]);
  });
});

describe('size limits', () => {
  it('flags a body over 25,000,000 bytes', () => {
    const ps = validateBody('us.stability.stable-fast-upscale-v1:0', plainNode({ image: 'A'.repeat(25_000_000) }));
    expect(messages(ps)).toEqual(['request body is 25,000,012 bytes; InvokeModel accepts at most 25,000,000 bytes']);
  });

  it('flags a Step Functions body over 256 KiB, only in ASL', () => {
    const body = plainNode({ image: 'A'.repeat(262_144) });
    expect(messages(validateBody('us.stability.stable-fast-upscale-v1:0', body, { asl: true }))).toEqual([
      "Step Functions task body is 262,156 bytes; a state's input or output is limited to 262,144 bytes (256 KiB)",
    ]);
    expect(validateBody('us.stability.stable-fast-upscale-v1:0', body)).toEqual([]);
  });

  it('checks size even for a model without a schema', () => {
    expect(validateBody('cohere.command-r-v1:0', plainNode({ message: 'A'.repeat(262_144) }), { asl: true })).toHaveLength(1);
  });
});
