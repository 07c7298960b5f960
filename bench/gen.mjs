// Benchmark corpus generator: realistic CloudFormation templates of a given resource count
// (IAM roles and policies with Bedrock grants, VPC-attached Lambda functions with MODEL_ID,
// a VPC with subnets, route tables, a NAT gateway, endpoints and security groups), a template
// with 40 chained Fn::If conditions, and a 300-file repository. Deterministic: the same call
// writes the same bytes. Output goes under bench/.generated/ (git-ignored).
//
//   node bench/gen.mjs            # writes everything and prints the file list with sizes

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const GENERATED = path.join(path.dirname(fileURLToPath(import.meta.url)), '.generated');
export const SIZES = [10, 100, 1000, 2000];
/** CloudFormation's largest template body (S3 URL), in bytes. */
export const CFN_MAX_BYTES = 1_048_576;
/** Bytes per resource that puts the 2,000-resource template at ~1 MB in either format. */
const BYTES_PER_RESOURCE = 510;

// ---------------------------------------------------------------- short-form tags
/** A CloudFormation intrinsic written as a short-form tag in YAML and in long form in JSON. */
class Tag {
  constructor(name, value) {
    this.name = name;
    this.value = value;
  }
}
const ref = (v) => new Tag('Ref', v);
const sub = (v) => new Tag('Sub', v);
const getAtt = (v) => new Tag('GetAtt', v);
const select = (i, list) => new Tag('Select', [i, list]);
const getAZs = () => new Tag('GetAZs', '');
const fnIf = (c, a, b) => new Tag('If', [c, a, b]);
const equals = (a, b) => new Tag('Equals', [a, b]);
const or = (...xs) => new Tag('Or', xs);
const and = (...xs) => new Tag('And', xs);
const condition = (n) => new Tag('Condition', n);

function toJsonValue(v) {
  if (v instanceof Tag) {
    const key = v.name === 'Ref' || v.name === 'Condition' ? v.name : `Fn::${v.name}`;
    const inner = v.name === 'GetAtt' && typeof v.value === 'string' ? v.value.split('.') : toJsonValue(v.value);
    return { [key]: inner };
  }
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toJsonValue(x)]));
  return v;
}

