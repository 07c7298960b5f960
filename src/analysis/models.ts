// Helpers for the model-* and region-* rules: one entry per distinct model mention.
import type { Catalog, ModelRef } from '../catalog/index.js';
import type { RuleContext } from '../rule.js';
import type { RawFinding } from '../types.js';
import { analyzeSites, type SiteAnalysis } from './site.js';

/** The foundation-model ID a reference resolves to (profiles → their model). */
export function modelIdOf(ref: ModelRef): string | undefined {
  if (ref.kind === 'model') return ref.id;
  if (ref.kind === 'profile') return ref.modelId;
  return undefined;
}

/**
 * Sites, one per (file, line, column, model text): two sites on the same line are one mention.
 * Region rules skip sites derived from grants (a grant may name a destination Region legitimately).
 */
export function mentions(ctx: RuleContext, opts: { region?: boolean } = {}): SiteAnalysis[] {
  const seen = new Set<string>();
  return analyzeSites(ctx).filter((a) => {
    if (opts.region && a.site.source === 'policy') return false;
    // A model past its end of life is offered nowhere: model-end-of-life says so, Region rules would only repeat it.
    const id = opts.region ? modelIdOf(a.ref) : undefined;
    if (id && ctx.catalog.model(id) && ctx.catalog.lifecycle(id, ctx.date).status === 'eol') return false;
    const l = a.site.model.loc;
    const k = `${l.file}|${l.line}|${l.column}|${a.site.model.value}|${a.callRegion?.value ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export function siteFinding(a: SiteAnalysis, ruleId: string, message: string, fix: string, key: string): RawFinding {
  return {
    ruleId,
    message,
    loc: a.site.model.loc,
    ...(a.site.resource ? { resource: a.site.resource } : {}),
    ...(a.site.stack ? { stack: a.site.stack } : {}),
    trace: a.site.via,
    fix,
    key,
  };
}

/** Mentions of catalogued models whose lifecycle on ctx.date is `status`, with that lifecycle. */
export function lifecycleMentions(ctx: RuleContext, status: 'legacy' | 'eol') {
  const out: { a: SiteAnalysis; id: string; lc: ReturnType<Catalog['lifecycle']> }[] = [];
  for (const a of mentions(ctx)) {
    const id = modelIdOf(a.ref);
    if (!id || !ctx.catalog.model(id)) continue;
    const lc = ctx.catalog.lifecycle(id, ctx.date);
    if (lc.status === status) out.push({ a, id, lc });
  }
  return out;
}

export function isKnownRef(ref: ModelRef): boolean {
  return (ref.kind === 'model' && !!ref.model) || (ref.kind === 'profile' && !!ref.profile);
}

export function listRegions(regions: string[], max = 8): string {
  return regions.length <= max ? regions.join(', ') : `${regions.slice(0, max).join(', ')} and ${regions.length - max} more`;
}

export type { Catalog };
