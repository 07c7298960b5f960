// JUnit XML for CI systems that chart test results: one <testsuite> per file, one <testcase> per
// finding. Errors and warnings are <failure>s; infos are passing test cases whose details go to
// <system-out>; suppressed findings are <skipped> with their reason. A checked file without
// findings (when the engine passes `checkedFiles`) is one passing test case, so clean files show up
// as passes. No timestamps or durations: the output is deterministic.
import type { Finding } from '../types.js';
import { normalizePath } from './summary.js';
import type { ReportInput } from './types.js';

export function formatJunit(input: ReportInput): string {
  const byFile = new Map<string, Finding[]>();
  for (const file of input.checkedFiles ?? []) byFile.set(normalizePath(file), []);
  for (const f of input.findings) {
    const key = normalizePath(f.file);
    const list = byFile.get(key);
    if (list) list.push(f);
    else byFile.set(key, [f]);
  }
  const errorsByFile = new Map<string, string[]>();
  for (const e of input.errors) {
    const key = normalizePath(e.file);
    errorsByFile.set(key, [...(errorsByFile.get(key) ?? []), e.message]);
    if (!byFile.has(key)) byFile.set(key, []);
  }

  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const file of [...byFile.keys()].sort()) {
    const findings = byFile.get(file)!;
    const loadErrors = errorsByFile.get(file) ?? [];
    const cases: string[] = [];
    let sFailures = 0;
    let sSkipped = 0;
    for (const f of findings) {
      const name = attr(`${f.ruleId} at ${f.line}:${f.column}`);
      const open = `    <testcase name="${name}" classname="${attr(file)}">`;
      if (f.suppressed) {
        sSkipped++;
        cases.push(`${open}\n      <skipped message="${attr(`suppressed: ${f.suppression?.reason ?? ''}`)}"/>\n    </testcase>`);
      } else if (f.severity === 'info') {
        cases.push(`${open}\n      <system-out>${text(details(f))}</system-out>\n    </testcase>`);
      } else {
        sFailures++;
        cases.push(
          `${open}\n      <failure message="${attr(f.message)}" type="${attr(f.severity)}">${text(details(f))}</failure>\n    </testcase>`,
        );
      }
    }
    for (const message of loadErrors) {
      cases.push(
        `    <testcase name="parse" classname="${attr(file)}">\n      <error message="${attr(message)}" type="parse-error">${text(`${file}: ${message}`)}</error>\n    </testcase>`,
      );
    }
    if (cases.length === 0) cases.push(`    <testcase name="bedrock-lint" classname="${attr(file)}"/>`);
    const sTests = cases.length;
    tests += sTests;
    failures += sFailures;
    errors += loadErrors.length;
    skipped += sSkipped;
    suites.push(
      `  <testsuite name="${attr(file)}" tests="${sTests}" failures="${sFailures}" errors="${loadErrors.length}" skipped="${sSkipped}">\n` +
        cases.join('\n') +
        '\n  </testsuite>',
    );
  }
  const head = `<testsuites name="bedrock-lint" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">`;
  const body = suites.length > 0 ? `${head}\n${suites.join('\n')}\n</testsuites>` : `${head}\n</testsuites>`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${body}\n`;
}

function details(f: Finding): string {
  const lines = [`${f.file}:${f.line}:${f.column}: ${f.severity}: ${f.message} [${f.ruleId}]`];
  if (f.resource !== undefined) lines.push(`resource: ${f.resource}`);
  if (f.trace.length > 0) lines.push(`via ${f.trace.join(' → ')}`);
  if (f.fix) lines.push(`fix: ${f.fix}`);
  return lines.join('\n');
}

// XML 1.0 allows only tab, LF, CR and U+0020..U+D7FF, U+E000..U+FFFD, U+10000..U+10FFFF;
// anything else (control characters, lone surrogates, U+FFFE/U+FFFF) becomes U+FFFD.
const INVALID_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(s: string): string {
  return text(s)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}
