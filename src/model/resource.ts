import type { Loc, Node } from '../types.js';

/** A template resource after intrinsic resolution: what model builders (IAM, compute, network) consume. */
export interface ResolvedResource {
  /** Logical ID (Terraform: address). */
  id: string;
  type: string;
  /** Resolved Properties (a map node), intrinsics replaced by values or unknown nodes. */
  props?: Node;
  file: string;
  loc: Loc;
  stack?: string;
  /** Set when the resource has a Condition that could not be evaluated: it may not exist. */
  conditional?: string;
}
