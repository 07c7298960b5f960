// Generates data/cfn-schemas.json: draft-07 JSON Schemas of the Properties of the CloudFormation
// resource types the analysis relies on, from @aws-cdk/aws-service-spec (build time only), plus the
// registry-schema constraints that spec does not carry (data/sources-cfn/registry-constraints.json).
//
// Shape conventions, so that the validator's error paths are always rooted at the type's schema:
// - no $ref: property types are inlined (a recursive type is cut to {} at its second occurrence);
// - intrinsic functions are not modelled: the validator replaces them by "holes" before validating;
// - scalar coercion ("30" for an integer) is left to ajv's coerceTypes, as CloudFormation coerces.
//
// Run: node data/gen-cfn-schemas.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { loadAwsServiceSpecSync } = require('@aws-cdk/aws-service-spec');
const specVersion = require('@aws-cdk/aws-service-spec/package.json').version;
// Publication date of the package version read (npm registry), recorded so the data carries a date.
const SPEC_DATES = { '0.1.216': '2026-09-29' };

const TYPES = [
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Function',
  'AWS::EC2::VPCEndpoint',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::SecurityGroupEgress',
  'AWS::EC2::Subnet',
  'AWS::EC2::RouteTable',
  'AWS::EC2::Route',
  'AWS::EC2::NatGateway',
  'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::ECS::TaskDefinition',
  'AWS::StepFunctions::StateMachine',
  'AWS::Serverless::Function',
  'AWS::Serverless::StateMachine',
];

// Properties `aws cloudformation package` rewrites: before packaging they hold a local path.
const PACKAGEABLE = {
  'AWS::Lambda::Function': ['Code'],
  'AWS::StepFunctions::StateMachine': ['DefinitionS3Location'],
};

const here = (p) => new URL(p, import.meta.url);
const overlay = JSON.parse(readFileSync(here('./sources-cfn/registry-constraints.json'), 'utf8'));
const db = loadAwsServiceSpecSync();

const bedrockTypes = db
  .all('resource')
  .map((r) => r.cloudFormationType)
  .filter((t) => t.startsWith('AWS::Bedrock::'))
  .sort();

function typeSchema(t, seen) {
  switch (t.type) {
    case 'string':
      return t.allowedValues ? { type: 'string', enum: [...t.allowedValues] } : { type: 'string' };
    case 'date-time':
      return { type: 'string' };
    case 'number':
      return { type: 'number' };
    case 'integer':
      return { type: 'integer' };
    case 'boolean':
      return { type: 'boolean' };
    case 'json':
      return { type: ['object', 'array', 'string'] };
    case 'tag':
      return {
        type: 'object',
        properties: { Key: { type: 'string' }, Value: { type: 'string' } },
        required: ['Key', 'Value'],
        additionalProperties: false,
      };
    case 'array':
      return { type: 'array', items: typeSchema(t.element, seen) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(t.element, seen) };
    case 'union': {
      const members = t.types.map((m) => typeSchema(m, seen));
      if (members.every((m) => Object.keys(m).length === 1 && 'type' in m)) {
        return { type: [...new Set(members.flatMap((m) => (Array.isArray(m.type) ? m.type : [m.type])))] };
      }
      return { anyOf: members };
    }
    case 'ref': {
      const id = t.reference.$ref;
      if (seen.has(id)) return {};
      const def = db.get('typeDefinition', id);
      return objectSchema(def.properties, new Set([...seen, id]));
    }
    default:
      return {};
  }
}

function objectSchema(properties, seen) {
  const schema = { type: 'object', properties: {}, additionalProperties: false };
  const required = [];
  for (const name of Object.keys(properties).sort()) {
    const p = properties[name];
    schema.properties[name] = typeSchema(p.type, seen);
    if (p.required) required.push(name);
  }
  if (required.length) schema.required = required;
  return schema;
}

/**
 * The SAM part of the spec lags behind SAM itself (e.g. Function LoggingConfig is missing, and
 * StateMachine Logging.Destinations is marked required although CloudFormation does not require
 * it): for SAM types only types and enums are checked, not property names or required ones.
 */
function lenient(schema) {
  if (schema === null || typeof schema !== 'object') return;
  if (schema.additionalProperties === false) delete schema.additionalProperties;
  delete schema.required;
  for (const v of Object.values(schema)) {
    if (Array.isArray(v)) v.forEach(lenient);
    else if (v && typeof v === 'object') lenient(v);
  }
}

/** Applies "A.B[].C" constraint paths of the registry overlay. */
function applyOverlay(schema, type) {
  for (const [path, constraint] of Object.entries(overlay.constraints[type] ?? {})) {
    let node = schema;
    for (const step of path.split('.')) {
      const arrays = step.endsWith('[]');
      const name = arrays ? step.slice(0, -2) : step;
      node = node?.properties?.[name];
      if (arrays) node = node?.items;
    }
    if (!node) throw new Error(`${type}: overlay path ${path} not found in the spec`);
    Object.assign(node, constraint);
  }
}

const types = {};
for (const type of [...TYPES, ...bedrockTypes]) {
  const res = db.lookup('resource', 'cloudFormationType', 'equals', type)[0];
  if (!res) throw new Error(`resource type ${type} not in @aws-cdk/aws-service-spec ${specVersion}`);
  const schema = objectSchema(res.properties, new Set());
  for (const name of PACKAGEABLE[type] ?? []) schema.properties[name] = { anyOf: [schema.properties[name], { type: 'string' }] };
  if (type.startsWith('AWS::Serverless::')) lenient(schema);
  applyOverlay(schema, type);
  types[type] = schema;
}

const out = {
  date: SPEC_DATES[specVersion] ?? 'unknown',
  source: `@aws-cdk/aws-service-spec ${specVersion} (CloudFormation resource specification and SAM schema); constraints overlay: ${overlay.source} (${overlay.date})`,
  generatedBy: 'data/gen-cfn-schemas.mjs',
  types,
};
writeFileSync(here('./cfn-schemas.json'), JSON.stringify(out) + '\n');
console.log(`cfn-schemas.json: ${Object.keys(types).length} resource types`);
