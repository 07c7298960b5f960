// The generated CloudFormation property schemas (data/cfn-schemas.json), read on first use only.
import { readDataJson } from '../data.js';
import type { Schema } from './check.js';

export interface CfnSchemasFile {
  date: string;
  source: string;
  types: { [type: string]: Schema };
}

export function cfnSchemas(): CfnSchemasFile {
  return readDataJson<CfnSchemasFile>('cfn-schemas.json');
}

/** The Properties schema of a resource type, when the analysis relies on that type. */
export function schemaForType(type: string): Schema | undefined {
  const { types } = cfnSchemas();
  return Object.prototype.hasOwnProperty.call(types, type) ? types[type] : undefined;
}
