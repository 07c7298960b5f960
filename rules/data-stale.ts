import type { Rule } from '../src/rule.js';

// The engine reports it once per run (it compares the catalogue date with --date / today).
export const dataStale: Rule = {
  meta: {
    id: 'data-stale',
    description: 'The bundled model catalogue is more than 180 days old; pass fresh captures with --models',
    defaultSeverity: 'info',
    family: 'analysis',
  },
  check: () => [],
};
