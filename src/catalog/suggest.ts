// "Did you mean": the nearest known model or profile ID for an ID the catalogue lacks.
// Order of evidence: a case slip, a missing or extra version suffix (`amazon.nova-pro-v1` →
// `…:0`), a truncated ID (`anthropic.claude-3-haiku` → the dated ID), then a small edit distance.
import type { ModelStatus } from './types.js';

export interface Candidate {
  id: string;
  status: ModelStatus;
  isProfile: boolean;
}

const STATUS_RANK: Record<ModelStatus, number> = { ACTIVE: 0, LEGACY: 1, EOL: 2 };

/** Prefer live models, then shorter IDs, then lexical order: deterministic. */
function better(a: Candidate, b: Candidate): boolean {
  if (STATUS_RANK[a.status] !== STATUS_RANK[b.status]) return STATUS_RANK[a.status] < STATUS_RANK[b.status];
  if (a.id.length !== b.id.length) return a.id.length < b.id.length;
  return a.id < b.id;
}

function best(cands: Candidate[]): Candidate | undefined {
  let out: Candidate | undefined;
  for (const c of cands) if (!out || better(c, out)) out = c;
  return out;
}

/** Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

const VERSION_SUFFIX = /:\d+$/;

export function suggestId(input: string, candidates: Candidate[], isProfileId: boolean): string | undefined {
  const id = input.trim();
  if (id === '') return undefined;
  const exact = candidates.find((c) => c.id === id);
  if (exact) return exact.id;
  // Suggest IDs of the same kind: a profile ID for a profile ID, a model ID for a model ID.
  const pool = candidates.filter((c) => c.isProfile === isProfileId);
  const lower = id.toLowerCase();

  const byCase = best(pool.filter((c) => c.id.toLowerCase() === lower));
  if (byCase) return byCase.id;

  const withSuffix = best(pool.filter((c) => VERSION_SUFFIX.test(c.id) && c.id.replace(VERSION_SUFFIX, '') === id));
  if (withSuffix) return withSuffix.id;

  if (VERSION_SUFFIX.test(id)) {
    const stem = id.replace(VERSION_SUFFIX, '');
    const sameStem = best(pool.filter((c) => c.id === stem || c.id.replace(VERSION_SUFFIX, '') === stem));
    if (sameStem) return sameStem.id;
  }

  const extended = best(pool.filter((c) => c.id.startsWith(id) && /^[-:.]/.test(c.id.slice(id.length))));
  if (extended) return extended.id;

  const max = Math.max(2, Math.floor(id.length / 5));
  let found: Candidate | undefined;
  let foundDist = max + 1;
  for (const c of pool) {
    const d = editDistance(lower, c.id.toLowerCase(), Math.min(max, foundDist));
    if (d < foundDist || (d === foundDist && d <= max && found && better(c, found))) {
      found = c;
      foundDist = d;
    }
  }
  return foundDist <= max ? found?.id : undefined;
}
