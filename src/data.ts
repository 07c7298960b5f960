// Locating the package's own files (data/, docs/, package.json) from any module: source files sit
// in src/…, bundled ones in dist/ or dist/chunks/. Walk up to the folder that holds data/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root === undefined) {
    let dir = path.dirname(fileURLToPath(import.meta.url));
    for (let i = 0; i < 6 && !existsSync(path.join(dir, 'data', 'catalog-meta.json')); i++) dir = path.dirname(dir);
    root = dir;
  }
  return root;
}

export function dataPath(name: string): string {
  return path.join(packageRoot(), 'data', name);
}

const cache = new Map<string, unknown>();

/** Reads and parses a JSON data file once per process. */
export function readDataJson<T>(name: string): T {
  let v = cache.get(name);
  if (v === undefined) {
    v = JSON.parse(readFileSync(dataPath(name), 'utf8')) as unknown;
    cache.set(name, v);
  }
  return v as T;
}
