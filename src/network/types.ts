// Network model: VPCs, subnets, routes, endpoints and security groups, as far as the inputs say.
// Resource references are logical IDs (Terraform: addresses) or literal IDs; unknown ones carry UNKNOWN_MARK.
// Every map is keyed by that reference string, so the analysis looks things up instead of scanning.
import type { PolicyDoc } from '../iam/types.js';
import type { Loc, Node, Str } from '../types.js';

/** How a compute resource is attached to a VPC. */
export interface VpcAttachment {
  subnets: Str[];
  securityGroups: Str[];
  /** ECS awsvpc AssignPublicIp; Lambda never has a public IP (false/absent). 'unknown' when a parameter decides. */
  assignPublicIp?: boolean | 'unknown';
  loc: Loc;
}

export interface VpcEndpoint {
  /** Logical ID / address, or the real `vpce-…` ID for endpoints read from `aws ec2 describe-vpc-endpoints`. */
  id: string;
  file: string;
  loc: Loc;
  stack?: string;
  serviceName: Str;
  type: 'Interface' | 'Gateway' | 'GatewayLoadBalancer' | 'unknown';
  vpc?: Str;
  subnets: Str[];
  securityGroups: Str[];
  /** undefined = not set (CloudFormation default: false); 'unknown' = set from an unresolvable value. */
  privateDns?: boolean | 'unknown';
  privateDnsLoc?: Loc;
  /** The endpoint policy; absent = the default full-access policy. */
  policy?: PolicyDoc;
  /** The endpoint policy as written (kept so policy parsing can happen where the IAM parser lives). */
  policyNode?: Node;
  /** The real endpoint ID (`vpce-…`) when the inputs say it, for aws:SourceVpce. */
  endpointId?: string;
}

export interface Vpc {
  id: string;
  file: string;
  loc: Loc;
  /** IPv4 CIDRs (primary and AWS::EC2::VPCCidrBlock); unknown ones are left out and `cidrUnknown` is set. */
  cidrs: string[];
  cidrUnknown?: boolean;
  /** EnableDnsHostnames as written; undefined = CloudFormation default (false). */
  dnsHostnames?: boolean | 'unknown';
  dnsHostnamesLoc?: Loc;
  /** Route table explicitly made the main one (Terraform aws_main_route_table_association / aws_default_route_table). */
  mainRouteTable?: string;
}

export interface Subnet {
  id: string;
  file: string;
  loc: Loc;
  vpc?: Str;
  /** IPv4 CIDR when known. */
  cidr?: string;
}

/** Where a route sends traffic. Kinds other than igw/nat/local lead outside what a template can show. */
export type RouteTargetKind =
  | 'igw'
  | 'nat'
  | 'local'
  | 'transit-gateway'
  | 'peering'
  | 'instance'
  | 'network-interface'
  | 'vpn-gateway'
  | 'gateway-endpoint'
  | 'local-gateway'
  | 'carrier-gateway'
  | 'core-network'
  | 'egress-only-igw'
  | 'unknown';

export interface Route {
  /** Logical ID of the AWS::EC2::Route (or `<table>/routes/<n>` for inline routes). */
  id: string;
  loc: Loc;
  /** IPv4 destination CIDR; undefined for IPv6-only or prefix-list routes. */
  destination?: Str;
  /** Set for routes to a prefix list (destination unknown to the analysis). */
  prefixList?: Str;
  ipv6Only?: boolean;
  target: RouteTargetKind;
  targetRef?: Str;
}

export interface RouteTable {
  id: string;
  file: string;
  loc: Loc;
  vpc?: Str;
  routes: Route[];
}

export interface NatGateway {
  id: string;
  loc: Loc;
  subnet?: Str;
  /** ConnectivityType: 'public' (default) or 'private' (no internet access on its own). */
  connectivity: 'public' | 'private' | 'unknown';
}

export interface InternetGateway {
  id: string;
  loc: Loc;
}

/** One security-group rule, inline or from a separate SecurityGroupIngress/Egress resource. */
export interface SgRule {
  /** Logical ID of the resource to edit: the group (inline rules) or the separate rule resource. */
  resource: string;
  loc: Loc;
  /** Location of the ports (FromPort), for pointing at a wrong port. */
  portLoc?: Loc;
  /** 'tcp', 'udp', 'icmp', '-1' (all) …, lower-cased; protocol numbers are mapped to names. Undefined = unknown. */
  protocol?: string;
  fromPort?: number;
  toPort?: number;
  portsUnknown?: boolean;
  /** Peer: one of these is set (CIDR string may be a VPC/subnet reference resolved later). */
  cidr?: Str;
  cidrV6?: Str;
  peerGroup?: Str;
  prefixList?: Str;
}

export interface SecurityGroup {
  id: string;
  file: string;
  loc: Loc;
  vpc?: Str;
  ingress: SgRule[];
  egress: SgRule[];
  /** true when the group declares SecurityGroupEgress inline, which removes the default allow-all egress rule. */
  egressDeclared: boolean;
  ingressLoc?: Loc;
  egressLoc?: Loc;
}

export interface NetworkModel {
  endpoints: VpcEndpoint[];
  vpcs?: Map<string, Vpc>;
  subnets?: Map<string, Subnet>;
  routeTables?: Map<string, RouteTable>;
  /** Subnet reference → route table reference (explicit associations). */
  subnetRouteTables?: Map<string, string>;
  natGateways?: Map<string, NatGateway>;
  internetGateways?: Map<string, InternetGateway>;
  securityGroups?: Map<string, SecurityGroup>;
}

/** Which piece is missing on the path to bedrock-runtime. */
export type MissingPiece = 'no-route' | 'wrong-endpoint-service' | 'private-dns-disabled' | 'security-group';

/** What a rule points at to report an unreachable path: the resource to edit, the exact value, the fix. */
export interface Blame {
  resource: string;
  loc: Loc;
  fix: string;
}

export type Reachability =
  | { kind: 'endpoint'; endpoint: VpcEndpoint; evidence: string[]; problems: NetworkProblem[] }
  | { kind: 'nat'; evidence: string[] }
  | { kind: 'internet'; evidence: string[] }
  | {
      kind: 'unreachable';
      missing: MissingPiece;
      detail: string;
      evidence: string[];
      endpoint?: VpcEndpoint;
      blame: Blame;
    }
  | { kind: 'unknown'; reasons: string[] };

/** Something that does not break this path but will break the deployment or another path. */
export interface NetworkProblem {
  kind: 'vpc-dns-hostnames';
  detail: string;
  resource: string;
  loc: Loc;
}

export type BedrockInvokeAction = 'bedrock:InvokeModel' | 'bedrock:InvokeModelWithResponseStream';

/** Which caller, calling where: enough to find the endpoint on its path. */
export interface EndpointQuery {
  attachment: VpcAttachment;
  /** Call region; undefined = unknown (endpoint service names then match any region). */
  region?: string;
  /** The caller sets the SDK endpoint URL itself (e.g. to the endpoint's vpce DNS name). */
  endpointUrlOverride?: boolean;
  /** The caller uses FIPS endpoints (AWS_USE_FIPS_ENDPOINT=true), so bedrock-runtime-fips is the service it needs. */
  useFips?: boolean;
}

export interface RouteQuery extends EndpointQuery {
  action: BedrockInvokeAction;
  /** Name of the caller for messages (the function's logical ID). */
  caller?: string;
}
