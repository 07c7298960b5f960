// Generates data/request-schemas.json: draft-07 JSON Schemas for Bedrock InvokeModel request bodies.
//
// Inputs (offline): data/sources-request/bedrock-body-facts.json (the Stability and Nova Canvas body
// facts, copied from the project's reference data) and the text-family facts written below, each
// with the AWS documentation page it comes from.
//
// Conventions inside the generated schemas:
// - "x-unconfirmed": [keywords] marks limits that no primary source confirmed. The validator reports
//   their violations as warnings, never as errors.
// - "x-message": a message template for composite constraints (pairs, "at least one of"); {model} is
//   replaced by the model ID.
//
// Run: node data/gen-request-schemas.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';

const here = (p) => new URL(p, import.meta.url);
const facts = JSON.parse(readFileSync(here('./sources-request/bedrock-body-facts.json'), 'utf8'));
const DATE = '2026-08-21';

/** One field of the reference format ({type, min, max, minLength, maxLength, enum, note}) → JSON Schema. */
function fieldSchema(spec) {
  const s = {};
  const t = spec.type ?? (spec.enum || spec.minLength !== undefined || spec.maxLength !== undefined ? 'string' : undefined);
  if (t === 'integer') s.type = 'integer';
  else if (t === 'number') s.type = 'number';
  else if (t === 'string' || t === 'base64 string') s.type = 'string';
  if (spec.enum) s.enum = spec.enum;
  if (spec.min !== undefined) s.minimum = spec.min;
  if (spec.max !== undefined) s.maximum = spec.max;
  if (spec.minLength !== undefined && spec.minLength > 0) s.minLength = spec.minLength;
  if (spec.maxLength !== undefined) s.maxLength = spec.maxLength;
  if (typeof spec.note === 'string' && spec.note.includes('UNCONFIRMED')) {
    const marked = ['minimum', 'maximum', 'enum', 'minLength', 'maxLength'].filter((k) => k in s);
    if (marked.length) s['x-unconfirmed'] = marked;
  }
  return s;
}

/** Places `schema` at a dotted path ("textToImageParams.text") inside an object schema. */
function place(root, dotted, schema, required) {
  const parts = dotted.split('.');
  let obj = root;
  for (const part of parts.slice(0, -1)) {
    obj.properties ??= {};
    obj.properties[part] ??= { type: 'object' };
    obj = obj.properties[part];
  }
  const leaf = parts[parts.length - 1];
  obj.properties ??= {};
  obj.properties[leaf] = schema;
  if (required) (obj.required ??= []).push(leaf);
}

/** Converts a reference bodySchema into JSON Schema; fields the generic form cannot express are skipped. */
function fromFacts(body, { closed }) {
  const schema = { type: 'object' };
  for (const [group, isRequired] of [['required', true], ['optional', false]]) {
    for (const [name, spec] of Object.entries(body[group] ?? {})) {
      if (name.includes('/')) continue; // "height/width" style pair rules: see the per-model overrides
      if (typeof spec.type === 'string' && spec.type.startsWith('array')) continue;
      if (spec.enum === 'see taskTypes') {
        place(schema, name, { type: 'string', enum: body.taskTypes }, isRequired);
        continue;
      }
      place(schema, name, fieldSchema(spec), isRequired);
    }
  }
  if (closed) schema.additionalProperties = false;
  return schema;
}

const stabilityIds = Object.keys(facts.bodySchemas).filter((id) => id.startsWith('stability.'));
const schemas = {};
const models = {};

for (const id of stabilityIds) {
  if (id === 'stability.stable-diffusion-xl-v0') continue; // same schema as v1, mapped below
  const body = facts.bodySchemas[id];
  const schema = fromFacts(body, { closed: true });
  schemas[id] = { title: id, source: body.source, sourceDate: facts.asOf, schema };
  models[id] = id;
}

