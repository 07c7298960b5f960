// The CloudFormation/SAM/CDK template builder: every source of a role's policies, compute
// environment and networking, state machines, Bedrock resources, conditions and CDK assemblies.
import { describe, expect, it } from 'vitest';
import { describePolicy, lintFiles, roleById, statementsOf } from './helpers.js';

const CFN = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const SAM = 'AWSTemplateFormatVersion: "2010-09-09"\nTransform: AWS::Serverless-2016-10-31\n';
const TRUST = `
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole`;
const invokeDoc = (indent: string, model: string) =>
  [
    `${indent}Version: "2012-10-17"`,
    `${indent}Statement:`,
    `${indent}  - Effect: Allow`,
    `${indent}    Action: bedrock:InvokeModel`,
    `${indent}    Resource: arn:aws:bedrock:us-east-1::foundation-model/${model}`,
  ].join('\n');

describe('roles collect policies from every source', () => {
  const template = `${CFN}Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      RoleName: app-role${TRUST}
      Policies:
        - PolicyName: inline-invoke
          PolicyDocument:
${invokeDoc('            ', 'inline')}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AmazonBedrockReadOnly
        - !Ref CustomerManaged
        - arn:aws:iam::123456789012:policy/not-in-inputs
  ByRefPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: by-ref
      Roles: [!Ref AppRole]
      PolicyDocument:
${invokeDoc('        ', 'by-ref')}
  ByNamePolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: by-name
      Roles: [app-role]
      PolicyDocument:
${invokeDoc('        ', 'by-name')}
  AttachedManaged:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [!Ref AppRole]
      PolicyDocument:
${invokeDoc('        ', 'managed-attached')}
  CustomerManaged:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: customer-managed
      PolicyDocument:
${invokeDoc('        ', 'managed-arn')}
  RolePolicy:
    Type: AWS::IAM::RolePolicy
    Properties:
      PolicyName: role-policy
      RoleName: !Ref AppRole
      PolicyDocument:
${invokeDoc('        ', 'role-policy')}
`;
  const res = lintFiles({ 'template.yaml': template }, { region: 'us-east-1' });
  const role = roleById(res, 'AppRole');

  it('lists every attached document, in a fixed order', () => {
    expect(role.policies.map(describePolicy)).toEqual([
      'inline-invoke',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AmazonBedrockReadOnly',
      'customer-managed',
      'arn:aws:iam::123456789012:policy/not-in-inputs (unknown: customer managed policy arn:aws:iam::123456789012:policy/not-in-inputs is not in the inputs)',
      'by-ref',
      'by-name',
      'AttachedManaged',
      'role-policy',
    ]);
  });

  it('keeps the statements of template-defined documents', () => {
    const byName = Object.fromEntries(role.policies.map((p) => [p.name, statementsOf(p)]));
    expect(byName['inline-invoke']).toEqual(['Allow bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/inline']);
    expect(byName['customer-managed']).toEqual(['Allow bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/managed-arn']);
    expect(byName['role-policy']).toEqual(['Allow bedrock:InvokeModel on arn:aws:bedrock:us-east-1::foundation-model/role-policy']);
  });

  it('gives the role its name and an ARN in the symbolic account', () => {
    expect([role.name, role.arn]).toEqual(['app-role', 'arn:aws:iam::000000000000:role/app-role']);
  });

  it('does not match a managed-policy ARN whose path is wrong', () => {
    const r = lintFiles({
      'template.yaml': `${CFN}Resources:
  R:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole
`,
    });
    expect(roleById(r, 'R').policies.map(describePolicy)).toEqual([
      'arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole (unknown: arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole is not an AWS managed policy bedrock-lint knows (check its path, e.g. service-role/))',
    ]);
  });

  it('applies a PermissionsBoundary from the template and from an AWS managed ARN', () => {
    const r = lintFiles({
      'template.yaml': `${CFN}Resources:
  Bounded:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      PermissionsBoundary: !Ref Boundary
  AwsBounded:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      PermissionsBoundary: arn:aws:iam::aws:policy/AmazonBedrockReadOnly
  Missing:
    Type: AWS::IAM::Role
    Properties:${TRUST}
      PermissionsBoundary: arn:aws:iam::123456789012:policy/elsewhere
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
${invokeDoc('        ', 'boundary')}
`,
    });
    const b = (id: string) => {
      const x = roleById(r, id).boundary!;
      return [x.kind, describePolicy(x)];
    };
    expect(b('Bounded')).toEqual(['boundary', 'Boundary']);
    expect(b('AwsBounded')).toEqual(['boundary', 'arn:aws:iam::aws:policy/AmazonBedrockReadOnly']);
    expect(b('Missing')).toEqual([
      'boundary',
      'permissions boundary arn:aws:iam::123456789012:policy/elsewhere (unknown: permissions boundary arn:aws:iam::123456789012:policy/elsewhere is not in the inputs)',
    ]);
  });

  it('attaches a CDK DefaultPolicy (AWS::IAM::Policy with Roles: [Ref]) to its role', () => {
    const r = lintFiles({
      'Stack.template.json': JSON.stringify({
        Resources: {
          FnServiceRoleB9001A96: {
            Type: 'AWS::IAM::Role',
            Properties: {
              AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
              ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/service-role/AWSLambdaBasicExecutionRole']] }],
            },
          },
          FnServiceRoleDefaultPolicyE4F0B5C6: {
            Type: 'AWS::IAM::Policy',
            Properties: {
              PolicyName: 'FnServiceRoleDefaultPolicyE4F0B5C6',
              Roles: [{ Ref: 'FnServiceRoleB9001A96' }],
              PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'bedrock:InvokeModel', Resource: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0' }] },
            },
          },
        },
      }),
    });
    expect(roleById(r, 'FnServiceRoleB9001A96').policies.map(describePolicy)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'FnServiceRoleDefaultPolicyE4F0B5C6',
    ]);
  });
});

