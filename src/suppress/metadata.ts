// Suppressions in a resource's metadata, which survive SAM transforms and CDK synthesis
// (`cfnOptions.metadata`) and work in JSON templates, where comments cannot exist:
//
//   Metadata:
//     bedrock-lint:
//       ignore:
//         - rule: model-legacy          # or a list of IDs
//           reason: pinned for the Q3 evaluation (TICKET-311)
//
// Each entry covers findings of its rules in the same file whose `resource` is this resource, or
// that are located inside the resource's definition (`span`).
import { get, getEntry, isMap, isSeq, str } from '../load/node.js';
import type { Loc, Node } from '../types.js';
import type { MetadataSuppression } from './types.js';

export function metadataSuppressions(resource: string, metadata: Node | undefined, span?: Loc): MetadataSuppression[] {
  const ignore = get(get(metadata, 'bedrock-lint'), 'ignore');
  const items = isSeq(ignore) ? ignore.items : isMap(ignore) ? [ignore] : [];
  const out: MetadataSuppression[] = [];
  for (const item of items) {
    const ruleEntry = getEntry(item, 'rule') ?? getEntry(item, 'rules');
    if (!ruleEntry) continue;
    const rules = isSeq(ruleEntry.value)
      ? ruleEntry.value.items.map(str).filter((s): s is string => s !== undefined && s !== '')
      : [str(ruleEntry.value)].filter((s): s is string => s !== undefined && s !== '');
    if (rules.length === 0) continue;
    const reason = str(get(item, 'reason'))?.trim();
    // The entry is reported (unused / no reason) at its `rule` key: the line that names what it hides.
    const loc: Loc = { ...ruleEntry.keyLoc, endLine: ruleEntry.value.loc.endLine, endColumn: ruleEntry.value.loc.endColumn };
    const s: MetadataSuppression = { kind: 'metadata', resource, rules, loc };
    if (reason) s.reason = reason;
    if (span) s.span = span;
    out.push(s);
  }
  return out;
}
