// JSON Schema (draft-07) of `.bedrock-lint.yaml`. Unknown keys are errors everywhere, so a typo
// (`failon:`) is reported instead of silently ignored.
const stringList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const ruleId = '^[a-z0-9]+(-[a-z0-9]+)*$';

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'bedrock-lint configuration (.bedrock-lint.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]+$' },
    include: stringList,
    exclude: stringList,
    rules: {
      type: 'object',
      propertyNames: { pattern: ruleId },
      additionalProperties: { enum: ['off', 'error', 'warning', 'info'] },
    },
    failOn: { enum: ['error', 'warning', 'info', 'none'] },
    scps: stringList,
    invocations: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['principal', 'model'],
        properties: {
          principal: { type: 'string', minLength: 1 },
          model: { type: 'string', minLength: 1 },
          region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-[0-9]+$' },
          stream: { type: 'boolean' },
        },
      },
    },
    models: stringList,
    ignore: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'reason'],
        properties: {
          rule: { type: 'string', pattern: ruleId },
          path: { type: 'string', minLength: 1 },
          resource: { type: 'string', minLength: 1 },
          reason: { type: 'string', pattern: '\\S' },
        },
      },
    },
    baseline: { type: 'string', minLength: 1 },
    maxFileSize: { type: 'integer', minimum: 1 },
    parameters: {
      type: 'object',
      additionalProperties: {
        anyOf: [{ type: ['string', 'number', 'boolean'] }, { type: 'array', items: { type: ['string', 'number', 'boolean'] } }],
      },
    },
  },
} as const;