// ---------------------------------------------------------------- YAML emitter
const PLAIN = /^[A-Za-z_/$][A-Za-z0-9_./:@${}*-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;

function scalar(v, inFlow = false) {
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  // Braces and commas are indicators inside flow collections.
  if (PLAIN.test(v) && !RESERVED.test(v) && !(inFlow && /[{},[\]]/.test(v))) return v;
  return JSON.stringify(v);
}
const isScalar = (v) => v === null || typeof v !== 'object';
const isFlowable = (v) => isScalar(v) || (v instanceof Tag && (isScalar(v.value) || (Array.isArray(v.value) && v.value.every(isFlowable))));

function flow(v) {
  if (v instanceof Tag) return `!${v.name} ${Array.isArray(v.value) ? `[${v.value.map(flow).join(', ')}]` : scalar(v.value, true)}`;
  return scalar(v, true);
}

/** Lines of a value placed after `key:` (inline) or as a list item. */
function yamlLines(v, indent) {
  const pad = ' '.repeat(indent);
  if (typeof v === 'string' && v.includes('\n')) return { inline: '|', lines: v.replace(/\n$/, '').split('\n').map((l) => (l ? pad + l : '')) };
  if (isFlowable(v)) return { inline: flow(v) };
  if (v instanceof Tag) {
    const inner = yamlLines(v.value, indent);
    return { inline: `!${v.name}${inner.inline ? ` ${inner.inline}` : ''}`, lines: inner.lines };
  }
  const lines = [];
  if (Array.isArray(v)) {
    if (v.length === 0) return { inline: '[]' };
    for (const item of v) {
      const r = yamlLines(item, indent + 2);
      if (r.lines && !r.inline && !Array.isArray(item) && !(item instanceof Tag)) {
        // A map as a list item: first key on the dash line.
        lines.push(`${pad}- ${r.lines[0].trimStart()}`, ...r.lines.slice(1));
      } else {
        lines.push(`${pad}-${r.inline ? ` ${r.inline}` : ''}`, ...(r.lines ?? []));
      }
    }
    return { lines };
  }
  const entries = Object.entries(v);
  if (entries.length === 0) return { inline: '{}' };
  for (const [k, x] of entries) {
    const r = yamlLines(x, indent + 2);
    lines.push(`${pad}${scalar(k)}:${r.inline ? ` ${r.inline}` : ''}`, ...(r.lines ?? []));
  }
  return { lines };
}

export function toYaml(template) {
  return `${yamlLines(template, 0).lines.join('\n')}\n`;
}
export function toJson(template) {
  // One-space indentation, as `cdk synth` writes templates.
  return `${JSON.stringify(toJsonValue(template), null, 1)}\n`;
}

// ---------------------------------------------------------------- template of n resources
const MODELS = [
  { id: 'amazon.nova-pro-v1:0', stream: true },
  { id: 'amazon.nova-lite-v1:0', stream: false },
  { id: 'amazon.nova-micro-v1:0', stream: true },
  { id: 'amazon.titan-embed-text-v2:0', stream: false },
];
/** Tags every team adds; how many of them a resource carries is the size knob. */
const EXTRA_TAGS = [
  ['app', 'bedrock-bench'], ['env', 'production'], ['team', 'ml-platform'], ['owner', 'ml-platform@example.com'],
  ['cost-center', 'CC-4711'], ['project', 'assistants'], ['data-classification', 'internal'], ['managed-by', 'cloudformation'],
];
let extraTags = 0;
const tags = (name) => [{ Key: 'Name', Value: name }, ...EXTRA_TAGS.slice(0, extraTags).map(([Key, Value]) => ({ Key, Value }))];
const fmArn = (model) => sub(`arn:\${AWS::Partition}:bedrock:\${AWS::Region}::foundation-model/${model}`);

function lambdaCode(model, stream) {
  const call = stream
    ? '    response = client.converse_stream(modelId=MODEL_ID, messages=messages)\n    return "".join(e["contentBlockDelta"]["delta"]["text"] for e in response["stream"] if "contentBlockDelta" in e)\n'
    : '    response = client.converse(modelId=MODEL_ID, messages=messages)\n    return response["output"]["message"]["content"][0]["text"]\n';
  return (
    'import os\nimport boto3\n\n' +
    `MODEL_ID = os.environ.get("MODEL_ID", "${model}")\n` +
    'client = boto3.client("bedrock-runtime")\n\n' +
    'def handler(event, context):\n' +
    '    messages = [{"role": "user", "content": [{"text": event.get("prompt", "")}]}]\n' +
    call
  );
}

/** Network: a VPC, private subnets with route tables to a NAT gateway, bedrock-runtime and S3 endpoints. */
function network(resources, subnets, full) {
  resources.Vpc = { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.0.0.0/16', EnableDnsSupport: true, EnableDnsHostnames: true, Tags: tags('bench-vpc') } };
  if (full) {
    resources.InternetGateway = { Type: 'AWS::EC2::InternetGateway', Properties: { Tags: tags('bench-igw') } };
    resources.GatewayAttachment = { Type: 'AWS::EC2::VPCGatewayAttachment', Properties: { VpcId: ref('Vpc'), InternetGatewayId: ref('InternetGateway') } };
    resources.PublicSubnet = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: '10.0.255.0/24', AvailabilityZone: select(0, getAZs()), MapPublicIpOnLaunch: true, Tags: tags('bench-public') } };
    resources.PublicRouteTable = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc'), Tags: tags('bench-public-rt') } };
    resources.PublicRoute = { Type: 'AWS::EC2::Route', DependsOn: 'GatewayAttachment', Properties: { RouteTableId: ref('PublicRouteTable'), DestinationCidrBlock: '0.0.0.0/0', GatewayId: ref('InternetGateway') } };
    resources.PublicAssociation = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref('PublicSubnet'), RouteTableId: ref('PublicRouteTable') } };
    resources.NatEip = { Type: 'AWS::EC2::EIP', DependsOn: 'GatewayAttachment', Properties: { Domain: 'vpc', Tags: tags('bench-nat-eip') } };
    resources.NatGateway = { Type: 'AWS::EC2::NatGateway', Properties: { AllocationId: getAtt('NatEip.AllocationId'), SubnetId: ref('PublicSubnet'), Tags: tags('bench-nat') } };
    resources.S3Endpoint = { Type: 'AWS::EC2::VPCEndpoint', Properties: { VpcId: ref('Vpc'), ServiceName: sub('com.amazonaws.${AWS::Region}.s3'), VpcEndpointType: 'Gateway', RouteTableIds: Array.from({ length: Math.min(subnets, 20) }, (_, i) => ref(`PrivateRouteTable${i}`)) } };
  }
  for (let i = 0; i < subnets; i++) {
    resources[`PrivateSubnet${i}`] = { Type: 'AWS::EC2::Subnet', Properties: { VpcId: ref('Vpc'), CidrBlock: `10.0.${i}.0/24`, AvailabilityZone: select(i % 3, getAZs()), Tags: tags(`bench-private-${i}`) } };
    resources[`PrivateRouteTable${i}`] = { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: ref('Vpc'), Tags: tags(`bench-private-rt-${i}`) } };
    resources[`PrivateAssociation${i}`] = { Type: 'AWS::EC2::SubnetRouteTableAssociation', Properties: { SubnetId: ref(`PrivateSubnet${i}`), RouteTableId: ref(`PrivateRouteTable${i}`) } };
    if (full) resources[`PrivateRoute${i}`] = { Type: 'AWS::EC2::Route', Properties: { RouteTableId: ref(`PrivateRouteTable${i}`), DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: ref('NatGateway') } };
  }
  resources.EndpointSecurityGroup = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: 'HTTPS from the VPC to the Bedrock runtime endpoint', VpcId: ref('Vpc'), SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/16' }], Tags: tags('bench-endpoint-sg') },
  };
  resources.BedrockRuntimeEndpoint = {
    Type: 'AWS::EC2::VPCEndpoint',
    Properties: {
      VpcId: ref('Vpc'),
      ServiceName: sub('com.amazonaws.${AWS::Region}.bedrock-runtime'),
      VpcEndpointType: 'Interface',
      PrivateDnsEnabled: true,
      SubnetIds: Array.from({ length: Math.min(subnets, 3) }, (_, i) => ref(`PrivateSubnet${i}`)),
      SecurityGroupIds: [ref('EndpointSecurityGroup')],
    },
  };
}

