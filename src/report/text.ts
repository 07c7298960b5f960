// Human output in actionlint style: a located header line, the source line with the span underlined,
// the evidence chain and the fix, then one summary line.
//
//   template.yaml:42:11: error: <message> [iam-unknown-action]
//      |
//   42 |         - bedrock:InvokeModels
//      |           ^~~~~~~~~~~~~~~~~~~~
//      = via ImageFn (AWS::Lambda::Function) → ImageFnRole → policy ImageFnRolePolicy
//      = fix: <fix>
//   1 error, 0 warnings in 1 file (3 files checked)
//
// Summary wording: "N error(s), N warning(s)", then ", N info(s)" only when there are infos, then
// " in N file(s)" (files holding a shown finding), then "(N file(s) checked)", with ", N suppressed"
// inside the parentheses only when findings were suppressed. Suppressed findings are never printed.
// `quiet` prints error findings only, and prints nothing at all (not even the summary) when there
// are no errors, so a clean pre-commit run is silent.
import pc from 'picocolors';
import type { Finding, Severity } from '../types.js';
import { plural, summarize, unreportedErrors, visibleFindings } from './summary.js';
import type { ReportInput, ReportOptions } from './types.js';

type Colors = ReturnType<typeof pc.createColors>;

export function formatText(input: ReportInput, opts: ReportOptions = {}): string {
  const c = pc.createColors(opts.color ?? false);
  const source = sourceLines(opts.readSource);
  const out: string[] = [];
  for (const f of visibleFindings(input.findings, opts.quiet)) out.push(...findingBlock(f, c, source));
  for (const e of unreportedErrors(input)) out.push(`${c.bold(`${e.file}:`)} ${c.red('error')}: ${e.message}`);

  const s = summarize(input);
  if (opts.quiet && s.errors === 0 && out.length === 0) return '';
  const infos = s.infos > 0 ? `, ${plural(s.infos, 'info')}` : '';
  const suppressed = s.suppressed > 0 ? `, ${s.suppressed} suppressed` : '';
  out.push(
    `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}${infos} in ${plural(s.filesWithFindings, 'file')}` +
      ` (${plural(s.files, 'file')} checked${suppressed})`,
  );
  return out.join('\n') + '\n';
}

const MAX_SNIPPET = 160;

function findingBlock(f: Finding, c: Colors, source: (file: string) => string[] | undefined): string[] {
  const paint = severityColor(f.severity, c);
  const lines = [`${c.bold(`${f.file}:${f.line}:${f.column}:`)} ${paint(f.severity)}: ${f.message} ${c.gray(`[${f.ruleId}]`)}`];
  const width = String(f.line).length;
  const blank = ' '.repeat(width);
  let text = source(f.file)?.[f.line - 1];
  let shift = 0;
  if (text !== undefined && text.length > MAX_SNIPPET) {
    // Very long lines (minified JSON, a 10,000-character prompt): show a window around the column.
    const start = Math.max(0, Math.min(f.column - 1 - 20, text.length - MAX_SNIPPET));
    const cut = text.slice(start, start + MAX_SNIPPET);
    text = `${start > 0 ? '…' : ''}${cut}${start + MAX_SNIPPET < text.length ? '…' : ''}`;
    shift = start - (start > 0 ? 1 : 0);
  }
  if (text !== undefined) {
    const column = Math.min(Math.max(f.column - shift, 1), text.length + 1);
    // Underline the span on its first line; a span running onto later lines is underlined to the line end.
    const end = f.endLine === f.line ? f.endColumn - shift : text.length + 1;
    const length = Math.max(1, Math.min(end, text.length + 1) - column);
    // Keep tabs from the source so the caret lines up with the code whatever the tab width.
    const pad = text.slice(0, column - 1).replace(/[^\t]/g, ' ');
    lines.push(`${blank} |`, `${f.line} | ${text}`, `${blank} | ${pad}${paint('^' + '~'.repeat(length - 1))}`);
  }
  if (f.trace.length > 0) lines.push(`${blank} = via ${f.trace.join(' → ')}`);
  if (f.fix) lines.push(`${blank} = fix: ${f.fix}`);
  return lines;
}

function severityColor(severity: Severity, c: Colors): (s: string) => string {
  return severity === 'error' ? c.red : severity === 'warning' ? c.yellow : c.blue;
}

/** Per-report cache of source lines; a reader that throws or returns nothing gives no snippet. */
function sourceLines(read: ReportOptions['readSource']): (file: string) => string[] | undefined {
  const cache = new Map<string, string[] | undefined>();
  return (file) => {
    if (!read) return undefined;
    if (cache.has(file)) return cache.get(file);
    let lines: string[] | undefined;
    try {
      const text = read(file);
      lines = typeof text === 'string' ? text.split(/\r?\n/) : undefined;
    } catch {
      lines = undefined;
    }
    cache.set(file, lines);
    return lines;
  };
}
