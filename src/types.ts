// Core types shared by every stage: located source nodes, findings and rules.
// Data flows one way: discover → load (Node trees) → model (Deployment) → rules → findings → report.

/** 1-based source position of a node. `file` is relative to the current working directory. */
export interface Loc {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * A parsed document as a located tree. YAML and JSON loaders both produce it.
 * CloudFormation short-form tags (`!Sub x`) are expanded by the YAML loader into their long form
 * (`{ "Fn::Sub": x }`), a map node located at the tag.
 */
export type Node = MapNode | SeqNode | ScalarNode | UnknownNode;

export interface MapEntry {
  key: string;
  keyLoc: Loc;
  value: Node;
}
export interface MapNode {
  kind: 'map';
  entries: MapEntry[];
  loc: Loc;
}
export interface SeqNode {
  kind: 'seq';
  items: Node[];
  loc: Loc;
}
export interface ScalarNode {
  kind: 'scalar';
  value: string | number | boolean | null;
  loc: Loc;
  /** true when the YAML source quoted the scalar (JSON strings are always quoted). */
  quoted?: boolean;
}
/** A value that cannot be known statically (ImportValue, parameter without default, after-apply value). */
export interface UnknownNode {
  kind: 'unknown';
  /** What is unknown, for people: "Fn::ImportValue network-PrivateSubnets". */
  reason: string;
  /** How the user can supply it, when there is a way. */
  hint?: string;
  loc: Loc;
}

/**
 * A string value with its location. Parts that are unknown are replaced by UNKNOWN_MARK,
 * so `arn:aws:bedrock:\uFFFF::foundation-model/x` is an ARN whose Region is unknown.
 */
export interface Str {
  value: string;
  loc: Loc;
  /** Set when the value is wholly or partly unknown: why. */
  unknown?: string;
}
export const UNKNOWN_MARK = '\uFFFF';

export type Severity = 'error' | 'warning' | 'info';
export type SeverityOrOff = Severity | 'off';

/** A finding as rules produce it; the engine adds severity, suppression and sorting. */
export interface RawFinding {
  ruleId: string;
  message: string;
  loc: Loc;
  /** Logical ID (Terraform: address) of the resource the user edits to fix it. */
  resource?: string;
  stack?: string;
  /** Evidence chain, e.g. "ImageFn (AWS::Lambda::Function) → ImageFnRole → policy ImageFnRolePolicy". */
  trace?: string[];
  fix?: string;
  /** Stable text used by baselines instead of the message (no line numbers, no dates). */
  key?: string;
  /** Severity override for this one finding (e.g. an UNCONFIRMED fact may only back a warning). */
  severity?: Severity;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  resource?: string;
  stack?: string;
  trace: string[];
  fix?: string;
  suppressed: boolean;
  /** Why it is suppressed (the suppression's reason), when it is. */
  suppression?: { kind: 'comment' | 'metadata' | 'config' | 'baseline'; reason: string };
  key?: string;
}

export interface RuleMeta {
  id: string;
  /** One line: what it finds. */
  description: string;
  defaultSeverity: Severity;
  /** Family: iam, model, region, network, request, template, suppression, parse, analysis. */
  family: string;
}

/** A load problem that makes a file unusable: reported as parse-error, exit 3. */
export interface LoadError {
  file: string;
  message: string;
  loc: Loc;
}

export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };
