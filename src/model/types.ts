// The normalized deployment model (SPEC §4). Loaders and builders fill it; rules only read it.
import type { PolicyDoc } from '../iam/types.js';
import type { Loc, Node, Str } from '../types.js';
import type { NetworkModel, VpcAttachment } from '../network/types.js';
import type { CodeFacts } from './code-scan.js';

export type SourceFormat = 'cfn' | 'sam' | 'cdk' | 'terraform' | 'policy' | 'asl' | 'request' | 'config' | 'samconfig';

export interface RegionValue {
  value: string;
  /** Where it came from: "--region", "config region", "cdk.out environment", "samconfig.toml [default]", "BEDROCK_REGION", "ARN", "code". */
  source: string;
  loc?: Loc;
}

export interface Stack {
  /** Stack name (CDK stack, file name for plain templates, "terraform" for plans). */
  name: string;
  file: string;
  format: SourceFormat;
  region?: RegionValue;
  account?: string;
}

export interface Role {
  /** Logical ID (Terraform: address). */
  id: string;
  /** Role name when known. */
  name?: string;
  /** Role ARN when known (may contain UNKNOWN_MARK). */
  arn?: string;
  type: string;
  file: string;
  loc: Loc;
  stack?: string;
  /** Identity policies, each with where it comes from. */
  policies: PolicyDoc[];
  /** Permissions boundary; absent = none. */
  boundary?: PolicyDoc;
  trust?: PolicyDoc;
  /** true for a role the tool synthesized (SAM implicit role) rather than one written by the user. */
  implicit?: boolean;
}

export interface EnvVar {
  name: string;
  value: Str;
  nameLoc: Loc;
}

export type ComputeKind = 'lambda' | 'ecs' | 'stepfunctions' | 'agent' | 'knowledge-base' | 'flow';

export interface CodeAsset {
  /** Absolute or cwd-relative folder or file to scan, or inline code text. */
  path?: string;
  inline?: Str;
  /** Where the code is referenced (CodeUri, ZipFile, asset metadata). */
  loc: Loc;
}

export interface Compute {
  id: string;
  type: string;
  kind: ComputeKind;
  file: string;
  loc: Loc;
  stack?: string;
  /** Logical ID of the role, when it is a role in the inputs. */
  roleId?: string;
  /** Role reference that could not be tied to a role in the inputs (ARN string, unknown). */
  roleRef?: Str;
  env: EnvVar[];
  vpc?: VpcAttachment;
  code: CodeAsset[];
  /** What scanning the code found (models, region literal, streaming, endpoint override). */
  codeFacts?: CodeFacts;
}

export type SiteSource = 'config' | 'stepfunctions' | 'agent' | 'knowledge-base' | 'flow' | 'env' | 'code' | 'policy' | 'request';

export interface InvocationSite {
  /** Principal's role logical ID, when known. */
  roleId?: string;
  /** For config invocations naming a bare policy file: the policies that are the principal's identity. */
  principalPolicies?: PolicyDoc[];
  /** Permissions boundary of such a principal (--boundary). */
  principalBoundary?: PolicyDoc;
  /** Human name of the principal for messages. */
  principalName?: string;
  /** Model ID, profile ID or ARN, located where it is named. */
  model: Str;
  api: 'invoke' | 'stream';
  /** Why we think it streams (file:line of ConverseStream …). */
  streamEvidence?: string;
  /** The region named at the site (ARN, BEDROCK_REGION, code literal), if any. */
  siteRegion?: RegionValue;
  /** The compute resource that makes the call, if any. */
  computeId?: string;
  /** The resource that names the model (function, state machine, agent, KB). */
  resource?: string;
  file: string;
  stack?: string;
  source: SiteSource;
  /** Evidence chain, caller first. */
  via: string[];
  /** Request body, when the site sends a known one (Step Functions task, CLI request file). */
  body?: Node;
  /** Account ID, when known (for inference-profile ARNs). */
  account?: string;
  /**
   * The caller may only pass the model ID on (an env var of a function whose code never calls
   * Bedrock, or whose code is not in the inputs while another role holds the Bedrock grants):
   * model and Region checks apply, the caller's own permissions are not judged.
   */
  passThrough?: string;
}

/** A CloudFormation resource as written (for template-schema), with intrinsics unresolved. */
export interface TemplateResource {
  id: string;
  type: string;
  properties?: Node;
  metadata?: Node;
  file: string;
  loc: Loc;
  stack?: string;
}

/** A value the analysis needed but could not resolve (template-unresolved). */
export interface Unresolved {
  what: string;
  reason: string;
  hint?: string;
  loc: Loc;
  resource?: string;
}

/** A state machine whose definition is scanned for bedrock:invokeModel tasks. */
export interface StateMachine {
  id: string;
  roleId?: string;
  roleRef?: Str;
  /** Definition tree (ASL), possibly from another file (SAM DefinitionUri). */
  definition?: Node;
  definitionFile: string;
  loc: Loc;
  file: string;
  stack?: string;
  /** DefinitionSubstitutions: `${Name}` placeholders; undefined value = unknown. */
  substitutions: Map<string, Node | undefined>;
}

/** A Bedrock Agent, Knowledge Base or Flow: the service calls models with the resource's role. */
export interface BedrockResource {
  id: string;
  type: string;
  roleId?: string;
  roleRef?: Str;
  /** Model references as resolved nodes (FoundationModel, EmbeddingModelArn, flow node ModelId). */
  models: Node[];
  loc: Loc;
  file: string;
  stack?: string;
}

export interface Deployment {
  stacks: Stack[];
  roles: Role[];
  /** Every policy document in the inputs (identity, boundary, SCP, endpoint…), for policy-text rules. */
  policies: PolicyDoc[];
  /** Organization SCP levels from --scp / config scps. */
  scps: PolicyDoc[];
  compute: Compute[];
  stateMachines: StateMachine[];
  bedrockResources: BedrockResource[];
  /** Application inference profiles: ARN (as resolved in the inputs) → underlying model ARNs/IDs. */
  appProfiles: Map<string, Str[]>;
  sites: InvocationSite[];
  resources: TemplateResource[];
  /** Every VPC endpoint in the inputs (and captures); for per-caller analysis use networkFor(). */
  network: NetworkModel;
  /** The network model of each input file (template or plan), by file. */
  networks: Map<string, NetworkModel>;
  unresolved: Unresolved[];
}
