// The default `readSource` for the text report: reads a finding's file (relative to cwd) from disk,
// skipping files above `maxBytes` (no snippet is better than a slow report). Never throws.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export function diskSourceReader(cwd: string, maxBytes = 10 * 1024 * 1024): (file: string) => string | undefined {
  return (file) => {
    try {
      const abs = resolve(cwd, file);
      const st = statSync(abs);
      if (!st.isFile() || st.size > maxBytes) return undefined;
      return readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
  };
}
