// The loaded `.bedrock-lint.yaml`: validated, with every file path made absolute (relative paths
// are relative to the config file's folder) and the location of each list entry kept for messages.
import type { Loc, Severity, SeverityOrOff } from '../types.js';

export interface ConfigInvocation {
  /** As written: a logical ID, Terraform address, role name or ARN, or a policy file path. */
  principal: string;
  /**
   * Absolute path of the principal's identity-policy file, when `principal` names a file (it is not
   * an ARN and contains a path separator or ends in .json/.yaml/.yml); checked to exist.
   */
  principalFile?: string;
  model: string;
  region?: string;
  stream: boolean;
  loc: Loc;
  /** Location of the `model:` value. */
  modelLoc?: Loc;
}

export interface ConfigIgnore {
  rule: string;
  /** Glob relative to the config's folder (see util/glob.ts). */
  path?: string;
  resource?: string;
  reason: string;
  loc: Loc;
}

export type FailOn = Severity | 'none';

export interface Config {
  /** Absolute path of the file. */
  file: string;
  /** Absolute folder of the file: relative paths and globs in it are relative to this. */
  dir: string;
  region?: string;
  /** Globs relative to `dir`. */
  include: string[];
  exclude: string[];
  /** Severity overrides by rule ID. */
  rules: Record<string, SeverityOrOff>;
  failOn?: FailOn;
  /** Absolute paths of SCP/RCP files. */
  scps: string[];
  invocations: ConfigInvocation[];
  /** Absolute paths of extra catalogue files (aws bedrock list-* output). */
  models: string[];
  ignore: ConfigIgnore[];
  /** Absolute path of the baseline file (it need not exist yet). */
  baseline?: string;
  maxFileSize?: number;
  /**
   * Values for template parameters that have no default (or to override it), by parameter name, as
   * `aws cloudformation deploy --parameter-overrides` would pass them: a list is a
   * CommaDelimitedList / List<…> value, numbers and booleans are given as strings.
   */
  parameters: Record<string, string | string[]>;
}

export interface ConfigProblem {
  line: number;
  column: number;
  message: string;
}

/** A configuration that cannot be used (exit 2). `message` lists every problem as file:line:col: text. */
export class ConfigError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly problems: ConfigProblem[];
  constructor(file: string, problems: ConfigProblem[]) {
    const list = problems.length > 0 ? problems : [{ line: 1, column: 1, message: 'invalid configuration' }];
    super(list.map((p) => `${file}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
    this.file = file;
    this.line = list[0]!.line;
    this.column = list[0]!.column;
    this.problems = list;
  }
}
