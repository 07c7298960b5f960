// Reads function code as text (never executes it) for what the templates do not say: model IDs in
// string literals, the Bedrock client's region literal, streaming APIs and endpoint URL overrides.
// Bounded in files and bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Loc, Str } from '../types.js';
import type { CodeAsset, RegionValue } from './types.js';

export interface CodeFacts {
  /** Evidence ("file:line ConverseStreamCommand") when the code uses a streaming API. */
  streams?: string;
  /** Evidence when the code calls a non-streaming invoke API. */
  invokes?: string;
  models: Str[];
  region?: RegionValue;
  endpointOverride?: boolean;
  /** Code was read and never mentions a Bedrock runtime client or invoke API. */
  noBedrockCalls?: boolean;
  /** Some code was read. */
  scanned?: boolean;
}

const CODE_EXT = /\.(py|js|mjs|cjs|ts|mts|cts|java|go|kt|rb|cs)$/i;
const MAX_FILES = 200;
const MAX_BYTES = 2_000_000;
const STREAM_RE = /\b(InvokeModelWithResponseStream(?:Command)?|ConverseStream(?:Command)?|invoke_model_with_response_stream|converse_stream|invokeModelWithResponseStream|converseStream)\b/;
const INVOKE_RE = /\b(InvokeModel(?:Command)?|Converse(?:Command)?|invoke_model|converse|invokeModel)\b/;
const MODEL_LITERAL_RE = /["'`]((?:(?:us|eu|apac|jp|au|ca|in|global|us-gov)\.)?(?:amazon|anthropic|ai21|cohere|meta|mistral|stability|deepseek|qwen|openai|writer|twelvelabs|luma|google|nvidia|minimax|moonshot|moonshotai|zai)\.[a-z0-9][a-z0-9.\-]*(?::[0-9a-z]+)*|arn:aws[a-z-]*:bedrock:[a-z0-9-]*:\d{0,12}:(?:foundation-model|inference-profile|application-inference-profile)\/[^"'`\s]+)["'`]/g;
const CLIENT_RE = /bedrock-runtime|BedrockRuntime|bedrockruntime/;
const REGION_LIT_RE = /(?:region_name\s*=\s*|region\s*[:=]\s*|WithRegion\(\s*|Region\.of\(\s*)["'`]([a-z]{2}(?:-gov)?-[a-z]+-\d)["'`]|Region\.([A-Z]{2}(?:_GOV)?_[A-Z]+_\d)\b/;
const SHARED_CONFIG_REGION_RE = /(?:WithRegion\(\s*|Session\([^)]*region_name\s*=\s*)["'`]([a-z]{2}(?:-gov)?-[a-z]+-\d)["'`]/;
const ENDPOINT_RE = /(?:endpoint_url\s*=|endpoint\s*:|endpointOverride\(|BaseEndpoint|WithEndpointResolver)/;

export function scanCode(assets: CodeAsset[], cwd: string): CodeFacts {
  const facts: CodeFacts = { models: [] };
  let files = 0;
  let bytes = 0;
  let sawClient = false;
  let streamCall: string | undefined;
  let streamAny: string | undefined;
  const scanText = (text: string, file: string, baseLoc?: Loc) => {
    facts.scanned = true;
    if (CLIENT_RE.test(text) || /bedrock/i.test(text)) sawClient = true;
    const lines = text.split('\n');
    // Inline code in a template: a block scalar (`|`) starts on the line after its indicator and its
    // lines sit at the block's indentation (its end column minus the last line's length); a
    // one-line scalar (JSON string, quoted YAML with \n escapes) cannot be mapped inside, so every
    // match points at the scalar itself.
    const inTemplate = !!baseLoc && baseLoc.file === file;
    const block = inTemplate && baseLoc.line !== baseLoc.endLine;
    const indent = block ? Math.max(0, baseLoc.endColumn - 1 - (text.trimEnd().split('\n').pop() ?? '').length) : 0;
    const locAt = (i: number, col: number, len: number): Loc =>
      inTemplate && !block
        ? { ...baseLoc }
        : inTemplate
          ? { file, line: baseLoc.line + i + 1, column: indent + col + 1, endLine: baseLoc.line + i + 1, endColumn: indent + col + 1 + len }
          : { file, line: i + 1, column: col + 1, endLine: i + 1, endColumn: col + 1 + len };
    lines.forEach((line, i) => {
      const trimmed = line.trimStart();
      if (trimmed.startsWith('#') || trimmed.startsWith('//')) return;
      // Evidence names the call, not the import that brings the API in.
      const isImport = /^(import\b|from\s+\S+\s+import\b|const\s*\{[^}]*\}\s*=\s*require\(|export\s*\{)/.test(trimmed);
      const s = STREAM_RE.exec(line);
      if (s) {
        if (!isImport && !streamCall) streamCall = `${file}:${locAt(i, 0, 0).line} ${s[1]}`;
        if (!streamAny) streamAny = `${file}:${locAt(i, 0, 0).line} ${s[1]}`;
      }
      const inv = INVOKE_RE.exec(line);
      if (inv && !facts.invokes) facts.invokes = `${file}:${locAt(i, 0, 0).line} ${inv[1]}`;
      for (const m of line.matchAll(MODEL_LITERAL_RE)) {
        facts.models.push({ value: m[1]!, loc: locAt(i, (m.index ?? 0) + 1, m[1]!.length) });
      }
      if (CLIENT_RE.test(line)) {
        // The client's region literal and endpoint override sit in the constructor call, within a few lines.
        // Go and boto3 sessions set it on a shared config a few lines before the client (AWS's own examples).
        const window = lines.slice(i, i + 6).join('\n');
        const before = Math.max(0, i - 5);
        const found = ([[i, window, REGION_LIT_RE], [before, lines.slice(before, i).join('\n'), SHARED_CONFIG_REGION_RE]] as const)
          .map(([from, text, re]) => ({ from, text, r: re.exec(text) }))
          .find((x) => x.r);
        if (found?.r && !facts.region) {
          const r = found.r;
          const region = r[1] ?? r[2]!.toLowerCase().replace(/_/g, '-');
          const head = found.text.slice(0, r.index);
          const at = found.from + head.split('\n').length - 1;
          const col = r.index - (head.lastIndexOf('\n') + 1);
          facts.region = { value: region, source: `region literal in ${file}:${locAt(at, 0, 0).line}`, loc: locAt(at, col, r[0].length) };
        }
        if (ENDPOINT_RE.test(window)) facts.endpointOverride = true;
      }
    });
  };
  const visit = (abs: string, depth: number) => {
    if (files >= MAX_FILES || bytes >= MAX_BYTES || depth > 8) return;
    let st;
    try {
      st = statSync(abs);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      let names: string[] = [];
      try {
        names = readdirSync(abs).sort();
      } catch {
        return;
      }
      for (const n of names) {
        if (n === 'node_modules' || n.startsWith('.') || n === '__pycache__' || n === 'venv' || n === 'site-packages') continue;
        visit(path.join(abs, n), depth + 1);
      }
    } else if (st.isFile() && CODE_EXT.test(abs) && st.size <= 512_000) {
      files++;
      bytes += st.size;
      let text: string;
      try {
        text = readFileSync(abs, 'utf8');
      } catch {
        return;
      }
      scanText(text, path.relative(cwd, abs).split(path.sep).join('/'));
    }
  };
  for (const a of assets) {
    if (a.inline) scanText(a.inline.value, a.inline.loc.file, a.inline.loc);
    else if (a.path) visit(a.path, 0);
  }
  const streams = streamCall ?? streamAny;
  if (streams) facts.streams = streams;
  if (facts.scanned && !sawClient && !facts.invokes && !facts.streams) facts.noBedrockCalls = true;
  return facts;
}
