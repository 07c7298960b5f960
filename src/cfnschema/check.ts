// A small interpreter for the JSON Schema subset of data/cfn-schemas.json, with CloudFormation's
// scalar coercion. Why not ajv here: compiling one resource type costs 15–100 ms (SAM Function
// ~100 ms) and precompiling all of them is ~1.9 MB of code; interpreting costs nothing up front.
// It reports errors in ajv's shape (instancePath, schemaPath, keyword, params) so the same
// violation wording (src/request/violations.ts) serves both validators.
import type { ErrorObject } from 'ajv';
import { escapePointer } from '../request/located-json.js';

export type Schema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: { [k: string]: Schema };
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
};

const patterns = new Map<string, RegExp>();
function regex(p: string): RegExp {
  let r = patterns.get(p);
  if (!r) {
    r = new RegExp(p, 'u');
    patterns.set(p, r);
  }
  return r;
}

function isObject(v: unknown): v is { [k: string]: unknown } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** CloudFormation accepts "30" for an integer, "true" for a boolean and 30 for a string. */
function coerce(v: unknown, type: string): { ok: boolean; value: unknown } {
  switch (type) {
    case 'string':
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? { ok: true, value: String(v) } : { ok: false, value: v };
    case 'integer':
      if (typeof v === 'number') return { ok: Number.isInteger(v), value: v };
      if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return { ok: true, value: Number(v) };
      return { ok: false, value: v };
    case 'number':
      if (typeof v === 'number') return { ok: true, value: v };
      if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return { ok: true, value: Number(v) };
      return { ok: false, value: v };
    case 'boolean':
      if (typeof v === 'boolean') return { ok: true, value: v };
      if (typeof v === 'string' && /^(true|false)$/i.test(v)) return { ok: true, value: v.toLowerCase() === 'true' };
      return { ok: false, value: v };
    case 'object':
      return { ok: isObject(v), value: v };
    case 'array':
      return { ok: Array.isArray(v), value: v };
    default:
      return { ok: true, value: v };
  }
}

function err(instancePath: string, schemaPath: string, keyword: string, params: { [k: string]: unknown }): ErrorObject {
  return { instancePath, schemaPath, keyword, params };
}

function check(schema: Schema, value: unknown, ip: string, sp: string, out: ErrorObject[], holes?: ReadonlySet<string>): void {
  // An unknown value (an intrinsic, a dynamic field) satisfies any schema: skip it and its subtree.
  if (holes?.has(ip)) return;
  let v = value;
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const hit = types.map((t) => coerce(value, t)).find((c) => c.ok);
    if (!hit) {
      out.push(err(ip, `${sp}/type`, 'type', { type: types.join(',') }));
      return;
    }
    v = hit.value;
  }
  if (schema.enum && !schema.enum.some((e) => e === v)) out.push(err(ip, `${sp}/enum`, 'enum', { allowedValues: schema.enum }));
  if (typeof v === 'string') {
    const len = schema.minLength !== undefined || schema.maxLength !== undefined ? [...v].length : 0;
    if (schema.minLength !== undefined && len < schema.minLength) out.push(err(ip, `${sp}/minLength`, 'minLength', { limit: schema.minLength }));
    if (schema.maxLength !== undefined && len > schema.maxLength) out.push(err(ip, `${sp}/maxLength`, 'maxLength', { limit: schema.maxLength }));
    if (schema.pattern !== undefined && !regex(schema.pattern).test(v)) out.push(err(ip, `${sp}/pattern`, 'pattern', { pattern: schema.pattern }));
  }
  if (typeof v === 'number') {
    if (schema.minimum !== undefined && v < schema.minimum) out.push(err(ip, `${sp}/minimum`, 'minimum', { limit: schema.minimum }));
    if (schema.maximum !== undefined && v > schema.maximum) out.push(err(ip, `${sp}/maximum`, 'maximum', { limit: schema.maximum }));
  }
  if (Array.isArray(v)) {
    if (schema.minItems !== undefined && v.length < schema.minItems) out.push(err(ip, `${sp}/minItems`, 'minItems', { limit: schema.minItems }));
    if (schema.maxItems !== undefined && v.length > schema.maxItems) out.push(err(ip, `${sp}/maxItems`, 'maxItems', { limit: schema.maxItems }));
    if (schema.items) v.forEach((item, i) => check(schema.items!, item, `${ip}/${i}`, `${sp}/items`, out, holes));
  }
  if (isObject(v)) {
    for (const r of schema.required ?? []) {
      if (!Object.prototype.hasOwnProperty.call(v, r)) out.push(err(ip, `${sp}/required`, 'required', { missingProperty: r }));
    }
    for (const key of Object.keys(v)) {
      const child = `${ip}/${escapePointer(key)}`;
      const prop = schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, key) ? schema.properties[key] : undefined;
      if (prop) check(prop, v[key], child, `${sp}/properties/${encodeURIComponent(escapePointer(key))}`, out, holes);
      else if (schema.additionalProperties === false) out.push(err(ip, `${sp}/additionalProperties`, 'additionalProperties', { additionalProperty: key }));
      else if (isObject(schema.additionalProperties)) check(schema.additionalProperties, v[key], child, `${sp}/additionalProperties`, out, holes);
    }
  }
  if (schema.anyOf) {
    const branchErrors: ErrorObject[] = [];
    let passed = false;
    schema.anyOf.forEach((b, i) => {
      if (passed) return;
      const errs: ErrorObject[] = [];
      check(b, value, ip, `${sp}/anyOf/${i}`, errs, holes);
      if (errs.length === 0) passed = true;
      branchErrors.push(...errs);
    });
    if (!passed) out.push(...branchErrors, err(ip, `${sp}/anyOf`, 'anyOf', {}));
  }
}

/** All violations of `value` against `schema`, in ajv's error shape with schemaPaths rooted at `#`. */
export function checkSchema(schema: Schema, value: unknown, holes?: ReadonlySet<string>): ErrorObject[] {
  const out: ErrorObject[] = [];
  check(schema, value, '', '#', out, holes);
  return out;
}