describe('SAM functions', () => {
  const template = `${SAM}Globals:
  Function:
    Runtime: python3.12
    Environment:
      Variables:
        SHARED: from-globals
        MODEL_ID: amazon.titan-text-express-v1
    VpcConfig:
      SubnetIds: [subnet-0global]
      SecurityGroupIds: [sg-0global]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      InlineCode: "print('hi')"
      Environment:
        Variables:
          MODEL_ID: amazon.nova-lite-v1:0
      PermissionsBoundary: arn:aws:iam::aws:policy/AmazonBedrockReadOnly
      Policies:
        - Statement:
            - Effect: Allow
              Action: bedrock:InvokeModel
              Resource: "*"
        - AmazonS3ReadOnlyAccess
        - arn:aws:iam::aws:policy/AmazonBedrockReadOnly
        - DynamoDBCrudPolicy:
            TableName: table
        - BedrockInvokePolicy:
            ModelId: x
        - MadeUpPolicyTemplate: {}
  WithRole:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      InlineCode: "print('hi')"
      Role: !GetAtt ExplicitRole.Arn
  ExplicitRole:
    Type: AWS::IAM::Role
    Properties:${TRUST}
`;
  const res = lintFiles({ 'template.yaml': template }, { region: 'us-east-1' });

  it('creates the implicit <Fn>Role with basic execution, VPC access and every Policies entry', () => {
    const role = roleById(res, 'FnRole');
    expect(role.implicit).toBe(true);
    expect(role.arn).toBe('arn:aws:iam::000000000000:role/{{FnRole}}');
    expect(role.policies.map(describePolicy)).toEqual([
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      'Fn Policies[0]',
      'arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess',
      'arn:aws:iam::aws:policy/AmazonBedrockReadOnly',
      'SAM policy template DynamoDBCrudPolicy',
      'SAM policy template BedrockInvokePolicy (unknown: SAM policy template BedrockInvokePolicy is not known to bedrock-lint)',
      'SAM policy template MadeUpPolicyTemplate (unknown: SAM policy template MadeUpPolicyTemplate is not known to bedrock-lint)',
    ]);
    expect(statementsOf(role.policies[5]!)).toEqual(['Allow dynamodb:* on *']);
    expect(role.boundary && describePolicy(role.boundary)).toBe('arn:aws:iam::aws:policy/AmazonBedrockReadOnly');
  });

  it('uses an explicit Role instead of an implicit one', () => {
    expect(res.deployment.roles.map((r) => r.id).sort()).toEqual(['ExplicitRole', 'FnRole']);
    expect(res.deployment.compute.find((c) => c.id === 'WithRole')?.roleId).toBe('ExplicitRole');
  });

  it('merges Globals: environment maps merge (the function wins), VpcConfig is inherited', () => {
    const fn = res.deployment.compute.find((c) => c.id === 'Fn')!;
    expect(fn.env.map((e) => [e.name, e.value.value])).toEqual([
      ['MODEL_ID', 'amazon.nova-lite-v1:0'],
      ['SHARED', 'from-globals'],
    ]);
    expect(fn.vpc?.subnets.map((s) => s.value)).toEqual(['subnet-0global']);
    expect(fn.vpc?.securityGroups.map((s) => s.value)).toEqual(['sg-0global']);
    expect(fn.roleId).toBe('FnRole');
  });
});

