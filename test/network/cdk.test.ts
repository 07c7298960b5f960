// A real CDK app, synthesized with aws-cdk-lib, analysed by buildNetwork + findRouteToBedrock.
// The template is turned into resolved resources by a small adapter that follows the resolver's
// convention (Ref and GetAtt of a resource in the template → its logical ID).
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ResolvedResource } from '../../src/model/resource.js';
import { buildNetwork } from '../../src/network/build.js';
import { findRouteToBedrock } from '../../src/network/reach.js';
import type { VpcAttachment } from '../../src/network/types.js';
import { toStrList } from '../../src/network/values.js';
import { node, type Spec } from './helpers.js';

process.env.CDK_VALIDATION = 'false'; // skips the bundled WASM validation that makes synth take seconds
const require = createRequire(import.meta.url);

type Cdk = { cdk: any; ec2: any; lambda: any; Template: any };
let lib: Cdk;

beforeAll(() => {
  lib = {
    cdk: require('aws-cdk-lib'),
    ec2: require('aws-cdk-lib/aws-ec2'),
    lambda: require('aws-cdk-lib/aws-lambda'),
    Template: require('aws-cdk-lib/assertions').Template,
  };
});

const REGION = 'us-west-2';

interface Variant {
  subnetType: 'PRIVATE_ISOLATED' | 'PRIVATE_WITH_EGRESS';
  endpoint?: { privateDnsEnabled?: boolean; service?: 'BEDROCK_RUNTIME' | 'BEDROCK' };
}

function synth(v: Variant): Record<string, { Type: string; Properties?: Record<string, unknown> }> {
  const { cdk, ec2, lambda, Template } = lib;
  const app = new cdk.App();
  const stack = new cdk.Stack(app, 'Net', { env: { account: '111122223333', region: REGION } });
  const isolated = v.subnetType === 'PRIVATE_ISOLATED';
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 2,
    natGateways: isolated ? 0 : 1,
    subnetConfiguration: isolated
      ? [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }]
      : [
          { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
          { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        ],
  });
  if (v.endpoint) {
    vpc.addInterfaceEndpoint('BedrockRuntime', {
      service: ec2.InterfaceVpcEndpointAwsService[v.endpoint.service ?? 'BEDROCK_RUNTIME'],
      ...(v.endpoint.privateDnsEnabled === false ? { privateDnsEnabled: false } : {}),
    });
  }
  new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.PYTHON_3_12,
    handler: 'index.handler',
    code: lambda.Code.fromInline('import boto3\ndef handler(e, c):\n    return boto3.client("bedrock-runtime").converse(modelId="amazon.nova-lite-v1:0", messages=[])\n'),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType[v.subnetType] },
  });
  return Template.fromStack(stack).toJSON().Resources;
}

/** Test-only intrinsic resolution following the resolver's convention. */
function resolve(v: unknown): Spec {
  if (Array.isArray(v)) return v.map(resolve);
  if (v === null || typeof v !== 'object') return v as Spec;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const k = keys[0]!;
    const arg = o[k];
    if (k === 'Ref') return arg === 'AWS::Region' ? REGION : String(arg);
    if (k === 'Fn::GetAtt') return String((arg as unknown[])[0]);
    if (k === 'Fn::Join') {
      const [sep, parts] = arg as [string, unknown[]];
      const resolved = parts.map(resolve);
      return resolved.every((p) => typeof p === 'string') ? resolved.join(sep) : { $unknown: 'Fn::Join with unknown parts' };
    }
    if (k.startsWith('Fn::')) return { $unknown: `${k} is not resolved by this test adapter` };
  }
  return Object.fromEntries(keys.map((k) => [k, resolve(o[k])]));
}

function analyse(v: Variant) {
  const template = synth(v);
  const resolved: ResolvedResource[] = Object.entries(template).map(([id, r]) => ({
    id,
    type: r.Type,
    file: 'Net.template.json',
    loc: { file: 'Net.template.json', line: 1, column: 1, endLine: 1, endColumn: 1 },
    ...(r.Properties ? { props: node(resolve(r.Properties), 'Net.template.json') } : {}),
  }));
  const fnId = Object.entries(template).find(([, r]) => r.Type === 'AWS::Lambda::Function')![0];
  const fn = resolved.find((r) => r.id === fnId)!;
  const vpcConfig = fn.props!.kind === 'map' ? fn.props!.entries.find((e) => e.key === 'VpcConfig')!.value : undefined;
  const get = (key: string) => (vpcConfig?.kind === 'map' ? vpcConfig.entries.find((e) => e.key === key)?.value : undefined);
  const attachment: VpcAttachment = { subnets: toStrList(get('SubnetIds')), securityGroups: toStrList(get('SecurityGroupIds')), loc: vpcConfig!.loc };
  const net = buildNetwork(resolved);
  return { net, attachment, reach: findRouteToBedrock({ attachment, region: REGION, action: 'bedrock:InvokeModel', caller: fnId }, net) };
}

describe('CDK-synthesized VPCs', () => {
  it('isolated subnets + InterfaceVpcEndpointAwsService.BEDROCK_RUNTIME: path through the endpoint', () => {
    const { net, attachment, reach } = analyse({ subnetType: 'PRIVATE_ISOLATED', endpoint: {} });
    // CDK gives every subnet its own route table and the endpoint a group admitting 443 from the VPC CIDR.
    expect(attachment.subnets).toHaveLength(2);
    expect(new Set(attachment.subnets.map((s) => net.subnetRouteTables!.get(s.value))).size).toBe(2);
    expect(net.endpoints).toHaveLength(1);
    expect(net.endpoints[0]!.serviceName.value).toBe('com.amazonaws.us-west-2.bedrock-runtime');
    expect(net.endpoints[0]!.privateDns).toBe(true);
    expect(reach.kind).toBe('endpoint');
    if (reach.kind === 'endpoint') expect(reach.endpoint.id).toBe(net.endpoints[0]!.id);
  });

  it('isolated subnets without an endpoint: no route', () => {
    const { reach } = analyse({ subnetType: 'PRIVATE_ISOLATED' });
    expect(reach.kind).toBe('unreachable');
    if (reach.kind === 'unreachable') {
      expect(reach.missing).toBe('no-route');
      expect(reach.evidence).toHaveLength(2); // one route table per subnet, neither with 0.0.0.0/0
      expect(reach.evidence.every((e) => /^route table \S+ of subnet \S+ has no 0\.0\.0\.0\/0 route$/.test(e))).toBe(true);
    }
  });

  it('endpoint with privateDnsEnabled: false: private-dns-disabled', () => {
    const { reach } = analyse({ subnetType: 'PRIVATE_ISOLATED', endpoint: { privateDnsEnabled: false } });
    expect(reach.kind === 'unreachable' && reach.missing).toBe('private-dns-disabled');
  });

  it('endpoint for the bedrock control plane: wrong-endpoint-service', () => {
    const { reach } = analyse({ subnetType: 'PRIVATE_ISOLATED', endpoint: { service: 'BEDROCK' } });
    expect(reach.kind === 'unreachable' && reach.missing).toBe('wrong-endpoint-service');
  });

  it('PRIVATE_WITH_EGRESS subnets: path through the NAT gateway', () => {
    const { reach } = analyse({ subnetType: 'PRIVATE_WITH_EGRESS' });
    expect(reach.kind).toBe('nat');
    if (reach.kind === 'nat') expect(reach.evidence).toHaveLength(2);
  });
});
