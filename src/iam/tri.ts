// Three-valued (Kleene) logic for policy evaluation: a fact is true, false, or unknown because an
// input value could not be resolved. Unknown must never collapse into false.

export type Tri = true | false | 'unknown';

export function triNot(a: Tri): Tri {
  return a === 'unknown' ? a : !a;
}

export function triAnd(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return true;
}

export function triOr(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return false;
}
