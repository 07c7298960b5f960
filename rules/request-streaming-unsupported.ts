import { mentions, modelIdOf, siteFinding } from '../src/analysis/models.js';
import type { Rule } from '../src/rule.js';
import type { RawFinding } from '../src/types.js';

export const requestStreamingUnsupported: Rule = {
  meta: { id: 'request-streaming-unsupported', description: 'A streaming API is used with a model that does not support response streaming (all Stability models)', defaultSeverity: 'error', family: 'request' },
  check(ctx) {
    const out: RawFinding[] = [];
    for (const a of mentions(ctx)) {
      if (a.site.api !== 'stream') continue;
      const id = modelIdOf(a.ref);
      const m = id ? ctx.catalog.model(id) : undefined;
      if (!m || m.streaming !== false) continue;
      out.push(
        siteFinding(
          a,
          'request-streaming-unsupported',
          `${a.site.model.value} does not support response streaming, but the caller streams${a.site.streamEvidence ? ` (${a.site.streamEvidence})` : ''}; the call fails with ValidationException`,
          'call InvokeModel instead of InvokeModelWithResponseStream / ConverseStream',
          `${a.site.model.value} stream`,
        ),
      );
    }
    return out;
  },
};
