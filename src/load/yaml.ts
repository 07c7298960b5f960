// YAML loader: the `yaml` package's AST (YAML 1.2 core schema, forced even under `%YAML 1.1`),
// walked into the located Node tree. CloudFormation short-form tags are registered as pass-through
// tags and expanded here into their long form (`!Sub x` → `{ "Fn::Sub": x }`), so child positions
// survive. Aliases are expanded by this walker, counted against the budget (yaml's own
// maxAliasCount only guards toJS). Positions follow node.ts: 1-based, exclusive end.
//
// Multi-document streams: the first document with content is the template; any further
// document with content is a LoadError (CloudFormation reads exactly one). Empty documents
// (e.g. after a trailing `---`) are ignored.

import { Composer, isAlias, isMap, isPair, isScalar, isSeq, LineCounter, Parser } from 'yaml';
import type { CST, CollectionTag, ParsedNode, Range, Scalar, ScalarTag, YAMLMap, YAMLSeq } from 'yaml';
import type { LoadError, Loc, MapEntry, Node } from '../types.js';
import { UNKNOWN_MARK } from '../types.js';
import { BudgetError, checkFileSize, defaultBudget, type Budget } from './budget.js';

export interface YamlComment {
  line: number;
  column: number;
  /** The comment without its `#`, trimmed. */
  text: string;
}

export interface YamlLoadResult {
  /** The document's tree; undefined for an empty document. Best effort when `errors` is not empty. */
  root: Node | undefined;
  /** Syntax errors, duplicate keys, unknown aliases, extra documents: the file is unusable. */
  errors: LoadError[];
  /** Every `#` comment in the file (block scalars and quoted strings excluded), in source order. */
  comments: YamlComment[];
}

/** CloudFormation short-form tags. Tags not listed still become `Fn::<Name>` (yaml warns, we do not). */
const CFN_TAG_NAMES = [
  'Ref', 'Condition', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'ImportValue',
  'Base64', 'Cidr', 'GetAZs', 'Equals', 'And', 'Or', 'Not', 'Transform', 'Length', 'ToJsonString',
  'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll', 'ForEach',
];

const CFN_TAGS: (ScalarTag | CollectionTag)[] = CFN_TAG_NAMES.flatMap((name) => [
  { tag: `!${name}`, resolve: (s: string) => s },
  { tag: `!${name}`, collection: 'seq', resolve: (v: unknown) => v },
  { tag: `!${name}`, collection: 'map', resolve: (v: unknown) => v },
] as (ScalarTag | CollectionTag)[]);

const COMPOSER_OPTIONS = {
  version: '1.2',
  // Forced so a `%YAML 1.1` directive cannot bring back `yes` → true, dates, sexagesimals.
  schema: 'core',
  resolveKnownTags: false,
  customTags: CFN_TAGS,
  uniqueKeys: false, // the walker reports duplicates with both locations
  merge: false,
} as const;

/**
 * Parses YAML text. Throws BudgetError when the text is too large, nests too deep or expands too
 * many aliases; every other problem is returned in `errors`. Never throws on malformed input.
 */
export function parseYaml(text: string, file: string, budget: Budget = defaultBudget): YamlLoadResult {
  const first = parseYamlStrict(text, file, budget);
  if (first.errors.length === 0) return first;
  // CloudFormation (like PyYAML, which cfn-lint uses) accepts a multi-line quoted scalar whose
  // continuation lines are not indented past its key. Re-indent those lines and try once more;
  // only a fully clean re-parse is accepted. Lines keep their numbers.
  const repaired = reindentQuotedContinuations(text);
  if (repaired === text) return first;
  const second = parseYamlStrict(repaired, file, budget);
  return second.errors.length === 0 ? second : first;
}

