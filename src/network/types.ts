// Network model: VPCs, subnets, routes, endpoints and security groups, as far as the inputs say.
// Resource references are logical IDs (Terraform: addresses) or literal IDs; unknown ones carry UNKNOWN_MARK.
import type { PolicyDoc } from '../iam/types.js';
import type { Loc, Str } from '../types.js';

/** How a compute resource is attached to a VPC. */
export interface VpcAttachment {
  subnets: Str[];
  securityGroups: Str[];
  /** ECS awsvpc AssignPublicIp; Lambda never has a public IP (false). */
  assignPublicIp?: boolean;
  loc: Loc;
}

export interface VpcEndpoint {
  id: string;
  file: string;
  loc: Loc;
  stack?: string;
  serviceName: Str;
  type: 'Interface' | 'Gateway' | 'GatewayLoadBalancer' | 'unknown';
  vpc?: Str;
  subnets: Str[];
  securityGroups: Str[];
  privateDns?: boolean;
  privateDnsLoc?: Loc;
  policy?: PolicyDoc;
}

export interface NetworkModel {
  endpoints: VpcEndpoint[];
  /** Filled by the network loader: subnets, route tables, NAT/IGW, security groups. */
  [extra: string]: unknown;
}
