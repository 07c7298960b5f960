// Finding the configuration: the nearest `.bedrock-lint.yaml` (or `.yml`) from a directory upwards,
// stopping at the repository root (the first folder holding `.git`) or the file-system root.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const CONFIG_NAMES = ['.bedrock-lint.yaml', '.bedrock-lint.yml'] as const;

export function findConfig(startDir: string, stopAtRepoRoot = true): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (isFile(candidate)) return candidate;
    }
    if (stopAtRepoRoot && existsSync(join(dir, '.git'))) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
