// Test helpers: located Node trees from JSON/YAML text (real positions) or from plain values.
import { parseJson } from '../../src/load/json.js';
import { fromPlain } from '../../src/load/node.js';
import { parseYaml } from '../../src/load/yaml.js';
import type { Loc, Node } from '../../src/types.js';

export const FAKE_LOC: Loc = { file: 'test.json', line: 1, column: 1, endLine: 1, endColumn: 2 };

export function jsonNode(text: string, file = 'test.json'): Node {
  const r = parseJson(text, file);
  if (!r.root || r.errors.length) throw new Error(`bad test JSON: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.root;
}

export function yamlNode(text: string, file = 'test.yaml'): Node {
  const r = parseYaml(text, file);
  if (!r.root || r.errors.length) throw new Error(`bad test YAML: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.root;
}

/** Every node located at FAKE_LOC. */
export function plainNode(value: unknown): Node {
  return fromPlain(value, FAKE_LOC);
}

export function get(node: Node, ...path: (string | number)[]): Node {
  let cur: Node | undefined = node;
  for (const step of path) {
    if (cur?.kind === 'map') cur = cur.entries.find((e) => e.key === step)?.value;
    else if (cur?.kind === 'seq' && typeof step === 'number') cur = cur.items[step];
    else cur = undefined;
  }
  if (!cur) throw new Error(`no node at ${path.join('.')}`);
  return cur;
}