// SD3.5 Large: image-to-image needs image and strength.
schemas['stability.sd3-5-large-v1:0'].schema.if = { properties: { mode: { const: 'image-to-image' } }, required: ['mode'] };
schemas['stability.sd3-5-large-v1:0'].schema.then = { required: ['image', 'strength'] };

// Ultra: the mode enum lists only text-to-image while the page also documents image-to-image.
schemas['stability.stable-image-ultra-v1:1'].schema.properties.mode['x-unconfirmed'] = ['enum'];

// Outpaint: at least one direction must be non-zero.
schemas['stability.stable-outpaint-v1:0'].schema.anyOf = ['left', 'right', 'up', 'down'].map((k) => ({
  required: [k],
  properties: { [k]: { exclusiveMinimum: 0 } },
}));
schemas['stability.stable-outpaint-v1:0'].schema['x-message'] =
  'body of {model} must set at least one of "left", "right", "up", "down" above 0';

// SDXL (end of life; validated so old bodies are recognised).
{
  const body = facts.bodySchemas['stability.stable-diffusion-xl-v1'];
  const schema = fromFacts(body, { closed: true });
  const sizes = [...new Set(body.optional['height/width'].allowedPairs.flatMap((p) => p.split('x').map(Number)))].sort((a, b) => a - b);
  schema.properties.text_prompts = {
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      required: ['text'],
      properties: { text: { type: 'string', maxLength: 2000 }, weight: { type: 'number' } },
    },
  };
  (schema.required ??= []).unshift('text_prompts');
  schema.properties.height = { type: 'integer', enum: sizes };
  schema.properties.width = { type: 'integer', enum: sizes };
  schema.if = { required: ['height', 'width'] };
  schema.then = {
    anyOf: body.optional['height/width'].allowedPairs.map((p) => {
      const [h, w] = p.split('x').map(Number);
      return { properties: { height: { const: h }, width: { const: w } } };
    }),
    'x-message': `body of {model} needs a height×width pair among ${body.optional['height/width'].allowedPairs.join(', ')}`,
  };
  // The maximum of steps is disputed (50 or 150); the minimum of 10 is not.
  schema.properties.steps['x-unconfirmed'] = ['maximum'];
  schema.properties.extras = { type: 'object' };
  schemas['stability.stable-diffusion-xl-v1'] = { title: 'SDXL 1.0', source: body.source, sourceDate: facts.asOf, schema };
  models['stability.stable-diffusion-xl-v1'] = 'stability.stable-diffusion-xl-v1';
  models['stability.stable-diffusion-xl-v0'] = 'stability.stable-diffusion-xl-v1';
  models['stability.stable-diffusion-xl'] = 'stability.stable-diffusion-xl-v1';
}

// Core and Ultra 1.0 (end of life) documented on the same pages as v1:1.
models['stability.stable-image-core-v1:0'] = 'stability.stable-image-core-v1:1';
models['stability.stable-image-ultra-v1:0'] = 'stability.stable-image-ultra-v1:1';

// Nova Canvas: confirmed limits only (width, height and seed ranges are not confirmed; cfgScale is a warning).
{
  const body = facts.bodySchemas['amazon.nova-canvas-v1:0'];
  const schema = fromFacts(body, { closed: false });
  // textToImageParams.text is required for TEXT_IMAGE only.
  delete schema.properties.textToImageParams.required;
  schema.required = (schema.required ?? []).filter((r) => r !== 'textToImageParams');
  schema.if = { properties: { taskType: { const: 'TEXT_IMAGE' } }, required: ['taskType'] };
  schema.then = { required: ['textToImageParams'], properties: { textToImageParams: { required: ['text'] } } };
  place(schema, 'colorGuidedGenerationParams.colors', { type: 'array', minItems: 1, maxItems: 10 }, false);
  place(schema, 'imageVariationParams.images', { type: 'array', minItems: 1, maxItems: 5 }, false);
  schema.properties.imageGenerationConfig.properties.numberOfImages.type = 'integer';
  schemas['amazon.nova-canvas-v1:0'] = {
    title: 'Amazon Nova Canvas',
    source: body.source,
    sourceDate: facts.asOf,
    schema,
  };
  models['amazon.nova-canvas-v1:0'] = 'amazon.nova-canvas-v1:0';
}

