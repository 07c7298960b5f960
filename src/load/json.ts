// Strict RFC 8259 JSON parser that builds the located Node tree directly.
// Hand-written because no JSON library gives positions, duplicate keys and `__proto__` safety at
// JSON.parse-like speed (see dependencies.md §2). Lines end at "\n" ("\r\n" counts once);
// columns are 1-based UTF-16 code units, end positions exclusive (see node.ts).

import type { LoadError, Loc, MapEntry, Node } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import { BudgetError, checkFileSize, defaultBudget, type Budget } from './budget.js';

export interface JsonLoadResult {
  /** undefined for an empty (whitespace-only) file or a syntax error. */
  root: Node | undefined;
  /** Syntax errors (parsing stops at the first) and duplicate keys (parsing goes on). */
  errors: LoadError[];
}

/**
 * Parses JSON text. A leading byte order mark is skipped. Throws BudgetError when the text is
 * larger than `budget.maxFileSize` or nests deeper than `budget.maxDepth`; every other problem is
 * returned in `errors`.
 */
export function parseJson(text: string, file: string, budget: Budget = defaultBudget): JsonLoadResult {
  checkFileSize(text, file, budget);
  // U+FFFF marks unknown parts of strings downstream; a literal one in the input must not.
  if (text.includes(UNKNOWN_MARK)) text = text.replaceAll(UNKNOWN_MARK, REPLACEMENT);
  const parser = new JsonParser(text, file, budget.maxDepth);
  try {
    return { root: parser.parseDocument(), errors: parser.errors };
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      return { root: undefined, errors: [...parser.errors, { file, message: e.message, loc: e.loc }] };
    }
    throw e;
  }
}

const REPLACEMENT = '\uFFFD';

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly loc: Loc,
  ) {
    super(message);
  }
}

const enum Ch {
  Tab = 0x09,
  Newline = 0x0a,
  Return = 0x0d,
  Space = 0x20,
  Quote = 0x22,
  Plus = 0x2b,
  Comma = 0x2c,
  Minus = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Zero = 0x30,
  Nine = 0x39,
  Colon = 0x3a,
  UpperE = 0x45,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  LowerE = 0x65,
  OpenBrace = 0x7b,
  CloseBrace = 0x7d,
}

/** Below this many keys a linear scan finds duplicates faster than building a Map. */
const LINEAR_DUPLICATE_SCAN = 16;

