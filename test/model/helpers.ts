// Writes small inputs to a fresh temporary folder and lints them in-process.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lintSync, type LintOptions, type LintResult } from '../../src/engine.js';
import type { PolicyDoc } from '../../src/iam/types.js';
import type { Role } from '../../src/model/types.js';

/** A temporary folder holding `files` (path → text); returns its absolute path. */
export function scratch(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bedrock-lint-model-'));
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}

/** Lints `files` from their folder, without looking for a config file unless one is given. */
export function lintFiles(files: Record<string, string>, opts: Partial<LintOptions> = {}): LintResult & { dir: string } {
  const dir = scratch(files);
  const res = lintSync({ paths: ['.'], cwd: dir, useConfig: false, date: '2026-09-01', ...opts });
  return { ...res, dir };
}

export function roleById(res: LintResult, id: string): Role {
  const r = res.deployment.roles.find((x) => x.id === id);
  if (!r) throw new Error(`no role ${id}; roles: ${res.deployment.roles.map((x) => x.id).join(', ')}`);
  return r;
}

/** One line per policy: AWS managed ARN, or name; "(unknown: why)" when its content is unknown. */
export function describePolicy(p: PolicyDoc): string {
  const head = p.managedArn ?? p.name;
  return p.unknown ? `${head} (unknown: ${p.unknown})` : head;
}

/** The actions each statement of a policy allows or denies, e.g. "Allow bedrock:InvokeModel". */
export function statementsOf(p: PolicyDoc): string[] {
  return p.statements.map((s) => `${s.effect} ${(s.action ?? []).map((a) => a.value).join(',')} on ${(s.resource ?? []).map((r) => r.value).join(',')}`);
}

export const ruleIds = (res: LintResult): string[] => res.findings.map((f) => f.ruleId);
