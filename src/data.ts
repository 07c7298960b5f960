// Locating the shipped, dated data files. This module sits one folder below the package root both
// as source (src/data.ts) and bundled (dist/*.mjs), so ../data is the data folder in both cases.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function dataPath(name: string): string {
  return fileURLToPath(new URL(`../data/${name}`, import.meta.url));
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
