// The CDK policy-validation plugin against real synthesized apps (aws-cdk-lib, offline).
// CDK_VALIDATION=false turns off aws-cdk-lib's bundled CloudFormation validator, which is slow and
// unrelated; it must be set before aws-cdk-lib is loaded. CDK_APP_MODE=inmemory makes a failed
// validation throw with the whole report in the error (as under NODE_ENV=test), whatever NODE_ENV is.
process.env.CDK_VALIDATION = 'false';
process.env.CDK_APP_MODE = 'inmemory';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type * as CdkLib from 'aws-cdk-lib';
import type * as Ec2 from 'aws-cdk-lib/aws-ec2';
import type * as Iam from 'aws-cdk-lib/aws-iam';
import type * as Lambda from 'aws-cdk-lib/aws-lambda';
import type * as Sfn from 'aws-cdk-lib/aws-stepfunctions';
import type * as SfnTasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type * as Bedrock from 'aws-cdk-lib/aws-bedrock';
import { BedrockLintPlugin, NO_RESOURCE, type ValidationReport } from '../../src/cdk/plugin.js';
import { RULES } from '../../rules/index.js';

// CJS require: aws-cdk-lib's ESM entry is slow to load.
const require = createRequire(import.meta.url);
const cdk = require('aws-cdk-lib') as typeof CdkLib;
const ec2 = require('aws-cdk-lib/aws-ec2') as typeof Ec2;
const iam = require('aws-cdk-lib/aws-iam') as typeof Iam;
const lambda = require('aws-cdk-lib/aws-lambda') as typeof Lambda;
const sfn = require('aws-cdk-lib/aws-stepfunctions') as typeof Sfn;
const tasks = require('aws-cdk-lib/aws-stepfunctions-tasks') as typeof SfnTasks;
const bedrock = require('aws-cdk-lib/aws-bedrock') as typeof Bedrock;

const DATE = '2026-01-15';
const ENV = { account: '111122223333', region: 'us-east-1' };
const SD35 = 'stability.sd3-5-large-v1:0';
const LLAMA = 'meta.llama3-8b-instruct-v1:0';
const INLINE = "import boto3, json, os\nclient = boto3.client('bedrock-runtime')\ndef handler(event, context):\n    return client.invoke_model(modelId=os.environ['MODEL_ID'], body=json.dumps(event))\n";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'bedrock-lint-cdk-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * Wraps validate() so the test sees the reports: `reports` as the plugin returned them, `seen` as
 * CDK left them (it adds construct paths and removes acknowledged violations in place).
 */
function recording(plugin: BedrockLintPlugin): { plugin: BedrockLintPlugin; reports: ValidationReport[]; seen: ValidationReport[] } {
  const reports: ValidationReport[] = [];
  const seen: ValidationReport[] = [];
  const validate = plugin.validate.bind(plugin);
  plugin.validate = (ctx) => {
    const r = validate(ctx);
    reports.push(structuredClone(r));
    seen.push(r);
    return r;
  };
  return { plugin, reports, seen };
}

function synth(app: CdkLib.App): Error | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/** Scenario (a): a us-east-1 Lambda calling a model offered only in us-west-2, granted on the us-west-2 ARN. */
function imageStack(app: CdkLib.App | CdkLib.Stage) {
  const stack = new cdk.Stack(app, 'ImageStack', { env: ENV });
  const role = new iam.Role(stack, 'ImageFnRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [`arn:aws:bedrock:us-west-2::foundation-model/${SD35}`] }));
  const fn = new lambda.Function(stack, 'ImageFn', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    role,
    code: lambda.Code.fromInline(INLINE),
    environment: { MODEL_ID: SD35 },
  });
  return { stack, role, fn };
}

const summary = (r: ValidationReport) =>
  r.violations.map((v) => ({ rule: v.ruleName, severity: v.severity, resource: v.violatingResources[0]!.resourceLogicalId, locations: v.violatingResources[0]!.locations }));

