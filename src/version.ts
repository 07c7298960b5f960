// Version and data dates, cheap to compute: `--version` must start fast.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from './data.js';
import { catalogDate } from './catalog/index.js';
import { iamDataDate } from './iam/actions.js';
import { managedPoliciesDate } from './iam/managed.js';

declare const __BEDROCK_LINT_VERSION__: string | undefined;

export const VERSION: string =
  typeof __BEDROCK_LINT_VERSION__ === 'string'
    ? __BEDROCK_LINT_VERSION__
    : (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

export interface DataDates {
  models: string;
  iam: string;
  managedPolicies: string;
  [k: string]: string;
}

export function dataDates(): DataDates {
  return { models: catalogDate(), iam: iamDataDate(), managedPolicies: managedPoliciesDate() };
}
