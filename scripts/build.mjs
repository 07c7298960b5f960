// Bundles the CLI, the library and the CDK plugin with esbuild (a bundled CLI starts faster than
// plain tsc output). Runs as `prepare`, so `npm ci` leaves a working `npx bedrock-lint`.
import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const banner = "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  define: { __BEDROCK_LINT_VERSION__: JSON.stringify(pkg.version) },
  external: ['aws-cdk-lib', 'constructs'],
};

const cdk = existsSync('src/cdk/plugin.ts');
rmSync('dist', { recursive: true, force: true });
await Promise.all([
  // ESM with code splitting: `--version` loads only the small CLI chunk; the engine, rules and data
  // tables are separate chunks loaded by dynamic import() when a lint actually runs.
  build({
    ...common,
    entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', ...(cdk ? { cdk: 'src/cdk/plugin.ts' } : {}) },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    splitting: true,
    banner: { js: banner },
  }),
  cdk && build({ ...common, entryPoints: ['src/cdk/plugin.ts'], outfile: 'dist/cdk.cjs', format: 'cjs', define: { ...common.define, 'import.meta.url': '__bl_import_meta_url' }, banner: { js: "const __bl_import_meta_url = require('node:url').pathToFileURL(__filename).href;" } }),
]);
// The shebang goes on the CLI entry only.
const cliPath = 'dist/cli.mjs';
writeFileSync(cliPath, `#!/usr/bin/env node\n${readFileSync(cliPath, 'utf8')}`);
chmodSync(cliPath, 0o755);
