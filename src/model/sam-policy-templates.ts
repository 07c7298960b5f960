// SAM policy templates (`Policies: [ { DynamoDBCrudPolicy: { TableName: … } } ]`). bedrock-lint only
// needs to know what a template can grant for Bedrock, so each known family is modelled as an allow
// of its own service (`dynamodb:*` on `*`): an over-approximation for that service, never a Bedrock
// grant. A template we do not know (or one that names Bedrock) is an unknown policy, so verdicts
// that depend on it stay unknown instead of turning into false denials.
import type { PolicyDoc } from '../iam/types.js';
import type { Loc, Node } from '../types.js';

const FAMILIES: [RegExp, string[]][] = [
  [/^DynamoDB/, ['dynamodb']],
  [/^S3/, ['s3']],
  [/^SQS/, ['sqs']],
  [/^SNS/, ['sns']],
  [/^Lambda/, ['lambda']],
  [/^CloudWatch/, ['cloudwatch', 'logs']],
  [/^(EC2|AMI|VPCAccess)/, ['ec2']],
  [/^SES/, ['ses']],
  [/^Kinesis/, ['kinesis']],
  [/^KMS/, ['kms']],
  [/^Polly/, ['polly']],
  [/^Rekognition/, ['rekognition']],
  [/^StepFunctions/, ['states']],
  [/^SSM/, ['ssm']],
  [/^AWSSecretsManager/, ['secretsmanager']],
  [/^EventBridge/, ['events']],
  [/^Athena/, ['athena', 's3', 'glue']],
  [/^CloudFormation/, ['cloudformation']],
  [/^CodePipeline/, ['codepipeline']],
  [/^CodeCommit/, ['codecommit']],
  [/^Elasticsearch/, ['es']],
  [/^Firehose/, ['firehose']],
  [/^Route53/, ['route53']],
  [/^Textract/, ['textract']],
  [/^Comprehend/, ['comprehend']],
  [/^ServerlessRepo/, ['serverlessrepo']],
  [/^OrganizationsListAccounts/, ['organizations']],
  [/^CostExplorer/, ['ce']],
  [/^Mobile|^Pinpoint/, ['mobiletargeting']],
  [/^EFS/, ['elasticfilesystem']],
  [/^ElasticMapReduce/, ['elasticmapreduce']],
  [/^AcmGetCertificate/, ['acm']],
  [/^Eks/, ['eks']],
  [/^Sagemaker/, ['sagemaker']],
];

export function samPolicyTemplate(name: string, _params: Node, meta: { id: string; owner: string; loc: Loc }): PolicyDoc | undefined {
  if (/bedrock/i.test(name)) return undefined;
  const fam = FAMILIES.find(([re]) => re.test(name));
  if (!fam) return undefined;
  const loc = meta.loc;
  return {
    id: meta.id,
    name: `SAM policy template ${name}`,
    kind: 'identity',
    owner: meta.owner,
    loc,
    statements: [
      {
        index: 0,
        effect: 'Allow',
        action: fam[1].map((svc) => ({ value: `${svc}:*`, loc })),
        resource: [{ value: '*', loc }],
        conditions: [],
        loc,
      },
    ],
  };
}