/** Indents continuation lines of a quoted scalar that starts after `key: "` to the key's indent + 2. */
export function reindentQuotedContinuations(text: string): string {
  const lines = text.split('\n');
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(?:- )?[^\s#'"][^:#]*:\s+(["'])(.*)$/.exec(lines[i]!);
    if (!m) continue;
    const quote = m[2]!;
    if (closes(m[3]!, quote)) continue;
    const indent = m[1]!.length;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j]!;
      const lead = line.length - line.trimStart().length;
      if (line.trim() !== '' && lead <= indent) {
        lines[j] = ' '.repeat(indent + 2 - lead) + line;
        changed = true;
      }
      if (closes(line, quote)) {
        i = j;
        break;
      }
    }
  }
  return changed ? lines.join('\n') : text;
}

/** Does this piece of a quoted scalar contain its closing quote? */
function closes(rest: string, quote: string): boolean {
  if (quote === "'") return /(^|[^'])'(''|[^'])*$/.test(rest.replace(/''/g, '')) && rest.replace(/''/g, '').includes("'");
  for (let k = 0; k < rest.length; k++) {
    if (rest[k] === '\\') k++;
    else if (rest[k] === '"') return true;
  }
  return false;
}

function parseYamlStrict(text: string, file: string, budget: Budget): YamlLoadResult {
  checkFileSize(text, file, budget);
  // U+FFFF marks unknown parts of strings downstream; a literal one in the input must not.
  if (text.includes(UNKNOWN_MARK)) text = text.replaceAll(UNKNOWN_MARK, REPLACEMENT);

  const lineCounter = new LineCounter();
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ ...COMPOSER_OPTIONS });
  const commentTokens: CST.SourceToken[] = [];
  const tokens = text.includes('#') ? tapComments(parser.parse(text), commentTokens) : parser.parse(text);
  const docs = [...composer.compose(tokens, true, text.length)];

  const at = new Locator(text, file, lineCounter);
  const errors: LoadError[] = [];
  const unterminated = new Map<number, LoadError>();
  for (const doc of docs) {
    for (const err of doc.errors) {
      if (err.code === 'RESOURCE_EXHAUSTION') {
        throw new BudgetError('depth', `nesting too deep to parse (${err.message})`, at.loc(err.pos[0], err.pos[1]));
      }
      const error: LoadError = { file, message: describeYamlError(err.code, err.message), loc: at.loc(err.pos[0], err.pos[1]) };
      if (err.code === 'MISSING_CHAR' && /quote/.test(err.message)) unterminated.set(err.pos[0], error);
      errors.push(error);
    }
  }

  const withContent = docs.filter((doc) => hasContent(doc.contents));
  for (const extra of withContent.slice(1)) {
    const range = extra.contents?.range ?? extra.range;
    errors.push({
      file,
      message: 'more than one YAML document with content; a CloudFormation template is a single document',
      loc: at.loc(range[0], range[0] + 1),
    });
  }

  let root: Node | undefined;
  const first = withContent[0];
  if (first) {
    const walker = new Walker(at, budget, errors, unterminated);
    root = walker.walk(first.contents, 0);
  }

  commentTokens.sort((a, b) => a.offset - b.offset);
  const comments = commentTokens.map((token) => {
    const pos = lineCounter.linePos(token.offset);
    return { line: pos.line, column: pos.col, text: token.source.replace(/^#/, '').trim() };
  });
  return { root, errors, comments };
}

const REPLACEMENT = '\uFFFD';

/** A double-quoted "\uFFFF" escape can still produce the mark after the text-level replacement. */
function withoutMark(s: string): string {
  return s.includes(UNKNOWN_MARK) ? s.replaceAll(UNKNOWN_MARK, REPLACEMENT) : s;
}

function describeYamlError(code: string, message: string): string {
  if (code === 'MISSING_CHAR') {
    if (message.includes('"quote')) return 'unterminated double-quoted string';
    if (message.includes("'quote")) return 'unterminated single-quoted string';
  }
  if (code === 'MULTIPLE_TAGS') return 'a node can have at most one tag (nest the second function in long form, e.g. !Base64 { "Fn::Sub": … })';
  return message;
}

function hasContent(node: ParsedNode | null): boolean {
  if (node === null) return false;
  // An empty document (`---` alone) composes to an untagged, empty plain scalar.
  return !(isScalar(node) && node.value === null && node.source === '' && !node.tag && !node.anchor);
}

/** Passes CST tokens through to the composer, noting every comment token on the way. */
function* tapComments(tokens: Iterable<CST.Token>, out: CST.SourceToken[]): Generator<CST.Token> {
  for (const token of tokens) {
    collectComments(token, out);
    yield token;
  }
}

function collectComments(token: CST.Token, out: CST.SourceToken[]): void {
  // Explicit stack: CST depth follows document depth, which is only bounded later.
  const stack: (CST.Token | CST.SourceToken[] | undefined | null)[] = [token];
  while (stack.length > 0) {
    const t = stack.pop();
    if (!t) continue;
    if (Array.isArray(t)) {
      for (const s of t) if (s.type === 'comment') out.push(s);
      continue;
    }
    switch (t.type) {
      case 'comment':
        out.push(t);
        break;
      case 'document':
        stack.push(t.start, t.value, t.end);
        break;
      case 'doc-end':
      case 'alias':
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        stack.push(t.end);
        break;
      case 'block-scalar':
        stack.push(...(t.props as (CST.Token | undefined)[]));
        break;
      case 'flow-collection':
        stack.push(t.end);
        for (const item of t.items) stack.push(item.start, item.key, item.sep, item.value);
        break;
      case 'block-map':
      case 'block-seq':
        for (const item of t.items) stack.push(item.start, item.key, item.sep, item.value);
        break;
      default:
        break;
    }
  }
}

/** Offsets → located positions. */
class Locator {
  constructor(
    readonly text: string,
    readonly file: string,
    private readonly lineCounter: LineCounter,
  ) {}

  loc(start: number, end: number): Loc {
    const a = this.lineCounter.linePos(Math.min(start, this.text.length));
    const b = this.lineCounter.linePos(Math.min(Math.max(end, start), this.text.length));
    return { file: this.file, line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  /** End offset with trailing whitespace and line breaks removed (block scalars include them). */
  trimEnd(start: number, end: number): number {
    while (end > start && isSpaceOrBreak(this.text.charCodeAt(end - 1))) end--;
    return end;
  }
}

function isSpaceOrBreak(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

type YamlNode = ParsedNode | CST.Token | null | undefined | unknown;

interface Built {
  node: Node;
  /** Offsets of the node's text (for tag wrapping and collection ends). */
  start: number;
  end: number;
}

class Walker {
  private aliasCount = 0;
  private expansionNodes = 0;
  /** > 0 while expanding an alias: nodes produced there count against maxAliasExpansion. */
  private expanding = 0;
  private readonly anchors = new Map<string, unknown>();
  /** Anchored collections being walked: an alias to one of them would be a cycle. */
  private readonly open = new Set<unknown>();

  constructor(
    private readonly at: Locator,
    private readonly budget: Budget,
    private readonly errors: LoadError[],
    private readonly unterminated: Map<number, LoadError>,
  ) {}

  walk(node: YamlNode, depth: number): Node {
    return this.build(node, depth, 0).node;
  }

  private build(node: YamlNode, depth: number, fallbackOffset: number): Built {
    if (this.expanding > 0 && ++this.expansionNodes > this.budget.maxAliasExpansion) {
      throw new BudgetError('aliases', `alias expansion produced more than ${this.budget.maxAliasExpansion} nodes`, this.locOf(node, fallbackOffset));
    }
    if (isAlias(node)) return this.expandAlias(node.source, node.range as Range, depth);

    const anchor = (node as { anchor?: string } | null)?.anchor;
    if (anchor && this.expanding === 0) this.anchors.set(anchor, node);

    let built: Built;
    if (isScalar(node)) built = this.buildScalar(node);
    else if (isMap(node) || isSeq(node)) {
      if (depth >= this.budget.maxDepth) {
        throw new BudgetError('depth', `nesting deeper than ${this.budget.maxDepth} levels`, this.locOf(node, fallbackOffset));
      }
      if (anchor) this.open.add(node);
      built = isMap(node) ? this.buildMap(node, depth + 1) : this.buildSeq(node, depth + 1);
      if (anchor) this.open.delete(node);
    } else {
      built = { node: { kind: 'scalar', value: null, loc: this.at.loc(fallbackOffset, fallbackOffset) }, start: fallbackOffset, end: fallbackOffset };
    }

    const tag = (node as { tag?: string } | null)?.tag;
    if (tag && tag.startsWith('!') && !tag.startsWith('!!') && tag.length > 1) return this.wrapTag(tag.slice(1), built);
    return built;
  }

  private expandAlias(name: string, range: Range, depth: number): Built {
    const loc = this.at.loc(range[0], range[1]);
    if (++this.aliasCount > this.budget.maxAliases) {
      throw new BudgetError('aliases', `more than ${this.budget.maxAliases} YAML alias resolutions (an alias bomb?)`, loc);
    }
    const target = this.anchors.get(name);
    const missing = target === undefined ? `unknown alias *${name} (no anchor &${name} before it)` : this.open.has(target) ? `alias *${name} refers to a node that contains it` : undefined;
    if (missing) {
      this.errors.push({ file: this.at.file, message: missing, loc });
      return { node: { kind: 'scalar', value: null, loc }, start: range[0], end: range[1] };
    }
    // The expansion keeps the anchored node's own positions: they point at the text that holds the value.
    this.expanding++;
    try {
      const built = this.build(target, depth, range[0]);
      return { node: built.node, start: range[0], end: range[1] };
    } finally {
      this.expanding--;
    }
  }

  private buildScalar(node: Scalar): Built {
    const range = node.range ?? [0, 0, 0];
    const end = this.at.trimEnd(range[0], range[1]);
    const loc = this.at.loc(range[0], end);
    const raw = node.value;
    let value: string | number | boolean | null;
    if (typeof raw === 'string') value = withoutMark(raw);
    else if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) value = raw;
    else value = node.source ?? String(raw);
    const quoted = node.type !== undefined && node.type !== 'PLAIN';
    if (quoted && this.unterminated.has(range[1])) {
      // Point the "unterminated string" error at the opening quote rather than the end of the file.
      const error = this.unterminated.get(range[1]);
      if (error) error.loc = this.at.loc(range[0], range[0] + 1);
    }
    const scalar: Node = quoted ? { kind: 'scalar', value, quoted: true, loc } : { kind: 'scalar', value, loc };
    return { node: scalar, start: range[0], end };
  }

  private buildMap(node: YAMLMap, depth: number): Built {
    const range = node.range ?? [0, 0, 0];
    const entries: MapEntry[] = [];
    let byKey: Map<string, MapEntry> | undefined;
    let lastEnd = range[0];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YamlNode;
      const keyRange = (keyNode as { range?: Range } | null)?.range ?? [lastEnd, lastEnd, lastEnd];
      const keyLoc = this.at.loc(keyRange[0], this.at.trimEnd(keyRange[0], keyRange[1]));
      let key: string | undefined;
      if (isScalar(keyNode)) {
        const v = keyNode.value;
        key = typeof v === 'string' ? withoutMark(v) : keyNode.source !== undefined && keyNode.source !== '' ? keyNode.source : String(v);
      } else if (keyNode === null || keyNode === undefined) {
        key = '';
      } else {
        this.errors.push({ file: this.at.file, message: 'only plain scalar mapping keys are supported (found a collection or alias as a key)', loc: keyLoc });
      }
      const valueBuilt = this.build(pair.value as YamlNode, depth, keyRange[1]);
      lastEnd = Math.max(valueBuilt.end, keyRange[1]);
      if (key === undefined) continue;
      let first: MapEntry | undefined;
      if (byKey) first = byKey.get(key);
      else for (const e of entries) if (e.key === key) { first = e; break; }
      if (first) {
        this.errors.push({
          file: this.at.file,
          message: `duplicate key "${key}" (first defined at line ${first.keyLoc.line}, column ${first.keyLoc.column})`,
          loc: keyLoc,
        });
        continue;
      }
      const entry: MapEntry = { key, keyLoc, value: valueBuilt.node };
      entries.push(entry);
      // Small maps find duplicates by a linear scan; large ones switch to an index.
      if (byKey) byKey.set(key, entry);
      else if (entries.length >= 16) byKey = new Map(entries.map((e) => [e.key, e]));
    }
    const end = node.flow ? this.at.trimEnd(range[0], range[1]) : lastEnd;
    return { node: { kind: 'map', entries, loc: this.at.loc(range[0], end) }, start: range[0], end };
  }

  private buildSeq(node: YAMLSeq, depth: number): Built {
    const range = node.range ?? [0, 0, 0];
    const out: Node[] = [];
    let lastEnd = range[0];
    for (const item of node.items) {
      const built = this.build(item as YamlNode, depth, lastEnd);
      out.push(built.node);
      lastEnd = built.end;
    }
    const end = node.flow ? this.at.trimEnd(range[0], range[1]) : lastEnd;
    return { node: { kind: 'seq', items: out, loc: this.at.loc(range[0], end) }, start: range[0], end };
  }

  /** `!Name value` → `{ "Fn::Name": value }` (`Ref`, `Condition` keep their bare names), located at the tag. */
  private wrapTag(name: string, built: Built): Built {
    const tagStart = this.findTag(name, built.start);
    const tagLoc = this.at.loc(tagStart, tagStart + name.length + 1);
    let value = built.node;
    if (name === 'GetAtt' && value.kind === 'scalar') value = this.splitGetAtt(value, built);
    if (name === 'GetAZs' && value.kind === 'scalar' && value.value === null) value = { kind: 'scalar', value: '', loc: value.loc };
    const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
    return {
      node: { kind: 'map', entries: [{ key, keyLoc: tagLoc, value }], loc: this.at.loc(tagStart, built.end) },
      start: tagStart,
      end: built.end,
    };
  }

  /** Offset of `!Name` before a node: yaml's ranges start after the tag (and any anchor or comment). */
  private findTag(name: string, nodeStart: number): number {
    const tag = `!${name}`;
    const at = this.at.text.lastIndexOf(tag, nodeStart);
    if (at < 0) return nodeStart;
    const between = this.at.text.slice(at + tag.length, nodeStart);
    // Only whitespace, an anchor or comments may separate a tag from its node.
    return /^(?:[ \t\r\n]+|&[^ \t\r\n]+|#[^\n]*)*$/.test(between) ? at : nodeStart;
  }

  /** `A.B.C` → ["A", "B.C"]; each part located inside the scalar when the source spells it verbatim. */
  private splitGetAtt(value: Extract<Node, { kind: 'scalar' }>, built: Built): Node {
    const text = String(value.value ?? '');
    const dot = text.indexOf('.');
    if (dot < 0) return { kind: 'seq', items: [value], loc: value.loc };
    const offset = this.at.text.indexOf(text, built.start);
    const verbatim = offset >= built.start && offset + text.length <= built.end;
    const partLoc = (from: number, to: number): Loc => (verbatim ? this.at.loc(offset + from, offset + to) : value.loc);
    return {
      kind: 'seq',
      items: [
        { kind: 'scalar', value: text.slice(0, dot), loc: partLoc(0, dot) },
        { kind: 'scalar', value: text.slice(dot + 1), loc: partLoc(dot + 1, text.length) },
      ],
      loc: value.loc,
    };
  }

  private locOf(node: YamlNode, fallbackOffset: number): Loc {
    const range = (node as { range?: Range } | null)?.range;
    return range ? this.at.loc(range[0], range[0] + 1) : this.at.loc(fallbackOffset, fallbackOffset);
  }
}