describe('Lambda and ECS compute', () => {
  it('reads a Lambda function env and VpcConfig, resolving Refs to parameters and resources', () => {
    const res = lintFiles({
      'template.yaml': `${CFN}Parameters:
  ModelId:
    Type: String
    Default: amazon.nova-lite-v1:0
Resources:
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt FnRole.Arn
      Code: { ZipFile: "print(1)" }
      Environment:
        Variables:
          MODEL_ID: !Ref ModelId
      VpcConfig:
        SubnetIds: [!Ref SubnetA]
        SecurityGroupIds: [!GetAtt Sg.GroupId]
  FnRole:
    Type: AWS::IAM::Role
    Properties:${TRUST}
  SubnetA:
    Type: AWS::EC2::Subnet
    Properties: { VpcId: vpc-1, CidrBlock: 10.0.0.0/24 }
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties: { GroupDescription: x, VpcId: vpc-1 }
`,
    });
    const fn = res.deployment.compute[0]!;
    expect([fn.id, fn.kind, fn.roleId]).toEqual(['Fn', 'lambda', 'FnRole']);
    // The value is located at the !Ref that produced it.
    expect(fn.env.map((e) => [e.name, e.value.value, e.value.loc.line, e.value.loc.column])).toEqual([['MODEL_ID', 'amazon.nova-lite-v1:0', 16, 21]]);
    expect(fn.vpc).toMatchObject({ subnets: [{ value: 'SubnetA' }], securityGroups: [{ value: 'Sg' }], assignPublicIp: false });
    expect(fn.code.map((c) => c.inline?.value)).toEqual(['print(1)']);
  });

  it('reads ECS container environments and the service awsvpc AssignPublicIp', () => {
    const ecs = (assign: string) => `${CFN}Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      TaskRoleArn: !GetAtt TaskRole.Arn
      ContainerDefinitions:
        - Name: app
          Image: app:1
          Environment:
            - Name: MODEL_ID
              Value: anthropic.claude-3-haiku-20240307-v1:0
            - Name: OTHER
              Value: x
        - Name: sidecar
          Image: side:1
          Environment:
            - Name: BEDROCK_REGION
              Value: us-west-2
  TaskRole:
    Type: AWS::IAM::Role
    Properties:${TRUST}
  Service:
    Type: AWS::ECS::Service
    Properties:
      TaskDefinition: !Ref Task
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ${assign}
          Subnets: [subnet-0a, subnet-0b]
          SecurityGroups: [sg-0a]
`;
    const on = lintFiles({ 'template.yaml': ecs('ENABLED') }).deployment.compute.find((c) => c.id === 'Task')!;
    expect([on.kind, on.roleId]).toEqual(['ecs', 'TaskRole']);
    expect(on.env.map((e) => `${e.name}=${e.value.value}`)).toEqual(['MODEL_ID=anthropic.claude-3-haiku-20240307-v1:0', 'OTHER=x', 'BEDROCK_REGION=us-west-2']);
    expect(on.vpc).toMatchObject({ subnets: [{ value: 'subnet-0a' }, { value: 'subnet-0b' }], securityGroups: [{ value: 'sg-0a' }], assignPublicIp: true });
    const off = lintFiles({ 'template.yaml': ecs('DISABLED') }).deployment.compute.find((c) => c.id === 'Task')!;
    expect(off.vpc?.assignPublicIp).toBe(false);
  });
});

