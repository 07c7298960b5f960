// CloudFormation property validation (rule template-schema), cfn-lint style: unknown property
// names (with "did you mean"), required properties, types, enums, lengths, ranges and the few
// reliable patterns. Intrinsic functions stand for any value and are never judged.
import type { Loc, Node } from '../types.js';
import { inHole, toLocatedJson } from '../request/located-json.js';
import { toViolations } from '../request/violations.js';
import { checkSchema } from './check.js';
import { schemaForType } from './schemas.js';

export interface SchemaProblem {
  message: string;
  loc: Loc;
  /** Stable text for baselines: type, keyword and property path. */
  key: string;
  fix: string;
}

/**
 * Problems of a resource's Properties (unresolved: intrinsics still present). `resourceLoc` locates
 * problems of a resource that has no Properties at all (missing required properties).
 */
export function validateProperties(type: string, props: Node | undefined, resourceLoc?: Loc): SchemaProblem[] {
  const schema = schemaForType(type);
  if (!schema) return [];
  if (!props) {
    if (!resourceLoc) return [];
    return (schema.required ?? []).map((name) => ({
      message: `${type} requires property "${name}"`,
      loc: resourceLoc,
      key: `${type} required:${name}`,
      fix: `add "${name}" under Properties`,
    }));
  }
  // Most resources are valid: check on the plain value first and build the location index only
  // when there is something to report.
  const quick = toLocatedJson(props, { index: false });
  if (inHole('', quick.holes)) return [];
  const errors = checkSchema(schema, quick.value, quick.holes);
  if (errors.length === 0) return [];
  const data = toLocatedJson(props);
  return toViolations(errors, data, schema as { [k: string]: unknown }, { subject: 'property', owner: type }).map((v) => ({
    message: v.message,
    loc: v.loc,
    key: `${type} ${v.key}`,
    fix: v.fix,
  }));
}
