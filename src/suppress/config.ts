// Config `ignore` entries as suppressions. The schema already requires a reason; an entry that
// still has none (an API caller building Config by hand) is reported like any other.
import type { ConfigIgnore } from '../config/types.js';
import type { ConfigSuppression } from './types.js';

/** `configDir` is the config's absolute folder, `cwd` the absolute directory finding paths are relative to. */
export function configSuppressions(ignore: readonly ConfigIgnore[], configDir: string, cwd: string): ConfigSuppression[] {
  return ignore.map((e) => {
    const s: ConfigSuppression = { kind: 'config', rules: [e.rule], loc: e.loc, dir: configDir, cwd };
    if (e.reason.trim() !== '') s.reason = e.reason;
    if (e.path !== undefined) s.path = e.path;
    if (e.resource !== undefined) s.resource = e.resource;
    return s;
  });
}
