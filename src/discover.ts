// Turns the paths a user gave into the list of input files and CDK cloud assemblies to load.
// Directories are walked without following symbolic links out of the given roots.
import { existsSync, lstatSync, readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { matchesGlob } from './util/glob.js';

export interface Discovered {
  /** Plain files, relative to cwd, forward slashes. */
  files: DiscoveredFile[];
  /** cdk.out folders (containing manifest.json with artifacts). */
  assemblies: string[];
  /** Paths the user named that do not exist. */
  missing: string[];
  /** Set when the file-count budget stopped the walk. */
  truncated?: number;
}

export interface DiscoveredFile {
  path: string;
  /** true when the user named the file itself (not found by walking a directory). */
  explicit: boolean;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '.terraform', '.aws-sam', '.venv', '__pycache__', 'dist', 'coverage']);
const CANDIDATE = /\.(ya?ml|json|template|tpl|toml)$/i;

export interface DiscoverOptions {
  cwd: string;
  include?: string[];
  exclude?: string[];
  maxFiles: number;
}

export function discover(paths: string[], opts: DiscoverOptions): Discovered {
  const out: Discovered = { files: [], assemblies: [], missing: [] };
  const seen = new Set<string>();
  const rel = (abs: string) => toPosix(path.relative(opts.cwd, abs) || '.');
  const excluded = (r: string) =>
    (opts.exclude ?? []).some((g) => matchesGlob(r, g)) ||
    (opts.include !== undefined && opts.include.length > 0 && !opts.include.some((g) => matchesGlob(r, g)));

  const addFile = (abs: string, explicit: boolean) => {
    const r = rel(abs);
    if (seen.has(r)) {
      // Named explicitly as well as found by walking: it counts as named.
      if (explicit) for (const f of out.files) if (f.path === r) f.explicit = true;
      return;
    }
    if (!explicit && excluded(r)) return;
    if (out.files.length >= opts.maxFiles) {
      out.truncated = (out.truncated ?? 0) + 1;
      return;
    }
    seen.add(r);
    out.files.push({ path: r, explicit });
  };

  const walk = (dir: string, rootReal: string, depth: number) => {
    if (depth > 64) return;
    if (isAssembly(dir)) {
      const r = rel(dir);
      if (!seen.has(r)) {
        seen.add(r);
        out.assemblies.push(r);
      }
      return;
    }
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const abs = path.join(dir, name);
      let st;
      try {
        st = lstatSync(abs);
      } catch {
        continue;
      }
      if (st.isSymbolicLink()) {
        // Follow a link only when it stays inside the root the user gave.
        let real: string;
        try {
          real = realpathSync(abs);
          st = statSync(real);
        } catch {
          continue;
        }
        if (!isInside(real, rootReal) || st.isDirectory()) continue;
      }
      if (st.isDirectory()) {
        if (SKIP_DIRS.has(name) || name.startsWith('asset.')) continue;
        if (excluded(rel(abs) + '/')) continue;
        walk(abs, rootReal, depth + 1);
      } else if (st.isFile() && CANDIDATE.test(name) && !name.startsWith('.bedrock-lint')) {
        addFile(abs, false);
      }
    }
  };

  for (const p of paths) {
    const abs = path.resolve(opts.cwd, p);
    if (!existsSync(abs)) {
      out.missing.push(p);
      continue;
    }
    let st;
    try {
      st = statSync(abs);
    } catch {
      out.missing.push(p);
      continue;
    }
    if (st.isDirectory()) {
      let rootReal = abs;
      try {
        rootReal = realpathSync(abs);
      } catch {
        /* keep abs */
      }
      walk(abs, rootReal, 0);
    } else {
      addFile(abs, true);
    }
  }
  out.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  out.assemblies.sort();
  return out;
}

export function isAssembly(dir: string): boolean {
  const manifest = path.join(dir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  // A cloud assembly has a manifest.json next to *.template.json files or a cdk.out marker.
  return existsSync(path.join(dir, 'cdk.out')) || readdirSafe(dir).some((n) => n.endsWith('.template.json'));
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isInside(child: string, root: string): boolean {
  const r = path.relative(root, child);
  return r === '' || (!r.startsWith('..') && !path.isAbsolute(r));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
