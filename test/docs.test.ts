// Rule docs cannot drift from behaviour: the Example of every docs/rules/<id>.md is executed.
// An example is: fenced input blocks whose info string names the file (```yaml file=template.yaml),
// one ```sh block with the command ($ bedrock-lint …), and one ```text output block with the exact
// output (no colour).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from './helpers/cli.js';

interface Example {
  files: { name: string; text: string }[];
  args: string[];
  output: string;
}

export function parseExample(md: string): Example | undefined {
  const blocks = [...md.matchAll(/^```([^\n]*)\n([\s\S]*?)^```\s*$/gm)].map((m) => ({ info: m[1]!.trim(), text: m[2]! }));
  const files = blocks.filter((b) => /\bfile=\S+/.test(b.info)).map((b) => ({ name: /\bfile=(\S+)/.exec(b.info)![1]!, text: b.text }));
  const cmd = blocks.find((b) => /^(sh|shell|console)\b/.test(b.info) && /^\$ bedrock-lint\b/m.test(b.text));
  const out = blocks.find((b) => /^text\s+output\b/.test(b.info));
  if (!files.length || !cmd || !out) return undefined;
  const line = /^\$ bedrock-lint(.*)$/m.exec(cmd.text)![1]!.trim();
  return { files, args: line ? line.split(/\s+/) : [], output: out.text };
}

const DOCS = path.join(ROOT, 'docs/rules');
const pages = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();

describe('docs/rules examples', () => {
  for (const page of pages) {
    it(page, () => {
      const md = readFileSync(path.join(DOCS, page), 'utf8');
      for (const section of ['## What', '## Why', '## Example', '## How to fix', '## When not to use it']) expect(md, `${page} needs ${section}`).toContain(section);
      const ex = parseExample(md);
      expect(ex, `${page}: Example needs input blocks with file=, a $ bedrock-lint command and a text output block`).toBeDefined();
      const dir = mkdtempSync(path.join(os.tmpdir(), 'bl-doc-'));
      try {
        for (const f of ex!.files) {
          mkdirSync(path.dirname(path.join(dir, f.name)), { recursive: true });
          writeFileSync(path.join(dir, f.name), f.text);
        }
        const r = runCli(ex!.args, dir);
        expect(r.stdout).toBe(ex!.output);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
