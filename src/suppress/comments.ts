// Suppression comments in YAML templates (and any `#`-comment format):
//
//   # bedrock-lint-disable-next-line <id>[,<id>…] -- <reason>
//   # bedrock-lint-disable-file <id>[,<id>…] -- <reason>
//
// IDs are separated by commas and/or spaces; everything after the first "--" is the reason (rule
// IDs never contain "--"). No IDs means every rule. A comment must sit on its own line.
//
// "Next line" is the next line after the comment that is neither blank nor itself a comment, so a
// suppression can sit above other comments. It covers the findings whose location STARTS on that
// line (not findings whose span merely runs through it). Without the source text, only comment
// lines are skipped.
import type { Loc } from '../types.js';
import type { FileSuppression, NextLineSuppression } from './types.js';

export interface SourceComment {
  /** 1-based line of the comment. */
  line: number;
  /** 1-based column of the comment marker; default 1. */
  column?: number;
  /** The comment, with or without its leading `#` (or `//`). */
  text: string;
}

export interface CommentInput {
  file: string;
  comments: SourceComment[];
  /** The file's text: lets "next line" skip blank lines too. */
  source?: string;
}

const DIRECTIVE = /^bedrock-lint-disable-(next-line|file)(?=\s|$)([\s\S]*)$/;

export function parseSuppressionComments(input: CommentInput): (NextLineSuppression | FileSuppression)[] {
  const lines = input.source?.split(/\r?\n/);
  const commentLines = new Set(input.comments.map((c) => c.line));
  const out: (NextLineSuppression | FileSuppression)[] = [];
  for (const c of input.comments) {
    const body = c.text.trim().replace(/^(?:#+|\/\/+)\s*/, '');
    const m = DIRECTIVE.exec(body);
    if (!m) continue;
    const rest = m[2]!;
    const dash = rest.indexOf('--');
    const ids = (dash >= 0 ? rest.slice(0, dash) : rest).split(/[\s,]+/).filter((s) => s !== '');
    const reasonText = dash >= 0 ? rest.slice(dash + 2).trim() : '';
    const column = c.column ?? 1;
    const lineText = lines?.[c.line - 1];
    const loc: Loc = {
      file: input.file,
      line: c.line,
      column,
      endLine: c.line,
      endColumn: lineText !== undefined ? lineText.trimEnd().length + 1 : column + c.text.trimEnd().length,
    };
    const base = { kind: 'comment' as const, rules: ids, loc, ...(reasonText !== '' ? { reason: reasonText } : {}) };
    if (m[1] === 'file') out.push({ ...base, scope: 'file' });
    else out.push({ ...base, scope: 'next-line', targetLine: nextCodeLine(c.line, lines, commentLines) });
  }
  return out;
}

function nextCodeLine(line: number, lines: string[] | undefined, commentLines: Set<number>): number {
  if (!lines) {
    let n = line + 1;
    while (commentLines.has(n)) n++;
    return n;
  }
  for (let n = line + 1; n <= lines.length; n++) {
    const t = lines[n - 1]!.trim();
    if (t !== '' && !t.startsWith('#')) return n;
  }
  return line + 1;
}

/**
 * Full-line `#` comments of a YAML-like text, skipping the bodies of block scalars (`ZipFile: |`
 * code often holds `#` comments of its own). A trailing comment after a value is not returned.
 */
export function scanLineComments(source: string): SourceComment[] {
  const out: SourceComment[] = [];
  const lines = source.split(/\r?\n/);
  // Indentation a line must exceed to belong to the current block scalar; -1 outside one.
  let blockIndent = -1;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    const indent = line.length - line.trimStart().length;
    if (blockIndent >= 0) {
      if (trimmed === '' || indent > blockIndent) continue;
      blockIndent = -1;
    }
    if (trimmed.startsWith('#')) {
      out.push({ line: i + 1, column: indent + 1, text: trimmed });
      continue;
    }
    // `key: |`, `- |`, `key: >-2 # note`: the following more-indented lines are the scalar's text.
    if (/(?:^|:[ \t]+|^-[ \t]+|[ \t]-[ \t]+)[|>][1-9+-]{0,2}[ \t]*(?:#.*)?$/.test(trimmed)) {
      // The parent is the key after any "- " markers (`- key: |`), or the last "-" itself (`- |`).
      const prefix = /^[ \t]*(?:-[ \t]+)*/.exec(line)![0];
      blockIndent = /^[|>]/.test(line.slice(prefix.length)) ? prefix.lastIndexOf('-') : prefix.length;
    }
  }
  return out;
}
