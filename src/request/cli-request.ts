// AWS CLI request files: `aws bedrock-runtime invoke-model --cli-input-json file://request.json`,
// shape { "modelId": "...", "body": {...} | "<JSON text>", "contentType", "accept", ... }.
import { fromPlain } from '../load/node.js';
import type { Loc, Node } from '../types.js';

export interface CliRequest {
  model: Node;
  /** The request body; a JSON-text body is parsed and every node located at the body string. */
  body?: Node;
  /** Why a body that is present could not be read as JSON. */
  bodyError?: { message: string; loc: Loc };
}

function entry(root: Node, key: string): Node | undefined {
  return root.kind === 'map' ? root.entries.find((e) => e.key === key)?.value : undefined;
}

/** A map with a string `modelId` and none of the keys of templates or state machines. */
export function isCliRequest(root: Node): boolean {
  if (root.kind !== 'map') return false;
  const model = entry(root, 'modelId');
  if (!model || model.kind !== 'scalar' || typeof model.value !== 'string') return false;
  return !root.entries.some((e) => e.key === 'Resources' || e.key === 'States' || e.key === 'Statement');
}

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Without `--cli-binary-format raw-in-base64-out` the CLI expects the body base64-encoded. */
function decodeBase64Json(text: string): { ok: true; value: unknown } | { ok: false } {
  const t = text.trim();
  if (t.length < 4 || t.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(t)) return { ok: false };
  return parseJsonText(Buffer.from(t, 'base64').toString('utf8'));
}

export function parseCliRequest(root: Node): CliRequest | undefined {
  if (!isCliRequest(root)) return undefined;
  const model = entry(root, 'modelId')!;
  const body = entry(root, 'body');
  if (!body) return { model };
  if (body.kind === 'scalar' && typeof body.value === 'string') {
    const parsed = parseJsonText(body.value);
    const decoded = parsed.ok ? parsed : decodeBase64Json(body.value);
    if (!decoded.ok) {
      return { model, bodyError: { message: 'request body is not valid JSON', loc: body.loc } };
    }
    return { model, body: fromPlain(decoded.value, body.loc) };
  }
  return { model, body };
}
