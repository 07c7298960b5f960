// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, one rule descriptor per
// rule ID (with a link to its doc page), repo-relative artifact URIs under %SRCROOT%, 1-based
// regions in UTF-16 code units, a stable partial fingerprint, and suppressions for findings that a
// comment, metadata entry, config entry or baseline accepted (viewers show them as dismissed).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fingerprint } from '../suppress/baseline.js';
import type { Finding, RuleMeta, Severity } from '../types.js';
import { orderedData } from './json.js';
import { pathFromRoot, unreportedErrors } from './summary.js';
import type { ReportInput, ReportOptions } from './types.js';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/bedrock-lint/bedrock-lint';
export const FINGERPRINT_KEY = 'bedrockLint/v1';

export function ruleHelpUri(id: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules/${id}.md`;
}

// Minimal local shapes of the SARIF objects written (the full types live in @types/sarif, which
// this package does not depend on).
type SarifLevel = 'error' | 'warning' | 'note';
interface SarifArtifactLocation {
  uri: string;
  uriBaseId?: string;
}
interface SarifLocation {
  physicalLocation: {
    artifactLocation: SarifArtifactLocation;
    region?: { startLine: number; startColumn: number; endLine: number; endColumn: number };
  };
  logicalLocations?: { name: string; fullyQualifiedName: string; kind: string }[];
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[] };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  partialFingerprints: Record<string, string>;
  suppressions?: { kind: 'inSource' | 'external'; justification: string }[];
  properties?: { trace?: string[]; fix?: string; stack?: string };
}

export function formatSarif(input: ReportInput, opts: ReportOptions = {}): string {
  const root = opts.repoRoot ?? input.cwd;
  const rules = ruleTable(input.rules, input.findings);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bedrock-lint',
            version: input.version,
            semanticVersion: input.version,
            informationUri: INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: unreportedErrors(input).map((e) => ({
              level: 'error',
              message: { text: e.message },
              locations: [{ physicalLocation: { artifactLocation: artifact(e.file, input.cwd, root) } }],
            })),
          },
        ],
        originalUriBaseIds: { '%SRCROOT%': { uri: dirUri(root) } },
        results: input.findings.map((f) => result(f, index.get(f.ruleId)!, input.cwd, root)),
        columnKind: 'utf16CodeUnits',
        properties: { data: orderedData(input.data) },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** One descriptor per rule of the table, sorted by ID, plus any ID a finding uses that the table lacks. */
function ruleTable(table: RuleMeta[], findings: Finding[]): SarifRule[] {
  const byId = new Map<string, RuleMeta>();
  for (const r of table) if (!byId.has(r.id)) byId.set(r.id, r);
  for (const f of findings) {
    if (!byId.has(f.ruleId)) {
      byId.set(f.ruleId, { id: f.ruleId, description: f.ruleId, defaultSeverity: f.severity, family: f.ruleId.split('-')[0]! });
    }
  }
  return [...byId.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => ({
      id: r.id,
      name: pascalCase(r.id),
      shortDescription: { text: r.description },
      helpUri: ruleHelpUri(r.id),
      defaultConfiguration: { level: level(r.defaultSeverity) },
      properties: { tags: [r.family] },
    }));
}

function result(f: Finding, ruleIndex: number, cwd: string, root: string): SarifResult {
  const artifactLocation = artifact(f.file, cwd, root);
  const location: SarifLocation = {
    physicalLocation: {
      artifactLocation,
      region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
    },
  };
  if (f.resource !== undefined) {
    const fullyQualifiedName = f.stack !== undefined ? `${f.stack}/${f.resource}` : f.resource;
    location.logicalLocations = [{ name: f.resource, fullyQualifiedName, kind: 'resource' }];
  }
  const r: SarifResult = {
    ruleId: f.ruleId,
    ruleIndex,
    level: level(f.severity),
    message: { text: f.message },
    locations: [location],
    // The repo-relative path keeps the fingerprint independent of the directory the linter ran in.
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint({ ...f, file: decodeURIComponent(artifactLocation.uri) }) },
  };
  if (f.suppressed && f.suppression) {
    const kind = f.suppression.kind === 'comment' || f.suppression.kind === 'metadata' ? 'inSource' : 'external';
    r.suppressions = [{ kind, justification: f.suppression.reason }];
  }
  const properties: NonNullable<SarifResult['properties']> = {};
  if (f.trace.length > 0) properties.trace = [...f.trace];
  if (f.fix !== undefined) properties.fix = f.fix;
  if (f.stack !== undefined) properties.stack = f.stack;
  if (Object.keys(properties).length > 0) r.properties = properties;
  return r;
}

/** Repo-relative URI under %SRCROOT%, or an absolute file: URI for a file outside the repository. */
function artifact(file: string, cwd: string, root: string): SarifArtifactLocation {
  const rel = pathFromRoot(file, cwd, root);
  if (rel === undefined) return { uri: pathToFileURL(resolve(cwd, file)).href };
  return { uri: rel.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function dirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : href + '/';
}

function level(s: Severity): SarifLevel {
  return s === 'info' ? 'note' : s;
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
}
