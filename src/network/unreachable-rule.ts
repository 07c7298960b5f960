// The four network rules that report a missing piece share one shape: pick the verdicts whose
// missing piece is theirs and point at what to edit.
import type { Rule } from '../rule.js';
import type { RawFinding, RuleMeta } from '../types.js';
import type { MissingPiece } from './types.js';
import { networkFinding, networkVerdicts } from './verdicts.js';

export function unreachableRule(meta: RuleMeta, missing: MissingPiece): Rule {
  return {
    meta,
    check(ctx) {
      const out: RawFinding[] = [];
      for (const v of networkVerdicts(ctx)) {
        const r = v.reach;
        if (r.kind !== 'unreachable' || r.missing !== missing) continue;
        const resource = missing === 'no-route' ? v.compute.id : r.blame.resource;
        out.push(networkFinding(meta.id, v, r.detail, { ...r.blame, resource }, r.evidence));
      }
      return out;
    },
  };
}
