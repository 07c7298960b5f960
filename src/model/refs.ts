// Recognising references between template resources in the *unresolved* tree, so that links
// (function → role, policy → role, service → task definition) survive unknown physical names.
import type { Node } from '../types.js';

export interface RefTarget {
  id: string;
  attr?: string;
}

/** `!Ref X`, `!GetAtt X.Arn`, `!Sub ${X.Arn}` / `!Sub arn:…:role/${X}` → X. */
export function refTarget(node: Node | undefined): RefTarget | undefined {
  if (!node || node.kind !== 'map' || node.entries.length !== 1) return undefined;
  const { key, value } = node.entries[0]!;
  if (key === 'Ref' && value.kind === 'scalar' && typeof value.value === 'string') {
    return value.value.startsWith('AWS::') ? undefined : { id: value.value };
  }
  if (key === 'Fn::GetAtt') {
    if (value.kind === 'seq' && value.items.length === 2) {
      const [a, b] = value.items;
      if (a?.kind === 'scalar' && b?.kind === 'scalar') return { id: String(a.value), attr: String(b.value) };
    }
    if (value.kind === 'scalar' && typeof value.value === 'string') {
      const dot = value.value.indexOf('.');
      if (dot > 0) return { id: value.value.slice(0, dot), attr: value.value.slice(dot + 1) };
    }
    return undefined;
  }
  if (key === 'Fn::Sub') {
    const text = value.kind === 'scalar' ? value.value : value.kind === 'seq' && value.items[0]?.kind === 'scalar' ? value.items[0].value : undefined;
    if (typeof text !== 'string') return undefined;
    const refs = [...text.matchAll(/\$\{([^!}][^}]*)\}/g)].map((m) => m[1]!).filter((r) => !r.startsWith('AWS::'));
    if (refs.length !== 1) return undefined;
    const r = refs[0]!;
    const dot = r.indexOf('.');
    return dot > 0 ? { id: r.slice(0, dot), attr: r.slice(dot + 1) } : { id: r };
  }
  return undefined;
}
