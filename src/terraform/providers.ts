// Which AWS provider configuration each resource uses, and that configuration's region.
//
// Resources carry `provider_config_key` ("aws", "aws.west", or a module-scoped key such as
// "module.app:aws" / "app:aws" in older Terraform). A module without its own provider block uses its
// caller's, so a key that names no configured region falls back to the enclosing module's key with
// the same local name, then to the root.
import { get, str } from '../load/node.js';
import type { MapNode, Node } from '../types.js';
import type { RegionValue } from '../model/types.js';
import type { ConfigIndex, PlanResource } from './collect.js';
import { referenceStrings } from './refs.js';

export interface ProviderRegions {
  /** The provider configuration key a resource uses (resolved to a configured one when possible). */
  keyOf(res: PlanResource): string;
  /** The region of that configuration, when the plan says it. */
  regionOf(key: string): RegionValue | undefined;
}

export function providerRegions(root: MapNode, config: ConfigIndex, resources: PlanResource[]): ProviderRegions {
  const providerConfig = get(get(root, 'configuration'), 'provider_config');
  const variables = get(root, 'variables');
  const cache = new Map<string, RegionValue | undefined>();

  /** A scalar expression's value: a constant, or a chain of `var.` references up to the root variables. */
  const exprValue = (expr: Node | undefined, modulePath: string, depth: number): Node | undefined => {
    if (!expr || depth > 12) return undefined;
    const c = get(expr, 'constant_value');
    if (c) return c;
    const refs = referenceStrings(expr).filter((r) => r.startsWith('var.'));
    const name = refs[0]?.slice(4).split(/[.[]/)[0];
    if (!name || referenceStrings(expr).some((r) => !r.startsWith('var.'))) return undefined;
    if (!modulePath) return get(get(variables, name), 'value');
    const arg = get(get(config.calls.get(modulePath), 'expressions'), name);
    return exprValue(arg, modulePath.replace(/\.?module\.[^.]+$/, ''), depth + 1);
  };

  const configured = (key: string): RegionValue | undefined => {
    if (cache.has(key)) return cache.get(key);
    let region: RegionValue | undefined;
    const pc = get(providerConfig, key);
    if (pc) {
      const modulePath = str(get(pc, 'module_address')) ?? '';
      const value = exprValue(get(get(pc, 'expressions'), 'region'), modulePath, 0);
      const s = str(value);
      if (s && value) region = { value: s, source: `Terraform provider ${key}`, loc: value.loc };
    }
    cache.set(key, region);
    return region;
  };

  // data "aws_region" read while planning says the region of its provider even when the provider
  // block gets it from the environment.
  const dataRegion = new Map<string, RegionValue>();

  const resolveKey = (raw: string): string => {
    // "module.a.module.b:aws.west" / "b:aws.west" → try it, then the enclosing scopes' "aws.west", then "aws".
    const colon = raw.lastIndexOf(':');
    const scope = colon >= 0 ? raw.slice(0, colon) : '';
    const local = colon >= 0 ? raw.slice(colon + 1) : raw;
    const candidates: string[] = [raw];
    if (scope.startsWith('module.')) {
      let s = scope;
      while (s) {
        s = s.replace(/\.?module\.[^.]+$/, '');
        candidates.push(s ? `${s}:${local}` : local);
      }
    } else if (scope) {
      candidates.push(local); // older Terraform: "<call name>:aws"
    }
    const base = local.split('.')[0]!;
    if (base !== local) candidates.push(base);
    for (const c of candidates) {
      if (configured(c) || dataRegion.has(c)) return c;
      const pc = get(providerConfig, c);
      // A provider block of its own (not just a module's implicit or passed-in entry) decides, even without a region.
      if (pc && (get(pc, 'expressions') || !str(get(pc, 'module_address')))) return c;
    }
    return local;
  };

  const keyOf = (res: PlanResource): string => {
    const k = str(get(res.config, 'provider_config_key'));
    if (k) return resolveKey(k);
    const ks = get(res.config, 'provider_config_keys');
    const first = ks?.kind === 'seq' ? str(ks.items[0]) : undefined;
    if (first) return resolveKey(first);
    return resolveKey(res.modulePath ? `${res.modulePath}:aws` : 'aws');
  };

  for (const r of resources) {
    if (r.mode !== 'data' || r.type !== 'aws_region') continue;
    const v = get(r.values, 'region') ?? get(r.values, 'name');
    const s = str(v);
    const k = str(get(r.config, 'provider_config_key')) ?? 'aws';
    if (s && v && !dataRegion.has(k)) dataRegion.set(k, { value: s, source: `Terraform ${r.address}`, loc: v.loc });
  }

  return {
    keyOf,
    regionOf: (key) => configured(key) ?? dataRegion.get(key),
  };
}