// Titan Image Generator G1: the task types per version. Limits beyond that are not encoded (the models
// are end of life); `required` is a warning because the page excerpt read did not mark it.
const TITAN_IMAGE_SOURCE = 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-image.html';
for (const [id, types] of [
  ['amazon.titan-image-generator-v1', ['TEXT_IMAGE', 'INPAINTING', 'OUTPAINTING', 'IMAGE_VARIATION']],
  ['amazon.titan-image-generator-v2:0', ['TEXT_IMAGE', 'INPAINTING', 'OUTPAINTING', 'IMAGE_VARIATION', 'COLOR_GUIDED_GENERATION', 'BACKGROUND_REMOVAL']],
]) {
  schemas[id] = {
    title: id,
    source: TITAN_IMAGE_SOURCE,
    sourceDate: '2026-09',
    schema: {
      type: 'object',
      required: ['taskType'],
      'x-unconfirmed': ['required'],
      properties: { taskType: { type: 'string', enum: types } },
    },
  };
  models[id] = id;
}
models['amazon.titan-image-generator-v1:0'] = 'amazon.titan-image-generator-v1';

// Text families. The shape (required fields and their types) is documented on each page; numeric
// ranges are reported as warnings only, because the project's fact base does not confirm them.
const range = (type, minimum, maximum) => ({ type, minimum, maximum, 'x-unconfirmed': ['minimum', 'maximum'] });
const message = { type: 'object', required: ['role', 'content'], properties: { role: { type: 'string', enum: ['user', 'assistant'] } } };