describe('BedrockLintPlugin', () => {
  it('names itself after the tool and lists every rule', () => {
    const p = new BedrockLintPlugin();
    expect(p.name).toBe('bedrock-lint');
    expect(p.version).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
    expect(p.ruleIds).toEqual(RULES.map((r) => r.meta.id));
    expect(() => new BedrockLintPlugin({ failOn: 'fatal' as never })).toThrow('failOn must be error, warning, info or none, not fatal');
    expect(() => new BedrockLintPlugin({ failOn: 'toString' as never })).toThrow('not toString');
  });

  it('(a) reports the wrong Region, the foreign-Region grant and the denied call, and synth fails', () => {
    const outdir = tmp();
    const app = new cdk.App({ outdir });
    const { plugin, reports, seen } = recording(new BedrockLintPlugin({ date: DATE }));
    cdk.Validations.of(app).addPlugins(plugin);
    imageStack(app);
    const err = synth(app);

    expect(reports).toHaveLength(1);
    const report = reports[0]!;
    expect(report.success).toBe(false);
    expect(summary(report)).toEqual([
      { rule: 'iam-invoke-denied', severity: 'error', resource: 'ImageFnRole223DC10B', locations: [] },
      { rule: 'region-mismatch', severity: 'error', resource: 'ImageFnRoleDefaultPolicyBBFA31A3', locations: ['Properties.PolicyDocument.Statement.0.Resource'] },
      { rule: 'region-model-unavailable', severity: 'error', resource: 'ImageFnCD541B83', locations: ['Properties.Environment.Variables.MODEL_ID'] },
    ]);
    const unavailable = report.violations[2]!;
    expect(unavailable.description).toBe(`${SD35} is not offered in us-east-1 (call Region from cdk.out environment of ImageStack); it is offered in us-west-2`);
    expect(unavailable.fix).toBe('deploy to us-west-2, or call it there: set BEDROCK_REGION=us-west-2 and create the client with that Region');
    expect(unavailable.ruleMetadata).toEqual({ location: 'ImageStack.template.json:49:19', trace: 'ImageFnCD541B83 (AWS::Lambda::Function) → environment MODEL_ID', stack: 'ImageStack' });
    // CDK resolved our logical IDs to construct paths and made template paths relative to outdir.
    expect(unavailable.violatingResources[0]).toEqual({ resourceLogicalId: 'ImageFnCD541B83', templatePath: path.join(outdir, 'ImageStack.template.json'), locations: ['Properties.Environment.Variables.MODEL_ID'] });
    expect(seen[0]!.violations[2]!.violatingResources[0]).toEqual({ ...unavailable.violatingResources[0], templatePath: 'ImageStack.template.json', constructPath: 'ImageStack/ImageFn/Resource' });

    expect(err?.name).toBe('ValidationFailed');
    expect(err?.message).toContain(`ERROR ${SD35} is not offered in us-east-1`);
    expect(err?.message).toContain("Acknowledge with 'bedrock-lint::region-model-unavailable'");
    expect(err?.message).toContain('ImageStack/ImageFn/Resource (ImageFnCD541B83)');
  });

  it('(b) a Step Functions BedrockInvokeModel task with a valid body has no error violations', () => {
    const build = (body: Record<string, unknown>) => {
      const app = new cdk.App({ outdir: tmp() });
      const { plugin, reports } = recording(new BedrockLintPlugin({ date: DATE }));
      cdk.Validations.of(app).addPlugins(plugin);
      const stack = new cdk.Stack(app, 'FlowStack', { env: ENV });
      const model = bedrock.FoundationModel.fromFoundationModelId(stack, 'Model', new bedrock.FoundationModelIdentifier(LLAMA));
      const invoke = new tasks.BedrockInvokeModel(stack, 'Summarize', { model, body: sfn.TaskInput.fromObject(body) });
      new sfn.StateMachine(stack, 'Flow', { definitionBody: sfn.DefinitionBody.fromChainable(invoke) });
      return { err: synth(app), report: reports[0]! };
    };
    const good = build({ prompt: 'Summarize: the quick brown fox', max_gen_len: 256, temperature: 0.5 });
    expect(good.err).toBeUndefined();
    expect(good.report.success).toBe(true);
    expect(good.report.violations.filter((v) => v.severity === 'error')).toEqual([]);

    // The same app with a body missing the required prompt: the request check is live.
    const bad = build({ max_gen_len: 256 });
    expect(bad.report.success).toBe(false);
    expect(summary(bad.report).filter((v) => v.severity === 'error').map((v) => v.rule)).toEqual(['request-invalid-body']);
    expect(bad.err?.message).toContain("Acknowledge with 'bedrock-lint::request-invalid-body'");
  });

  it('(c) a Lambda in isolated subnets with a bedrock-runtime interface endpoint has no network violations', () => {
    const build = (withEndpoint: boolean) => {
      const app = new cdk.App({ outdir: tmp() });
      const { plugin, reports } = recording(new BedrockLintPlugin({ date: DATE }));
      cdk.Validations.of(app).addPlugins(plugin);
      const stack = new cdk.Stack(app, 'NetStack', { env: ENV });
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
      if (withEndpoint) vpc.addInterfaceEndpoint('BedrockRuntime', { service: ec2.InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME });
      const fn = new lambda.Function(stack, 'ChatFn', {
        runtime: lambda.Runtime.PYTHON_3_12,
        handler: 'index.handler',
        code: lambda.Code.fromInline(INLINE),
        environment: { MODEL_ID: LLAMA },
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      });
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [`arn:aws:bedrock:us-east-1::foundation-model/${LLAMA}`] }));
      return { err: synth(app), report: reports[0]! };
    };
    const reached = build(true);
    expect(summary(reached.report)).toEqual([]);
    expect(reached.report.success).toBe(true);
    expect(reached.err).toBeUndefined();

    // Without the endpoint the same function has no route: the network check is live.
    const blocked = build(false);
    expect(summary(blocked.report).map((v) => [v.rule, v.resource])).toEqual([['network-no-bedrock-route', 'ChatFn5A5B3E47']]);
    expect(blocked.err?.message).toContain("Acknowledge with 'bedrock-lint::network-no-bedrock-route'");
  });

  it('(d) honours bedrock-lint metadata set with cfnOptions and CDK acknowledgements', () => {
    const outdir = tmp();
    const app = new cdk.App({ outdir });
    const { plugin, reports } = recording(new BedrockLintPlugin({ date: DATE }));
    cdk.Validations.of(app).addPlugins(plugin);
    const { role, fn } = imageStack(app);
    // The engine's own suppression: resource Metadata, written from CDK through cfnOptions.
    (fn.node.defaultChild as Lambda.CfnFunction).cfnOptions.metadata = {
      'bedrock-lint': { ignore: [{ rule: 'region-model-unavailable', reason: 'the client is created in us-west-2 (PLAT-42)' }] },
    };
    // CDK's acknowledgement, scoped to a construct subtree.
    cdk.Validations.of(role).acknowledge(
      { id: 'bedrock-lint::iam-invoke-denied', reason: 'granted by the platform team' },
      { id: 'bedrock-lint::region-mismatch', reason: 'the us-west-2 grant is the intended one' },
    );
    const err = synth(app);

    // The metadata suppression is applied by the engine: CDK never sees that finding.
    expect(reports[0]!.violations.map((v) => v.ruleName)).toEqual(['iam-invoke-denied', 'region-mismatch']);
    // The acknowledged ones are moved aside by CDK, with their reasons, and synth succeeds.
    expect(err).toBeUndefined();
    const saved = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as {
      pluginReports: { pluginName: string; conclusion: string; violations: unknown[]; suppressedViolations?: { ruleName: string; reason: string; acknowledgedAt: string }[] }[];
    };
    const ours = saved.pluginReports.find((r) => r.pluginName === 'bedrock-lint')!;
    expect(ours.conclusion).toBe('success');
    expect(ours.violations).toEqual([]);
    expect(ours.suppressedViolations!.map((s) => [s.ruleName, s.reason, s.acknowledgedAt])).toEqual([
      ['iam-invoke-denied', 'granted by the platform team', 'ImageStack/ImageFnRole'],
      ['region-mismatch', 'the us-west-2 grant is the intended one', 'ImageStack/ImageFnRole'],
    ]);
  });

  it('(e) works through the deprecated App policyValidationBeta1 property', () => {
    const { plugin, reports } = recording(new BedrockLintPlugin({ date: DATE }));
    const app = new cdk.App({ outdir: tmp(), policyValidationBeta1: [plugin] });
    imageStack(app);
    const err = synth(app);
    expect(summary(reports[0]!).map((v) => v.rule)).toEqual(['iam-invoke-denied', 'region-mismatch', 'region-model-unavailable']);
    expect(err?.message).toContain("Acknowledge with 'bedrock-lint::region-model-unavailable'");
  });

  it('lints the stacks of a Stage (a nested cloud assembly)', () => {
    const app = new cdk.App({ outdir: tmp() });
    const { plugin, reports, seen } = recording(new BedrockLintPlugin({ date: DATE }));
    cdk.Validations.of(app).addPlugins(plugin);
    imageStack(new cdk.Stage(app, 'Prod'));
    const err = synth(app);
    expect(summary(reports[0]!).map((v) => v.rule)).toEqual(['iam-invoke-denied', 'region-mismatch', 'region-model-unavailable']);
    expect(reports[0]!.violations[2]!.description).toBe(`${SD35} is not offered in us-east-1 (call Region from cdk.out environment of ProdImageStackC6135B2A); it is offered in us-west-2`);
    expect(seen[0]!.violations[2]!.violatingResources[0]!.constructPath).toBe('Prod/ImageStack/ImageFn/Resource');
    expect(err?.message).toContain('Prod/ImageStack/ImageFn/Resource (ImageFnCD541B83)');
  });

  it('failOn decides success; an environment-agnostic stack takes the region option', () => {
    const build = (opts: ConstructorParameters<typeof BedrockLintPlugin>[0]) => {
      const app = new cdk.App({ outdir: tmp() });
      const { plugin, reports } = recording(new BedrockLintPlugin({ date: DATE, ...opts }));
      cdk.Validations.of(app).addPlugins(plugin);
      const stack = new cdk.Stack(app, 'LegacyStack'); // no env: account and Region unknown
      const fn = new lambda.Function(stack, 'ChatFn', {
        runtime: lambda.Runtime.PYTHON_3_12,
        handler: 'index.handler',
        code: lambda.Code.fromInline(INLINE),
        environment: { MODEL_ID: 'ai21.jamba-1-5-large-v1:0' },
      });
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: ['arn:aws:bedrock:*::foundation-model/ai21.jamba-1-5-large-v1:0', 'arn:aws:aws-marketplace:*'] }));
      fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['aws-marketplace:Subscribe', 'aws-marketplace:ViewSubscriptions'], resources: ['*'] }));
      return { err: synth(app), report: reports[0]! };
    };
    const agnostic = build({});
    expect(summary(agnostic.report).map((v) => [v.rule, v.severity])).toEqual([
      ['model-legacy', 'warning'],
      ['region-unresolved', 'info'],
    ]);
    expect(agnostic.report.success).toBe(true);
    expect(agnostic.err).toBeUndefined();

    const strict = build({ failOn: 'warning', region: 'us-east-1' });
    expect(summary(strict.report).map((v) => [v.rule, v.severity])).toEqual([['model-legacy', 'warning']]);
    expect(strict.report.success).toBe(false);
    expect(strict.err?.name).toBe('ValidationFailed');

    const relaxed = build({ region: 'us-east-1', rules: { 'model-legacy': 'off' } });
    expect(summary(relaxed.report)).toEqual([]);
  });

  it('lints a template outside a cloud assembly with the Region and account CDK gives for its stack', () => {
    const dir = tmp();
    const app = new cdk.App({ outdir: tmp() });
    const { stack } = imageStack(app);
    const templatePath = path.join(dir, 'ImageStack.template.json');
    writeFileSync(templatePath, JSON.stringify(app.synth().getStackByName(stack.stackName).template, null, 1));
    const report = new BedrockLintPlugin({ date: DATE }).validate({
      templatePaths: [templatePath],
      stackTemplates: [{ stackConstructPath: 'ImageStack', templatePath, accountId: '111122223333', region: 'us-east-1' }],
    });
    expect(report.success).toBe(false);
    expect(summary(report).map((v) => v.rule)).toEqual(['iam-invoke-denied', 'region-mismatch', 'region-model-unavailable']);
    expect(report.violations[2]!.violatingResources[0]).toEqual({ resourceLogicalId: 'ImageFnCD541B83', templatePath, locations: ['Properties.Environment.Variables.MODEL_ID'] });
  });

  it('reports a finding that names no resource against the stack, with a placeholder logical ID', () => {
    const dir = tmp();
    const templatePath = path.join(dir, 'Broken.template.json');
    writeFileSync(templatePath, '{ "Resources": { "Fn": { "Type": "AWS::Lambda::Function", ');
    const report = new BedrockLintPlugin().validate({
      templatePaths: [templatePath],
      stackTemplates: [{ stackConstructPath: 'App/Broken', templatePath, accountId: undefined, region: 'us-east-1' }],
    });
    expect(report.success).toBe(false);
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0]).toMatchObject({
      ruleName: 'parse-error',
      severity: 'error',
      violatingResources: [{ resourceLogicalId: NO_RESOURCE, templatePath, locations: [], constructPath: 'App/Broken' }],
    });
  });
});
