// The SPEC §7 JSON report. Keys are written in a fixed order so output is byte-stable; optional
// fields (resource, stack, fix, suppression) are absent rather than null when unset. The internal
// baseline key is not part of the JSON contract (SPEC §7).
import type { Finding } from '../types.js';
import { summarize } from './summary.js';
import type { DataDates, ReportInput } from './types.js';

export function formatJson(input: ReportInput): string {
  const s = summarize(input);
  const report = {
    tool: { name: 'bedrock-lint', version: input.version, data: orderedData(input.data) },
    findings: input.findings.map(jsonFinding),
    errors: input.errors.map((e) => ({ file: e.file, message: e.message })),
    summary: { files: s.files, errors: s.errors, warnings: s.warnings, infos: s.infos, suppressed: s.suppressed },
  };
  return JSON.stringify(report, null, 2) + '\n';
}

function jsonFinding(f: Finding): Record<string, unknown> {
  const o: Record<string, unknown> = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    file: f.file,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
  };
  if (f.resource !== undefined) o.resource = f.resource;
  if (f.stack !== undefined) o.stack = f.stack;
  o.trace = [...f.trace];
  if (f.fix !== undefined) o.fix = f.fix;
  o.suppressed = f.suppressed;
  if (f.suppression) o.suppression = { kind: f.suppression.kind, reason: f.suppression.reason };
  return o;
}

/** models, iam, managedPolicies first, then any other dates by name. */
export function orderedData(data: DataDates): Record<string, string> {
  const out: Record<string, string> = { models: data.models, iam: data.iam, managedPolicies: data.managedPolicies };
  for (const k of Object.keys(data).sort()) if (!Object.hasOwn(out, k)) out[k] = data[k]!;
  return out;
}
