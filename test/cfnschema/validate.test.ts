import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateProperties, type SchemaProblem } from '../../src/cfnschema/validate.js';
import { cfnSchemas } from '../../src/cfnschema/schemas.js';
import { get, plainNode, yamlNode } from '../request/helpers.js';

const brief = (ps: SchemaProblem[]) => ps.map((p) => `${p.loc.line}:${p.loc.column} ${p.message}`);
const props = (yaml: string, id = 'R') => get(yamlNode(yaml), 'Resources', id, 'Properties');

describe('data', () => {
  it('covers the types the analysis relies on, with a date and source', () => {
    const data = cfnSchemas();
    expect(data.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(data.source).toContain('@aws-cdk/aws-service-spec');
    for (const t of ['AWS::IAM::Role', 'AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy', 'AWS::Lambda::Function', 'AWS::EC2::VPCEndpoint',
      'AWS::EC2::SecurityGroupIngress', 'AWS::ECS::TaskDefinition', 'AWS::StepFunctions::StateMachine', 'AWS::Bedrock::Agent',
      'AWS::Bedrock::KnowledgeBase', 'AWS::Serverless::Function', 'AWS::Serverless::StateMachine']) {
      expect(Object.keys(data.types)).toContain(t);
    }
  });
});

describe('validateProperties', () => {
  it('Agent Instruction shorter than 40 characters (conformance 034)', () => {
    const text = readFileSync('/work/shared/conformance/cases/034-agent-instruction-shorter-than-schema-minimum/template.yaml', 'utf8');
    const p = get(yamlNode(text, 'template.yaml'), 'Resources', 'HrAssistantAgent', 'Properties');
    const ps = validateProperties('AWS::Bedrock::Agent', p);
    expect(brief(ps)).toEqual(['37:20 property "Instruction" is 27 characters long; AWS::Bedrock::Agent accepts at least 40 characters']);
    expect(ps[0]!.key).toBe('AWS::Bedrock::Agent minLength:Instruction');
  });

  it('a typo in a property name, with "did you mean", at the key line', () => {
    const ps = validateProperties('AWS::IAM::Policy', props(`Resources:
  R:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: p
      PolicyDocuments:
        Version: '2012-10-17'
        Statement: []
      Roles: [!Ref Role]
`));
    expect(brief(ps)).toEqual([
      '5:7 AWS::IAM::Policy requires property "PolicyDocument"',
      '6:7 property "PolicyDocuments" is not accepted by AWS::IAM::Policy; did you mean "PolicyDocument"?',
    ]);
  });

  it('ManagedPolicyArn on a role, and a typo inside Policies items', () => {
    const ps = validateProperties('AWS::IAM::Role', props(`Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {}
      ManagedPolicyArn:
        - arn:aws:iam::aws:policy/AmazonBedrockFullAccess
      Policies:
        - PolicyName: x
          PolicyDocuments: {}
`));
    expect(ps.map((p) => [p.loc.line, p.message, p.fix])).toEqual([
      [6, 'property "ManagedPolicyArn" is not accepted by AWS::IAM::Role; did you mean "ManagedPolicyArns"?', 'rename "ManagedPolicyArn" to "ManagedPolicyArns"'],
      [9, 'AWS::IAM::Role requires property "Policies[0].PolicyDocument"', 'add "PolicyDocument" to "Policies[0]"'],
      [10, 'property "Policies[0].PolicyDocuments" is not accepted by AWS::IAM::Role; did you mean "PolicyDocument"?', 'rename "PolicyDocuments" to "PolicyDocument"'],
    ]);
  });

  it('accepts intrinsic functions wherever a value goes', () => {
    expect(validateProperties('AWS::Bedrock::Agent', props(`Resources:
  R:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: !Ref Name
      Instruction: !Sub '\${Persona}'
      IdleSessionTTLInSeconds: !If [Long, 3600, 600]
      ActionGroups: !If [HasGroups, [{ ActionGroupName: x }], !Ref AWS::NoValue]
      KnowledgeBases:
        - !If [HasKb, { KnowledgeBaseId: ABCDEFGHIJ, Description: kb }, !Ref AWS::NoValue]
      FoundationModel: { "Fn::ImportValue": shared-model }
`))).toEqual([]);
  });

  it('a required property given by an intrinsic is present', () => {
    expect(validateProperties('AWS::Bedrock::Agent', props(`Resources:
  R:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: { "Fn::Join": ["-", [a, b]] }
`))).toEqual([]);
  });

  it('coerces scalars like CloudFormation and reports real type errors', () => {
    expect(validateProperties('AWS::Lambda::Function', plainNode({ Role: 'arn:aws:iam::1:role/r', Code: { ZipFile: 'x' }, Timeout: '30', MemorySize: 512 }))).toEqual([]);
    expect(validateProperties('AWS::Lambda::Function', plainNode({ Role: 'r', Code: {}, MemorySize: 'big' })).map((p) => p.message)).toEqual([
      'property "MemorySize" is "big"; AWS::Lambda::Function expects an integer',
    ]);
  });

  it('enums and ranges', () => {
    expect(validateProperties('AWS::EC2::VPCEndpoint', plainNode({ VpcId: 'vpc-1', ServiceName: 'com.amazonaws.us-east-1.bedrock-runtime', VpcEndpointType: 'Interfase' })).map((p) => p.message)).toEqual([
      'property "VpcEndpointType" is "Interfase"; AWS::EC2::VPCEndpoint accepts one of "Interface", "Gateway", "GatewayLoadBalancer", "ServiceNetwork", "Resource", "Tunnel" (did you mean "Interface"?)',
    ]);
    expect(validateProperties('AWS::Bedrock::Agent', plainNode({ AgentName: 'a', IdleSessionTTLInSeconds: 30 })).map((p) => p.message)).toEqual([
      'property "IdleSessionTTLInSeconds" is 30; AWS::Bedrock::Agent accepts 60 to 3600',
    ]);
    expect(validateProperties('AWS::Bedrock::Agent', plainNode({ AgentName: 'bad name!' })).map((p) => p.message)).toEqual([
      'property "AgentName" is "bad name!"; AWS::Bedrock::Agent expects a value matching ^([0-9a-zA-Z][_-]?){1,100}$',
    ]);
  });

  it('union types pick the branch of the value type (SAM Policies)', () => {
    const ok = plainNode({ Handler: 'h', Runtime: 'python3.12', CodeUri: '.', Policies: ['AmazonBedrockFullAccess', { Statement: [] }] });
    expect(validateProperties('AWS::Serverless::Function', ok)).toEqual([]);
    expect(validateProperties('AWS::Serverless::Function', plainNode({ Handler: 'h', Timeout: true })).map((p) => p.message)).toEqual([
      'property "Timeout" is true; AWS::Serverless::Function expects a number',
    ]);
  });

  it('accepts a local path where `aws cloudformation package` will upload it', () => {
    expect(validateProperties('AWS::Lambda::Function', plainNode({ Role: 'r', Code: './src/handler' }))).toEqual([]);
    expect(validateProperties('AWS::Lambda::Function', plainNode({ Role: 'r', Code: { ZipFile: 'x', Bogus: 1 } })).map((p) => p.message)).toEqual([
      'property "Code.Bogus" is not accepted by AWS::Lambda::Function; accepted: ImageUri, S3Bucket, S3Key, S3ObjectStorageMode, S3ObjectVersion, SourceKMSKeyArn, ZipFile',
    ]);
  });

  it('SAM types: names and required-ness are not judged (the SAM spec lags behind SAM)', () => {
    expect(validateProperties('AWS::Serverless::Function', plainNode({ Handler: 'h', LoggingConfig: { LogFormat: 'JSON' } }))).toEqual([]);
    expect(validateProperties('AWS::Serverless::StateMachine', plainNode({ Logging: { Level: 'OFF', IncludeExecutionData: false } }))).toEqual([]);
  });

  it('missing Properties: required ones are reported at the resource', () => {
    const at = { file: 't.yaml', line: 3, column: 3, endLine: 3, endColumn: 4 };
    expect(validateProperties('AWS::Bedrock::Agent', undefined, at)).toEqual([
      { message: 'AWS::Bedrock::Agent requires property "AgentName"', loc: at, key: 'AWS::Bedrock::Agent required:AgentName', fix: 'add "AgentName" under Properties' },
    ]);
  });

  it('types outside the list are not judged', () => {
    expect(validateProperties('AWS::S3::Bucket', plainNode({ Bogus: 1 }))).toEqual([]);
  });
});
