// Types of the generated data/request-validators.mjs (ajv standalone validators, keyed by schema ID).
import type { ErrorObject } from 'ajv';

export interface PrecompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export declare const validators: { readonly [schemaId: string]: PrecompiledValidator };