class JsonParser {
  readonly errors: LoadError[] = [];
  private pos = 0;
  private line = 1;
  /** Offset of the first character of the current line. */
  private lineStart = 0;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly maxDepth: number,
  ) {
    if (text.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
      this.lineStart = 1;
    }
  }

  parseDocument(): Node | undefined {
    this.skipWhitespace();
    if (this.pos >= this.text.length) return undefined;
    const root = this.parseValue(0);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail(`unexpected ${this.describeHere()} after the JSON value`);
    return root;
  }

  private parseValue(depth: number): Node {
    const c = this.text.charCodeAt(this.pos);
    if (c === Ch.Quote) {
      const line = this.line;
      const column = this.pos - this.lineStart + 1;
      const value = this.parseString();
      return { kind: 'scalar', value, quoted: true, loc: this.locFrom(line, column) };
    }
    if (c === Ch.OpenBrace) return this.parseObject(depth + 1);
    if (c === Ch.OpenBracket) return this.parseArray(depth + 1);
    if (c === Ch.Minus || (c >= Ch.Zero && c <= Ch.Nine)) return this.parseNumber();
    if (c === 0x74 /* t */) return this.parseLiteral('true', true);
    if (c === 0x66 /* f */) return this.parseLiteral('false', false);
    if (c === 0x6e /* n */) return this.parseLiteral('null', null);
    this.fail(`expected a JSON value but found ${this.describeHere()}`);
  }

  private parseObject(depth: number): Node {
    const line = this.line;
    const column = this.pos - this.lineStart + 1;
    if (depth > this.maxDepth) this.tooDeep(line, column);
    this.pos++; // {
    const entries: MapEntry[] = [];
    let index: Map<string, MapEntry> | undefined;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Ch.CloseBrace) {
      this.pos++;
      return { kind: 'map', entries, loc: this.locFrom(line, column) };
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== Ch.Quote) {
        this.fail(`expected a double-quoted property name but found ${this.describeHere()}`);
      }
      const keyLine = this.line;
      const keyColumn = this.pos - this.lineStart + 1;
      const key = this.parseString();
      const keyLoc = this.locFrom(keyLine, keyColumn);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== Ch.Colon) this.fail(`expected ':' after property name but found ${this.describeHere()}`);
      this.pos++;
      this.skipWhitespace();
      const value = this.parseValue(depth);
      const entry: MapEntry = { key, keyLoc, value };

      let first: MapEntry | undefined;
      if (index) first = index.get(key);
      else for (const e of entries) if (e.key === key) { first = e; break; }
      if (first) {
        this.errors.push({
          file: this.file,
          message: `duplicate key "${key}" (first defined at line ${first.keyLoc.line}, column ${first.keyLoc.column})`,
          loc: keyLoc,
        });
      } else {
        entries.push(entry);
        if (index) index.set(key, entry);
        else if (entries.length >= LINEAR_DUPLICATE_SCAN) index = new Map(entries.map((e) => [e.key, e]));
      }

      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === Ch.Comma) {
        this.pos++;
        this.skipWhitespace();
        if (this.text.charCodeAt(this.pos) === Ch.CloseBrace) this.fail(`trailing comma before '}'`);
        continue;
      }
      if (c === Ch.CloseBrace) {
        this.pos++;
        return { kind: 'map', entries, loc: this.locFrom(line, column) };
      }
      this.fail(`expected ',' or '}' after property value but found ${this.describeHere()}`);
    }
  }

  private parseArray(depth: number): Node {
    const line = this.line;
    const column = this.pos - this.lineStart + 1;
    if (depth > this.maxDepth) this.tooDeep(line, column);
    this.pos++; // [
    const items: Node[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === Ch.CloseBracket) {
      this.pos++;
      return { kind: 'seq', items, loc: this.locFrom(line, column) };
    }
    for (;;) {
      items.push(this.parseValue(depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === Ch.Comma) {
        this.pos++;
        this.skipWhitespace();
        if (this.text.charCodeAt(this.pos) === Ch.CloseBracket) this.fail(`trailing comma before ']'`);
        continue;
      }
      if (c === Ch.CloseBracket) {
        this.pos++;
        return { kind: 'seq', items, loc: this.locFrom(line, column) };
      }
      this.fail(`expected ',' or ']' after array element but found ${this.describeHere()}`);
    }
  }

  /** Reads a string starting at the opening quote; leaves `pos` after the closing quote. */
  private parseString(): string {
    const text = this.text;
    const start = this.pos + 1;
    let i = start;
    const length = text.length;
    // Fast path: no escapes.
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) {
        this.pos = i + 1;
        return text.slice(start, i);
      }
      if (c === Ch.Backslash) return this.parseEscapedString(start, i);
      if (c < Ch.Space) this.failAt(i, controlCharMessage(c));
      i++;
    }
    this.failAt(this.pos, 'unterminated string');
  }

  private parseEscapedString(start: number, firstEscape: number): string {
    const text = this.text;
    const length = text.length;
    let out = text.slice(start, firstEscape);
    let i = firstEscape;
    let chunkStart = i;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c === Ch.Quote) {
        this.pos = i + 1;
        return out + text.slice(chunkStart, i);
      }
      if (c < Ch.Space) this.failAt(i, controlCharMessage(c));
      if (c !== Ch.Backslash) {
        i++;
        continue;
      }
      out += text.slice(chunkStart, i);
      const e = text.charCodeAt(i + 1);
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x62: out += '\b'; break;
        case 0x66: out += '\f'; break;
        case 0x6e: out += '\n'; break;
        case 0x72: out += '\r'; break;
        case 0x74: out += '\t'; break;
        case 0x75: {
          const hex = text.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.failAt(i, `invalid unicode escape \\u${hex}`);
          const code = parseInt(hex, 16);
          out += code === 0xffff ? REPLACEMENT : String.fromCharCode(code);
          i += 6;
          chunkStart = i;
          continue;
        }
        default:
          if (i + 1 >= length) this.failAt(this.pos, 'unterminated string');
          this.failAt(i, `invalid escape \\${text[i + 1]}`);
      }
      i += 2;
      chunkStart = i;
    }
    this.failAt(this.pos, 'unterminated string');
  }

  private parseNumber(): Node {
    const text = this.text;
    const line = this.line;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === Ch.Minus) i++;
    let c = text.charCodeAt(i);
    if (c === Ch.Zero) {
      i++;
    } else if (c >= 0x31 && c <= Ch.Nine) {
      do i++;
      while (isDigit(text.charCodeAt(i)));
    } else {
      this.failAt(start, 'invalid number: expected a digit');
    }
    c = text.charCodeAt(i);
    if (c === Ch.Dot) {
      i++;
      if (!isDigit(text.charCodeAt(i))) this.failAt(start, 'invalid number: expected a digit after the decimal point');
      do i++;
      while (isDigit(text.charCodeAt(i)));
      c = text.charCodeAt(i);
    }
    if (c === Ch.LowerE || c === Ch.UpperE) {
      i++;
      c = text.charCodeAt(i);
      if (c === Ch.Plus || c === Ch.Minus) i++;
      if (!isDigit(text.charCodeAt(i))) this.failAt(start, 'invalid number: expected a digit in the exponent');
      do i++;
      while (isDigit(text.charCodeAt(i)));
    }
    if (isDigit(text.charCodeAt(i)) && text.charCodeAt(start + (text.charCodeAt(start) === Ch.Minus ? 1 : 0)) === Ch.Zero) {
      this.failAt(start, 'invalid number: leading zeros are not allowed');
    }
    this.pos = i;
    return { kind: 'scalar', value: Number(text.slice(start, i)), loc: this.locFrom(line, start - this.lineStart + 1) };
  }

  private parseLiteral(word: string, value: boolean | null): Node {
    const line = this.line;
    const start = this.pos;
    if (!this.text.startsWith(word, start) || isWordChar(this.text.charCodeAt(start + word.length))) {
      this.fail(`expected a JSON value but found ${this.describeHere()}`);
    }
    this.pos = start + word.length;
    return { kind: 'scalar', value, loc: this.locFrom(line, start - this.lineStart + 1) };
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.Return) i++;
      else if (c === Ch.Newline) {
        i++;
        this.line++;
        this.lineStart = i;
      } else break;
    }
    this.pos = i;
  }

  /** Location from a start position to the current position. Values never span lines except collections. */
  private locFrom(line: number, column: number): Loc {
    return { file: this.file, line, column, endLine: this.line, endColumn: this.pos - this.lineStart + 1 };
  }

  private describeHere(): string {
    if (this.pos >= this.text.length) return 'end of input';
    const c = this.text.charCodeAt(this.pos);
    if (c === Ch.Slash && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) {
      return 'a comment (comments are not allowed in JSON)';
    }
    const ch = String.fromCodePoint(this.text.codePointAt(this.pos) ?? c);
    return c < Ch.Space ? `character U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
  }

  private tooDeep(line: number, column: number): never {
    throw new BudgetError('depth', `nesting deeper than ${this.maxDepth} levels`, {
      file: this.file, line, column, endLine: line, endColumn: column + 1,
    });
  }

  private fail(message: string): never {
    this.failAt(this.pos, message);
  }

  /** Fails at `offset`, which must be on the current line (strings and numbers never span lines). */
  private failAt(offset: number, message: string): never {
    const column = offset - this.lineStart + 1;
    // One character wide, or empty at the end of the input.
    const endColumn = offset < this.text.length ? column + 1 : column;
    throw new JsonSyntaxError(message, { file: this.file, line: this.line, column, endLine: this.line, endColumn });
  }
}

function isDigit(c: number): boolean {
  return c >= Ch.Zero && c <= Ch.Nine;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === 0x5f;
}

function controlCharMessage(c: number): string {
  if (c === Ch.Newline || c === Ch.Return) return 'unterminated string (a line break inside a string must be written as \\n)';
  const hex = c.toString(16).toUpperCase().padStart(4, '0');
  return `control character U+${hex} inside a string (write it as \\u${hex})`;
}
