// CloudFormation pseudo-parameters (`AWS::Region`, …) from what the context knows.

import type { Loc, Node } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import type { ResolveContext } from './context.js';
import { partialScalar, unknownNode } from './unknown.js';

/** Returned for `Ref AWS::NoValue`: the property or list item is removed. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type NoValue = typeof NO_VALUE;

/** Partition and URL suffix by Region name prefix; anything else is the commercial partition. */
const PARTITIONS: { prefix: string; partition: string; urlSuffix: string }[] = [
  { prefix: 'cn-', partition: 'aws-cn', urlSuffix: 'amazonaws.com.cn' },
  { prefix: 'us-gov-', partition: 'aws-us-gov', urlSuffix: 'amazonaws.com' },
  { prefix: 'us-isob-', partition: 'aws-iso-b', urlSuffix: 'sc2s.sgov.gov' },
  { prefix: 'us-isof-', partition: 'aws-iso-f', urlSuffix: 'csp.hci.ic.gov' },
  { prefix: 'us-iso-', partition: 'aws-iso', urlSuffix: 'c2s.ic.gov' },
  { prefix: 'eu-isoe-', partition: 'aws-iso-e', urlSuffix: 'cloud.adc-e.uk' },
  { prefix: 'eusc-', partition: 'aws-eusc', urlSuffix: 'amazonaws.eu' },
];

/**
 * The partition of a Region. With no Region the commercial partition `aws` is assumed: it is
 * where nearly every template is deployed, and an ARN with a known partition checks far better.
 */
export function partitionOf(region: string | undefined): string {
  if (region === undefined) return 'aws';
  return PARTITIONS.find((p) => region.startsWith(p.prefix))?.partition ?? 'aws';
}

function urlSuffixOf(partition: string): string {
  return PARTITIONS.find((p) => p.partition === partition)?.urlSuffix ?? 'amazonaws.com';
}

export const REGION_UNKNOWN = 'deployment region unknown';
const REGION_HINT = 'pass --region or set region in .bedrock-lint.yaml';
const ACCOUNT_UNKNOWN = 'deployment account unknown';

/** The value of pseudo-parameter `name`, or undefined when `name` is not one. */
export function pseudoParameter(name: string, ctx: ResolveContext, loc: Loc): Node | NoValue | undefined {
  const partition = ctx.partition ?? partitionOf(ctx.region);
  switch (name) {
    case 'AWS::NoValue':
      return NO_VALUE;
    case 'AWS::Region':
      return ctx.region !== undefined ? { kind: 'scalar', value: ctx.region, loc } : unknownNode(REGION_UNKNOWN, loc, REGION_HINT);
    case 'AWS::AccountId':
      return ctx.account !== undefined ? { kind: 'scalar', value: ctx.account, loc } : unknownNode(ACCOUNT_UNKNOWN, loc);
    case 'AWS::Partition':
      return { kind: 'scalar', value: partition, loc };
    case 'AWS::URLSuffix':
      return { kind: 'scalar', value: urlSuffixOf(partition), loc };
    case 'AWS::StackName':
      return ctx.stackName !== undefined ? { kind: 'scalar', value: ctx.stackName, loc } : unknownNode('stack name unknown', loc);
    case 'AWS::StackId': {
      const region = ctx.region ?? UNKNOWN_MARK;
      const account = ctx.account ?? UNKNOWN_MARK;
      const stack = ctx.stackName ?? UNKNOWN_MARK;
      return partialScalar(`arn:${partition}:cloudformation:${region}:${account}:stack/${stack}/${UNKNOWN_MARK}`, loc, 'the stack ID is assigned at deployment');
    }
    case 'AWS::NotificationARNs':
      return unknownNode('AWS::NotificationARNs is set at deployment', loc);
    default:
      return undefined;
  }
}
