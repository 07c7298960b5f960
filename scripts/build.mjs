// Bundles the CLI, the library and the CDK plugin with esbuild (a bundled CLI starts faster than
// plain tsc output). Runs as `prepare`, so `npm ci` leaves a working `npx bedrock-lint`.
import { build } from 'esbuild';
import { chmodSync, existsSync, readFileSync } from 'node:fs';

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
await Promise.all([
  build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.mjs', format: 'esm', banner: { js: `#!/usr/bin/env node\n${banner}` } }),
  build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.mjs', format: 'esm', banner: { js: banner } }),
  cdk && build({ ...common, entryPoints: ['src/cdk/plugin.ts'], outfile: 'dist/cdk.mjs', format: 'esm', banner: { js: banner } }),
  cdk && build({ ...common, entryPoints: ['src/cdk/plugin.ts'], outfile: 'dist/cdk.cjs', format: 'cjs', define: { ...common.define, 'import.meta.url': '__bl_import_meta_url' }, banner: { js: "const __bl_import_meta_url = require('node:url').pathToFileURL(__filename).href;" } }),
]);
chmodSync('dist/cli.mjs', 0o755);
