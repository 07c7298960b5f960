// GitHub Actions workflow commands: one annotation per unsuppressed finding.
//   ::error file=template.yaml,line=42,col=11,endLine=42,endColumn=31,title=iam-unknown-action::<message>
// warning → ::warning, info → ::notice. The fix, when there is one, follows the message on its own
// line. Paths are relative to the repository root (GitHub resolves them against the workspace).
import type { Finding, Severity } from '../types.js';
import { normalizePath, pathFromRoot, unreportedErrors, visibleFindings } from './summary.js';
import type { ReportInput, ReportOptions } from './types.js';

/** Escaping for the message part (GitHub's `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping for property values (GitHub's `escapeProperty`): also `:` and `,`. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(input: ReportInput, opts: ReportOptions = {}): string {
  const root = opts.repoRoot ?? input.cwd;
  const path = (file: string) => pathFromRoot(file, input.cwd, root) ?? normalizePath(file);
  const lines = visibleFindings(input.findings, opts.quiet).map((f) => annotation(f, path(f.file)));
  for (const e of unreportedErrors(input)) {
    lines.push(`::error file=${escapeProperty(path(e.file))},title=parse-error::${escapeData(e.message)}`);
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

function annotation(f: Finding, file: string): string {
  const props = [
    `file=${escapeProperty(file)}`,
    `line=${f.line}`,
    `col=${f.column}`,
    `endLine=${f.endLine}`,
    `endColumn=${f.endColumn}`,
    `title=${escapeProperty(f.ruleId)}`,
  ].join(',');
  const message = f.fix ? `${f.message}\nfix: ${f.fix}` : f.message;
  return `::${command(f.severity)} ${props}::${escapeData(message)}`;
}

function command(s: Severity): string {
  return s === 'info' ? 'notice' : s;
}
