import { analyzeSites } from '../src/analysis/site.js';
import { networkUnresolvedFindings } from '../src/network/verdicts.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

export const templateUnresolved: Rule = {
  meta: {
    id: 'template-unresolved',
    description: 'A value the analysis needs could not be resolved (what, and how to supply it); never an error',
    defaultSeverity: 'info',
    family: 'template',
  },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const u of ctx.deployment.unresolved) {
      out.push({
        ruleId: 'template-unresolved',
        message: `${u.what} could not be resolved: ${u.reason}${u.hint ? `; ${u.hint}` : ''}`,
        loc: u.loc,
        ...(u.resource ? { resource: u.resource } : {}),
        key: u.what,
      });
    }
    // One note per site whose permission verdict is unknown for a reason other than the Region
    // (region-unresolved reports that one).
    for (const a of analyzeSites(ctx)) {
      if (a.verdict.kind !== 'unknown' || !a.callRegion || a.site.passThrough || a.site.source === 'policy') continue;
      // Nothing is unresolved when the call cannot work at all: the model/Region rules say why.
      if ((a.ref.kind === 'model' && !a.ref.model) || (a.ref.kind === 'profile' && (!a.ref.profile || !a.ref.profile.sourceRegions.includes(a.ref.arnRegion ?? a.callRegion.value)))) continue;
      const reasons = [...new Set(a.verdict.reasons)].filter((r) => !/call region is unknown/.test(r));
      if (!reasons.length) continue;
      out.push({
        ruleId: 'template-unresolved',
        message: `whether ${a.role ? `role ${a.role.id}` : 'the principal'} may call ${a.site.model.value} could not be decided: ${reasons.slice(0, 3).join('; ')}`,
        loc: a.site.model.loc,
        ...(a.role ? { resource: a.role.id } : a.site.resource ? { resource: a.site.resource } : {}),
        key: `iam-unknown ${a.site.model.value}`,
      });
    }
    // Callers whose role is named by an ARN or name that is not in the inputs: permissions unknown.
    const noted = new Set<string>();
    for (const a of analyzeSites(ctx)) {
      const c = a.site.computeId ? ctx.deployment.compute.find((x) => x.id === a.site.computeId && x.file === a.site.file) ?? ctx.deployment.compute.find((x) => x.id === a.site.computeId) : undefined;
      if (!c || c.roleId || !c.roleRef || noted.has(`${c.file}|${c.id}`)) continue;
      noted.add(`${c.file}|${c.id}`);
      out.push({
        ruleId: 'template-unresolved',
        message: `${c.roleRef.unknown ? `the role of ${c.id} could not be resolved (${c.roleRef.unknown})` : `the role of ${c.id} (${c.roleRef.value}) is not in the inputs`}, so its permission to call ${a.site.model.value} was not checked; lint the stack that defines the role too, or name its policy in an \`invocations:\` entry`,
        loc: c.roleRef.loc,
        resource: c.id,
        key: `role-not-in-inputs ${c.id}`,
      });
    }
    out.push(...networkUnresolvedFindings(ctx));
    return out;
  },
};