/** One application unit: role, separate policy, security group, function, log group. */
function appUnit(resources, i, subnets) {
  const m = MODELS[i % MODELS.length];
  const name = `Worker${i}`;
  const subnetA = (i * 7) % subnets;
  const subnetB = (i * 7 + 1) % subnets;
  resources[`${name}Role`] = {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      ManagedPolicyArns: [sub('arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole')],
      Policies: [
        {
          PolicyName: `${name.toLowerCase()}-bedrock`,
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'InvokeModel', Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: [fmArn(m.id)] },
            ],
          },
        },
      ],
      Tags: tags(`bench-role-${i}`),
    },
  };
  resources[`${name}StreamPolicy`] = {
    Type: 'AWS::IAM::Policy',
    Properties: {
      PolicyName: `${name.toLowerCase()}-stream`,
      Roles: [ref(`${name}Role`)],
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['bedrock:InvokeModelWithResponseStream'], Resource: fmArn(m.id) }] },
    },
  };
  resources[`${name}SecurityGroup`] = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: `${name} egress to HTTPS`, VpcId: ref('Vpc'), SecurityGroupEgress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }], Tags: tags(`bench-sg-${i}`) },
  };
  resources[`${name}Function`] = {
    Type: 'AWS::Lambda::Function',
    Properties: {
      FunctionName: `bench-${i}`,
      Description: `Calls ${m.id}`,
      Runtime: 'python3.12',
      Handler: 'index.handler',
      Role: getAtt(`${name}Role.Arn`),
      Timeout: 60,
      MemorySize: 512,
      Environment: { Variables: { MODEL_ID: m.id, LOG_LEVEL: 'INFO' } },
      VpcConfig: { SubnetIds: [ref(`PrivateSubnet${subnetA}`), ref(`PrivateSubnet${subnetB}`)], SecurityGroupIds: [ref(`${name}SecurityGroup`)] },
      // Half the functions carry their code inline (scanned for model IDs), half point at S3.
      Code: i % 2 === 0 ? { ZipFile: lambdaCode(m.id, m.stream) } : { S3Bucket: sub('bench-artifacts-${AWS::AccountId}'), S3Key: `functions/bench-${i}.zip` },
      Tags: tags(`bench-fn-${i}`),
    },
  };
  resources[`${name}LogGroup`] = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/aws/lambda/bench-${i}`, RetentionInDays: 14 } };
}

/** A template with exactly n resources. */
function templateOf(n) {
  const resources = {};
  const subnets = Math.max(1, Math.round(n / 10));
  network(resources, subnets, n >= 100);
  for (let i = 0; Object.keys(resources).length + 5 <= n; i++) appUnit(resources, i, subnets);
  for (let i = 0; Object.keys(resources).length < n; i++) {
    resources[`ExtraLogGroup${i}`] = { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: `/bench/extra-${i}`, RetentionInDays: 7 } };
  }
  if (Object.keys(resources).length !== n) throw new Error(`generator: ${Object.keys(resources).length} resources for n=${n}`);
  return { AWSTemplateFormatVersion: '2010-09-09', Description: `bedrock-lint benchmark template with ${n} resources`, Resources: resources };
}

/**
 * The template text of n resources in a format. Resources carry as many common tags as keep the
 * text within BYTES_PER_RESOURCE bytes per resource, so 2,000 resources are ~1 MB in YAML and JSON.
 */
export function generateTemplate(n, format) {
  const write = format === 'json' ? toJson : toYaml;
  let best;
  for (let k = 0; k <= EXTRA_TAGS.length; k++) {
    extraTags = k;
    const text = write(templateOf(n));
    if (best !== undefined && Buffer.byteLength(text) > n * BYTES_PER_RESOURCE) break;
    best = text;
  }
  extraTags = 0;
  return best;
}

/** 40 chained conditions (each uses the previous one twice) and 40-deep Fn::If values. */
export function generateChainedIf(format, depth = 40) {
  const conditions = { C0: equals(ref('Stage'), 'stage-0') };
  for (let i = 1; i < depth; i++) conditions[`C${i}`] = or(and(condition(`C${i - 1}`), equals(ref('Stage'), `stage-${i}`)), and(condition(`C${i - 1}`), equals(ref('Tier'), `tier-${i}`)));
  let model = 'amazon.nova-micro-v1:0';
  let arn = fmArn('amazon.nova-micro-v1:0');
  for (let i = 0; i < depth; i++) {
    const m = MODELS[i % 3].id;
    model = fnIf(`C${i}`, m, model);
    arn = fnIf(`C${i}`, fmArn(m), arn);
  }
  const template = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: `${depth} chained conditions selecting the model`,
    Parameters: { Stage: { Type: 'String' }, Tier: { Type: 'String', Default: 'tier-1' } },
    Conditions: conditions,
    Resources: {
      ChainRole: {
        Type: 'AWS::IAM::Role',
        Properties: {
          AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
          Policies: [{ PolicyName: 'bedrock', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: arn }] } }],
        },
      },
      ChainFunction: {
        Type: 'AWS::Lambda::Function',
        Properties: { Runtime: 'python3.12', Handler: 'index.handler', Role: getAtt('ChainRole.Arn'), Environment: { Variables: { MODEL_ID: model } }, Code: { ZipFile: lambdaCode('amazon.nova-micro-v1:0', false) } },
      },
    },
  };
  return format === 'json' ? toJson(template) : toYaml(template);
}

/** A 300-file repository: stacks (YAML/JSON), bare policies, state machines, requests and noise. */
export function generateRepo(dir, files = 300) {
  rmSync(dir, { recursive: true, force: true });
  const put = (rel, text) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  for (let i = 0; i < files; i++) {
    const svc = `services/svc-${String(Math.floor(i / 10)).padStart(2, '0')}`;
    switch (i % 6) {
      case 0:
      case 1:
        put(`${svc}/stack-${i}.yaml`, generateTemplate(10 + (i % 4) * 5, 'yaml'));
        break;
      case 2:
        put(`${svc}/stack-${i}.template.json`, generateTemplate(10, 'json'));
        break;
      case 3:
        put(`${svc}/policy-${i}.json`, `${JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Invoke', Effect: 'Allow', Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'], Resource: [`arn:aws:bedrock:us-east-1::foundation-model/${MODELS[i % 4].id}`] }] }, null, 2)}\n`);
        break;
      case 4:
        put(
          `${svc}/statemachine-${i}.asl.json`,
          `${JSON.stringify({ StartAt: 'Invoke', States: { Invoke: { Type: 'Task', Resource: 'arn:aws:states:::bedrock:invokeModel', Parameters: { ModelId: `arn:aws:bedrock:us-east-1::foundation-model/${MODELS[i % 3].id}`, Body: { messages: [{ role: 'user', content: [{ text: 'hello' }] }], inferenceConfig: { maxTokens: 256 } } }, End: true } } }, null, 2)}\n`,
        );
        break;
      default:
        put(`${svc}/config-${i}.json`, `${JSON.stringify({ name: `svc-${i}`, version: '1.0.0', settings: { retries: 3, timeoutSeconds: 30 } }, null, 2)}\n`);
    }
  }
}

/** Writes every generated input; returns their paths. */
export function generateAll(out = GENERATED) {
  mkdirSync(out, { recursive: true });
  const files = { templates: [], chained: [], repo: path.join(out, 'repo-300') };
  for (const n of SIZES) {
    for (const format of ['yaml', 'json']) {
      const file = path.join(out, `cfn-${n}.${format}`);
      writeFileSync(file, generateTemplate(n, format));
      files.templates.push({ n, format, file });
    }
  }
  for (const format of ['yaml', 'json']) {
    const file = path.join(out, `chained-if-40.${format}`);
    writeFileSync(file, generateChainedIf(format));
    files.chained.push({ format, file });
  }
  generateRepo(files.repo);
  return files;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const files = generateAll();
  const { statSync } = await import('node:fs');
  for (const t of [...files.templates, ...files.chained]) console.log(`${String(statSync(t.file).size).padStart(9)}  ${path.relative(process.cwd(), t.file)}`);
  console.log(`repository: ${path.relative(process.cwd(), files.repo)}`);
}
