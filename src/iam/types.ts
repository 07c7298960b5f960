// Normalized IAM policy documents, independent of where they came from (CFN, SAM, CDK, Terraform,
// a bare JSON file, an AWS managed policy). Every value keeps its source location.
import type { Loc, Str } from '../types.js';

export type PolicyKind = 'identity' | 'boundary' | 'scp' | 'rcp' | 'endpoint' | 'resource' | 'session' | 'trust';

export interface Condition {
  /** Operator as written, e.g. "ForAnyValue:StringLikeIfExists". */
  operator: string;
  /** Condition key as written, e.g. "aws:RequestedRegion". */
  key: string;
  values: Str[];
  loc: Loc;
}

export interface PrincipalSpec {
  /** true for "*" or {"AWS": "*"}. */
  any: boolean;
  /** Map of principal type (AWS, Service, Federated, CanonicalUser) to values. */
  entries: Record<string, Str[]>;
  loc: Loc;
}

export interface Statement {
  /** 0-based index within the policy. */
  index: number;
  sid?: string;
  effect: 'Allow' | 'Deny';
  action?: Str[];
  notAction?: Str[];
  resource?: Str[];
  notResource?: Str[];
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  conditions: Condition[];
  loc: Loc;
}

export interface PolicyDoc {
  /** Unique within a run, e.g. "template.yaml#ImageFnRole/Policies/0". */
  id: string;
  /** For people: policy name, managed policy name, or file name. */
  name: string;
  kind: PolicyKind;
  /** Logical ID / address of the resource whose text holds the statements (absent for bare files and AWS managed policies). */
  owner?: string;
  /** AWS managed policy ARN when the document came from the bundled managed-policy data. */
  managedArn?: string;
  /** "2012-10-17" or "2008-10-17"; policy variables are substituted only in 2012-10-17. */
  version?: string;
  loc: Loc;
  statements: Statement[];
  /** Set when the document's content cannot be known (customer managed ARN not in the inputs, unresolved parameter). */
  unknown?: string;
}

/** Context key → values. A key that is absent from the map is absent from the request. */
export type ContextValue = string[] | 'unknown';
export type RequestContext = Record<string, ContextValue>;

export interface EvalRequest {
  /** e.g. "bedrock:InvokeModel" */
  action: string;
  /** e.g. "arn:aws:bedrock:us-west-2::foundation-model/stability.sd3-5-large-v1:0"; may contain UNKNOWN_MARK. */
  resource: string;
  /** The calling principal's ARN, when known (for Principal matching in resource/endpoint policies and ${aws:PrincipalArn}). */
  principalArn?: string;
  /** Keys are matched case-insensitively: store them lower-cased. */
  context: RequestContext;
}

export interface PolicyLayers {
  identity: PolicyDoc[];
  /** Permission boundary documents; undefined = no boundary set. */
  boundary?: PolicyDoc[];
  /** Service control policies, one array per organization level; every level must allow. */
  scps?: PolicyDoc[][];
  /** Resource control policies, one array per level. */
  rcps?: PolicyDoc[][];
  /** Resource-based policy of the target resource. */
  resource?: PolicyDoc[];
  /** Session policies. */
  session?: PolicyDoc[];
  /** VPC endpoint policies on the network path. */
  endpoint?: PolicyDoc[];
}

export type DecisionLayer =
  | 'explicit-deny'
  | 'no-allow'
  | 'boundary'
  | 'scp'
  | 'rcp'
  | 'session'
  | 'endpoint'
  | 'condition';

export type Verdict = 'allowed' | 'denied' | 'unknown';

export interface DecidingStatement {
  policy: PolicyDoc;
  statement: Statement;
}

export interface Decision {
  verdict: Verdict;
  /** For denied: the layer that decided. "condition" = an allow matched but its condition was false. */
  layer?: DecisionLayer;
  /** The statement that decided (the explicit deny, the allow that granted it, the allow whose condition failed). */
  deciding?: DecidingStatement;
  /** Human-readable evaluation trace, one line per step. */
  trace: string[];
  /** For unknown: what could not be determined. */
  unknowns: string[];
}