schemas['anthropic-messages'] = {
  title: 'Anthropic Claude Messages API',
  source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-messages-request-response.html',
  sourceDate: '2026-09',
  schema: {
    type: 'object',
    required: ['anthropic_version', 'max_tokens', 'messages'],
    properties: {
      anthropic_version: { type: 'string', enum: ['bedrock-2023-05-31'], 'x-unconfirmed': ['enum'] },
      max_tokens: { type: 'integer', minimum: 1, 'x-unconfirmed': ['minimum'] },
      messages: { type: 'array', items: { ...message, properties: { ...message.properties, content: { type: ['string', 'array'] } } } },
      system: { type: ['string', 'array'] },
      temperature: range('number', 0, 1),
      top_p: range('number', 0, 1),
      top_k: range('integer', 0, 500),
      stop_sequences: { type: 'array', items: { type: 'string' } },
    },
  },
};
schemas['amazon-nova-messages'] = {
  title: 'Amazon Nova understanding models (messages-v1)',
  source: 'https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html',
  sourceDate: '2026-09',
  schema: {
    type: 'object',
    required: ['messages'],
    properties: {
      schemaVersion: { type: 'string' },
      system: { type: 'array', items: { type: 'object' } },
      messages: { type: 'array', items: { ...message, properties: { ...message.properties, content: { type: 'array' } } } },
      inferenceConfig: {
        type: 'object',
        properties: {
          temperature: range('number', 0, 1),
          topP: range('number', 0, 1),
          stopSequences: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};
schemas['amazon-titan-text'] = {
  title: 'Amazon Titan Text',
  source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html',
  sourceDate: '2026-09',
  schema: {
    type: 'object',
    required: ['inputText'],
    properties: {
      inputText: { type: 'string' },
      textGenerationConfig: {
        type: 'object',
        properties: {
          temperature: range('number', 0, 1),
          topP: range('number', 0, 1),
          maxTokenCount: { type: 'integer' },
          stopSequences: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};
schemas['meta-llama'] = {
  title: 'Meta Llama',
  source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-meta.html',
  sourceDate: '2026-09',
  schema: {
    type: 'object',
    required: ['prompt'],
    properties: {
      prompt: { type: 'string' },
      temperature: range('number', 0, 1),
      top_p: range('number', 0, 1),
      max_gen_len: range('integer', 1, 2048),
      images: { type: 'array', items: { type: 'string' } },
    },
  },
};
schemas['mistral'] = {
  title: 'Mistral AI',
  source: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral.html',
  sourceDate: '2026-09',
  schema: {
    type: 'object',
    anyOf: [{ required: ['prompt'] }, { required: ['messages'] }],
    'x-message': 'body of {model} needs "prompt" (text completion) or "messages" (chat)',
    properties: {
      prompt: { type: 'string' },
      messages: { type: 'array', items: { type: 'object', required: ['role'] } },
      max_tokens: { type: 'integer' },
      temperature: range('number', 0, 1),
      top_p: range('number', 0, 1),
      stop: { type: 'array', items: { type: 'string' } },
    },
  },
};

// Families are matched on the underlying model ID (profile prefix and ARN already stripped).
const families = [
  // Claude 3 and later use the Messages API; Claude 2 / Instant used Text Completions (end of life).
  { pattern: '^anthropic\\.claude-(?!v2(?:[:.]|$)|instant-)', schema: 'anthropic-messages' },
  { pattern: '^amazon\\.nova-(?:micro|lite|pro|premier|2-lite)-', schema: 'amazon-nova-messages' },
  { pattern: '^amazon\\.titan-(?:text-|tg1-)', schema: 'amazon-titan-text' },
  { pattern: '^meta\\.llama', schema: 'meta-llama' },
  { pattern: '^mistral\\.', schema: 'mistral' },
];

const out = {
  date: DATE,
  generatedBy: 'data/gen-request-schemas.mjs',
  about:
    'JSON Schemas (draft-07) of Amazon Bedrock InvokeModel request bodies. "x-unconfirmed" keywords only back warnings. Body limit 25,000,000 bytes (InvokeModel Body shape); Step Functions state payload limit 262,144 bytes.',
  limits: { bodyBytes: 25000000, stepFunctionsPayloadBytes: 262144 },
  schemas,
  models,
  families,
};
writeFileSync(here('./request-schemas.json'), JSON.stringify(out, null, 1) + '\n');

// Precompiled validators (ajv standalone code), so validating a body costs no schema compilation
// at run time. Same options as the run-time contract: allErrors, annotation keywords ignored.
const standaloneCode = standaloneCodeModule.default ?? standaloneCodeModule;
const ajv = new Ajv({ allErrors: true, strict: false, code: { source: true, esm: true } });
ajv.addVocabulary(['x-unconfirmed', 'x-message']);
const exportNames = {};
Object.keys(schemas).forEach((id, i) => {
  ajv.addSchema({ ...schemas[id].schema, $id: id });
  exportNames[`v${i}`] = id;
});
let code = standaloneCode(ajv, exportNames);
// ajv emits CommonJS requires for its runtime helpers even in ESM mode: turn them into imports.
let n = 0;
code = code.replace(/const (\w+) = require\("([^"]+)"\)\.default;/g, (_m, name, mod) => {
  const imp = `__rt${n++}`;
  return `import ${imp} from "${mod}.js";const ${name} = ${imp}.default ?? ${imp};`;
});
if (/\brequire\(/.test(code)) throw new Error('unexpected require() left in standalone code');
const table = Object.entries(exportNames).map(([name, id]) => `${JSON.stringify(id)}: ${name}`).join(', ');
code =
  `// Generated by data/gen-request-schemas.mjs from request-schemas.json (${DATE}). Do not edit.\n` +
  code +
  `\nexport const validators = { ${table} };\n`;
writeFileSync(here('./request-validators.mjs'), code);
console.log(`request-schemas.json: ${Object.keys(schemas).length} schemas, ${Object.keys(models).length} model IDs, ${families.length} families`);
