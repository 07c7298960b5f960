// DefinitionSubstitutions: `${Name}` placeholders in a state machine definition are replaced by
// the template's values before deployment. Unknown or missing values become UNKNOWN_MARK, so a
// standalone ASL file never yields "${ImageModelId}" as a model ID.
import type { Node } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';

const PLACEHOLDER = /\$\{(!?)([^}]+)\}/g;

function substitutionText(value: Node | undefined): string {
  if (value && value.kind === 'scalar' && value.value !== null) return String(value.value);
  return UNKNOWN_MARK;
}

function replaceIn(text: string, subs: Map<string, Node | undefined>): string {
  return text.replace(PLACEHOLDER, (_all, bang: string, name: string) =>
    bang ? `\${${name}}` : substitutionText(subs.get(name.trim())),
  );
}

/**
 * A copy of `definition` with every `${Name}` inside string values replaced by the substitution's
 * value, or UNKNOWN_MARK when it is not given or not a plain value. Locations stay those of the
 * definition (the ASL file), because that is where the user edits the state machine.
 */
export function substitute(definition: Node, subs: Map<string, Node | undefined>): Node {
  switch (definition.kind) {
    case 'scalar':
      if (typeof definition.value === 'string' && definition.value.includes('${')) {
        return { ...definition, value: replaceIn(definition.value, subs) };
      }
      return definition;
    case 'seq':
      return { ...definition, items: definition.items.map((i) => substitute(i, subs)) };
    case 'map':
      return { ...definition, entries: definition.entries.map((e) => ({ ...e, value: substitute(e.value, subs) })) };
    default:
      return definition;
  }
}
