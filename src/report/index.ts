// Output formats. Every formatter is a pure function of the report input and returns the whole
// report as one string ending in a newline (or the empty string when there is nothing to print:
// github with no findings, text with --quiet and no errors).
//
// `quiet` applies to the human and annotation formats (text, github). The machine formats (json,
// sarif, junit) always carry every finding, suppressed ones included, so tools downstream can
// filter them; `color` and `readSource` are text-only.
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';
import type { ReportFormat, ReportInput, ReportOptions } from './types.js';

export { colorEnabled, type ColorContext } from './color.js';
export { diskSourceReader } from './source.js';
export { summarize, type Summary } from './summary.js';
export { REPORT_FORMATS } from './types.js';
export type { DataDates, ReportError, ReportFormat, ReportInput, ReportOptions } from './types.js';
export { formatGithub, formatJson, formatJunit, formatSarif, formatText };

export function formatReport(format: ReportFormat, input: ReportInput, opts: ReportOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(input, opts);
    case 'json':
      return formatJson(input);
    case 'sarif':
      return formatSarif(input, opts);
    case 'github':
      return formatGithub(input, opts);
    case 'junit':
      return formatJunit(input);
  }
}
