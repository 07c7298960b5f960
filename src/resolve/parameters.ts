// Template Parameters → the values a Ref sees, for ResolveContext.parameters.

import type { Node } from '../types.js';
import { entries, get, isScalar, isSeq, str } from '../load/node.js';
import { unknownNode } from './unknown.js';

export type ParameterOverrides = ReadonlyMap<string, string> | Readonly<Record<string, string>>;

/**
 * Reads a template's Parameters section. A parameter's value is its override (e.g. from samconfig
 * parameter_overrides), else its Default, else its only AllowedValue; otherwise it maps to
 * undefined ("no default"), or to an UnknownNode when the reason is more specific.
 * List types (`CommaDelimitedList`, `List<…>`) become sequences, as `Ref` returns a list for them.
 * SSM parameter types are unknown: their Default names an SSM parameter, not the value.
 */
export function parametersFromTemplate(template: Node | undefined, overrides?: ParameterOverrides): Map<string, Node | undefined> {
  const out = new Map<string, Node | undefined>();
  for (const { key: name, value: decl } of entries(get(template, 'Parameters'))) {
    const type = str(get(decl, 'Type')) ?? 'String';
    const override = overrideOf(overrides, name);
    const declared = get(decl, 'Default');
    const allowed = get(decl, 'AllowedValues');
    let value: Node | undefined =
      override !== undefined
        ? { kind: 'scalar', value: override, loc: declared?.loc ?? decl.loc }
        : (declared ?? (isSeq(allowed) && allowed.items.length === 1 ? allowed.items[0] : undefined));

    if (type.startsWith('AWS::SSM::Parameter::Value<') && override === undefined) {
      const ssmName = str(declared);
      value = unknownNode(
        ssmName !== undefined ? `parameter ${name} is read from SSM parameter ${ssmName} at deployment` : `parameter ${name} has no default`,
        decl.loc,
        `pass the value with parameter_overrides in samconfig.toml to check it`,
      );
    } else if (value === undefined && isSeq(allowed) && allowed.items.length > 1) {
      const choices = allowed.items.map((item) => str(item) ?? '?').join(', ');
      value = unknownNode(`parameter ${name} has no default (allowed values: ${choices})`, decl.loc, parameterHint(name));
    } else if (value !== undefined && isListType(type) && isScalar(value)) {
      const text = str(value) ?? '';
      const loc = value.loc;
      value = { kind: 'seq', items: text.split(',').map((part) => ({ kind: 'scalar', value: part, loc })), loc };
    }
    out.set(name, value);
  }
  return out;
}

export function parameterHint(name: string): string {
  return `give parameter ${name} a Default, or pass a value with parameter_overrides in samconfig.toml`;
}

function isListType(type: string): boolean {
  return type === 'CommaDelimitedList' || type.startsWith('List<');
}

function overrideOf(overrides: ParameterOverrides | undefined, name: string): string | undefined {
  if (!overrides) return undefined;
  if (overrides instanceof Map) return overrides.get(name);
  const record = overrides as Readonly<Record<string, string>>;
  return Object.hasOwn(record, name) ? record[name] : undefined;
}