describe('Step Functions definitions', () => {
  const task = (model: string) => ({
    StartAt: 'Ask',
    States: { Ask: { Type: 'Task', Resource: 'arn:aws:states:::bedrock:invokeModel', Parameters: { ModelId: model, Body: { inputText: 'hi' } }, End: true } },
  });
  const siteOf = (res: ReturnType<typeof lintFiles>) => res.deployment.sites.filter((s) => s.source === 'stepfunctions').map((s) => [s.resource, s.roleId, s.model.value, s.file, s.via.join(' / ')]);

  it('reads an inline Definition', () => {
    const res = lintFiles({
      'template.json': JSON.stringify({
        Resources: {
          Sm: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: { 'Fn::GetAtt': ['SmRole', 'Arn'] }, Definition: task('amazon.titan-text-express-v1') } },
          SmRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
        },
      }),
    }, { region: 'us-east-1' });
    expect(siteOf(res)).toEqual([['Sm', 'SmRole', 'amazon.titan-text-express-v1', 'template.json', 'Sm (state machine) / task Ask']]);
  });

  it('parses a DefinitionString built with Fn::Sub, substituting template values', () => {
    const def = JSON.stringify(task('arn:aws:bedrock:${AWS::Region}::foundation-model/${Model}'));
    const res = lintFiles({
      'template.json': JSON.stringify({
        Parameters: { Model: { Type: 'String', Default: 'amazon.nova-lite-v1:0' } },
        Resources: {
          Sm: { Type: 'AWS::StepFunctions::StateMachine', Properties: { RoleArn: { 'Fn::GetAtt': ['SmRole', 'Arn'] }, DefinitionString: { 'Fn::Sub': def } } },
          SmRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
        },
      }),
    }, { region: 'eu-west-1' });
    expect(siteOf(res)).toEqual([['Sm', 'SmRole', 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-lite-v1:0', 'template.json', 'Sm (state machine) / task Ask']]);
    expect(res.deployment.sites[0]!.siteRegion).toMatchObject({ value: 'eu-west-1', source: 'model ARN' });
  });

  it('reads a SAM DefinitionUri file and fills DefinitionSubstitutions', () => {
    const res = lintFiles({
      'template.yaml': `${SAM}Resources:
  Sm:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/flow.asl.json
      DefinitionSubstitutions:
        ModelId: amazon.titan-text-express-v1
      Policies:
        - Statement:
            - Effect: Allow
              Action: bedrock:InvokeModel
              Resource: "*"
`,
      'statemachine/flow.asl.json': JSON.stringify(task('${ModelId}'), null, 2),
    }, { region: 'us-east-1' });
    expect(siteOf(res)).toEqual([['Sm', 'SmRole', 'amazon.titan-text-express-v1', 'statemachine/flow.asl.json', 'Sm (state machine) / task Ask']]);
    expect(roleById(res, 'SmRole').policies.map(describePolicy)).toEqual(['Sm Policies[0]']);
  });
});

describe('Bedrock resources', () => {
  const res = lintFiles({
    'template.yaml': `${CFN}Resources:
  Agent:
    Type: AWS::Bedrock::Agent
    Properties:
      AgentName: a
      FoundationModel: anthropic.claude-3-haiku-20240307-v1:0
      AgentResourceRoleArn: !GetAtt ServiceRole.Arn
  Kb:
    Type: AWS::Bedrock::KnowledgeBase
    Properties:
      Name: kb
      RoleArn: !GetAtt ServiceRole.Arn
      KnowledgeBaseConfiguration:
        Type: VECTOR
        VectorKnowledgeBaseConfiguration:
          EmbeddingModelArn: !Sub arn:aws:bedrock:\${AWS::Region}::foundation-model/amazon.titan-embed-text-v2:0
  Flow:
    Type: AWS::Bedrock::Flow
    Properties:
      Name: f
      ExecutionRoleArn: arn:aws:iam::123456789012:role/elsewhere
      Definition:
        Nodes:
          - Name: P
            Type: Prompt
            Configuration:
              Prompt:
                SourceConfiguration:
                  Inline:
                    ModelId: amazon.nova-lite-v1:0
  Profile:
    Type: AWS::Bedrock::ApplicationInferenceProfile
    Properties:
      InferenceProfileName: p
      ModelSource:
        CopyFrom: arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0
  ServiceRole:
    Type: AWS::IAM::Role
    Properties:${TRUST}
`,
  }, { region: 'us-east-1' });

  it('gives one site per agent, knowledge base and flow node, with its role', () => {
    expect(res.deployment.sites.filter((s) => s.source !== 'policy').map((s) => [s.source, s.resource, s.roleId ?? null, s.model.value])).toEqual([
      ['agent', 'Agent', 'ServiceRole', 'anthropic.claude-3-haiku-20240307-v1:0'],
      ['knowledge-base', 'Kb', 'ServiceRole', 'arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0'],
      ['flow', 'Flow', null, 'amazon.nova-lite-v1:0'],
    ]);
    expect(res.deployment.bedrockResources.find((b) => b.id === 'Flow')?.roleRef?.value).toBe('arn:aws:iam::123456789012:role/elsewhere');
  });

  it('records an application inference profile and the model it copies', () => {
    expect([...res.deployment.appProfiles].map(([arn, models]) => [arn, models.map((m) => m.value)])).toEqual([
      ['arn:aws:bedrock:us-east-1:000000000000:application-inference-profile/{{Profile}}', ['arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0']],
    ]);
  });
});

describe('resource conditions', () => {
  const template = (cond: string) => `${CFN}Parameters:
  Env:
    Type: String
    ${cond}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:${TRUST}
  ProdOnlyRole:
    Type: AWS::IAM::Role
    Condition: IsProd
    Properties:${TRUST}
  ProdOnlyPolicy:
    Type: AWS::IAM::Policy
    Condition: IsProd
    Properties:
      PolicyName: prod-only
      Roles: [!Ref R]
      PolicyDocument:
${invokeDoc('        ', 'x')}
`;

  it('leaves out resources whose condition is false', () => {
    const res = lintFiles({ 'template.yaml': template('Default: dev') });
    expect(res.deployment.roles.map((r) => r.id)).toEqual(['R']);
    expect(roleById(res, 'R').policies).toEqual([]);
  });

  it('keeps resources whose condition is true', () => {
    const res = lintFiles({ 'template.yaml': template('Default: prod') });
    expect(res.deployment.roles.map((r) => r.id)).toEqual(['R', 'ProdOnlyRole']);
    expect(roleById(res, 'R').policies.map(describePolicy)).toEqual(['prod-only']);
  });

  it('marks a policy whose condition cannot be evaluated as unknown', () => {
    const res = lintFiles({ 'template.yaml': template('AllowedValues: [dev, prod]') });
    expect(roleById(res, 'R').policies.map((p) => [p.name, p.unknown !== undefined, p.statements.length])).toEqual([['prod-only', true, 1]]);
    expect(roleById(res, 'R').policies[0]!.unknown).toMatch(/^resource ProdOnlyPolicy exists only when condition IsProd holds/);
  });
});

describe('CDK cloud assembly', () => {
  const nested = {
    Resources: {
      InnerRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      InnerFn: {
        Type: 'AWS::Lambda::Function',
        Properties: { Role: { 'Fn::GetAtt': ['InnerRole', 'Arn'] }, Code: { ZipFile: 'x' }, Environment: { Variables: { MODEL_ID: 'amazon.nova-lite-v1:0' } } },
      },
    },
  };
  const parent = {
    Resources: {
      OuterRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: {} } },
      Nested: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'x' }, Metadata: { 'aws:asset:path': 'AppStackNested1234.nested.template.json' } },
    },
  };
  const manifest = {
    version: '36.0.0',
    artifacts: {
      AppStack: { type: 'aws:cloudformation:stack', environment: 'aws://111122223333/eu-west-1', properties: { templateFile: 'AppStack.template.json' }, displayName: 'AppStack' },
      Tree: { type: 'cdk:tree', properties: { file: 'tree.json' } },
    },
  };
  const files = {
    'cdk.out/manifest.json': JSON.stringify(manifest),
    'cdk.out/AppStack.template.json': JSON.stringify(parent),
    'cdk.out/AppStackNested1234.nested.template.json': JSON.stringify(nested),
  };

  it('takes account and region from the stack environment, also for nested stacks', () => {
    const res = lintFiles(files);
    expect(res.deployment.stacks.map((s) => [s.name, s.file, s.format, s.account, s.region?.value, s.region?.source])).toEqual([
      ['AppStack', 'cdk.out/AppStack.template.json', 'cdk', '111122223333', 'eu-west-1', 'cdk.out environment of AppStack'],
      ['AppStack/Nested', 'cdk.out/AppStackNested1234.nested.template.json', 'cdk', '111122223333', 'eu-west-1', 'cdk.out environment of AppStack'],
    ]);
    expect(res.deployment.roles.map((r) => [r.id, r.stack, r.arn])).toEqual([
      ['OuterRole', 'AppStack', 'arn:aws:iam::111122223333:role/{{OuterRole}}'],
      ['InnerRole', 'AppStack/Nested', 'arn:aws:iam::111122223333:role/{{InnerRole}}'],
    ]);
    expect(res.deployment.sites.map((s) => [s.resource, s.roleId, s.stack, s.model.value])).toContainEqual(['InnerFn', 'InnerRole', 'AppStack/Nested', 'amazon.nova-lite-v1:0']);
    expect(res.files).toBe(2);
  });

  it('--region overrides the assembly environment region', () => {
    const res = lintFiles(files, { region: 'us-east-1' });
    expect(res.deployment.stacks.map((s) => s.region)).toEqual([
      { value: 'us-east-1', source: '--region' },
      { value: 'us-east-1', source: '--region' },
    ]);
  });

  it('an unknown-region environment leaves the region unset', () => {
    const res = lintFiles({ ...files, 'cdk.out/manifest.json': JSON.stringify({ ...manifest, artifacts: { AppStack: { ...manifest.artifacts.AppStack, environment: 'aws://unknown-account/unknown-region' } } }) });
    expect(res.deployment.stacks.map((s) => [s.region, s.account])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
  });
});
