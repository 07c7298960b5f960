// The shapes of aws-cdk-lib's policy-validation plugin API (core/lib/validation), restated here so
// that the plugin never loads aws-cdk-lib: it is an optional peer dependency. They are structural
// copies; test/cdk checks they stay assignable to the real IPolicyValidationPlugin(Beta1) types.
import type { SeverityOrOff, Severity } from '../types.js';

/** One synthesized stack as CDK describes it to plugins. */
export interface ValidationStack {
  readonly stackConstructPath: string;
  readonly templatePath: string;
  readonly accountId: string | undefined;
  readonly region: string | undefined;
}

/**
 * What CDK passes to `validate()`. The deprecated Beta1 context declares only `templatePaths` and
 * `appConstruct`; current aws-cdk-lib passes the same object (with `stackTemplates`) to both.
 */
export interface ValidationContext {
  readonly templatePaths: string[];
  readonly stackTemplates?: ValidationStack[];
  readonly accountId?: string;
  readonly region?: string;
  /** The App construct; unused here, typed loosely so constructs need not be installed. */
  readonly appConstruct?: unknown;
}

export interface ViolatingResource {
  /** Logical ID in the template; NO_RESOURCE for findings about a file rather than a resource. */
  readonly resourceLogicalId: string;
  readonly templatePath: string;
  /** Property paths inside the resource, CDK style: `Properties.Environment.Variables.MODEL_ID`. */
  readonly locations: string[];
  /** Set only when there is no logical ID to infer it from (CDK infers it otherwise). */
  readonly constructPath?: string;
}

export interface Violation {
  readonly ruleName: string;
  readonly description: string;
  readonly violatingResources: ViolatingResource[];
  readonly fix?: string;
  readonly severity?: Severity;
  /** Shown in CDK's JSON validation report: where in which file, and the evidence chain. */
  readonly ruleMetadata?: { readonly [key: string]: string };
}

export interface ValidationReport {
  readonly success: boolean;
  readonly violations: Violation[];
  readonly pluginVersion?: string;
  readonly metadata?: { readonly [key: string]: string };
}

export interface BedrockLintPluginOptions {
  /** Lowest severity that fails synthesis (default `error`); `none` only reports. */
  readonly failOn?: Severity | 'none';
  /** Severity overrides by rule ID, like `--rule ID=LEVEL`. */
  readonly rules?: Record<string, SeverityOrOff>;
  /**
   * The call Region for every stack, like `--region` (it overrides stack environments). Leave it
   * unset to use each stack's own `env.region`.
   */
  readonly region?: string;
  /** A `.bedrock-lint.yaml`; default: the nearest one from the current directory up. */
  readonly config?: string;
  /** "Today" for model lifecycle checks (YYYY-MM-DD); default: the current UTC date. */
  readonly date?: string;
}
