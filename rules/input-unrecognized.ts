import type { Rule } from '../src/rule.js';

// The engine reports it (detection happens while loading); the rule carries the metadata.
export const inputUnrecognized: Rule = {
  meta: {
    id: 'input-unrecognized',
    description: 'A file named on the command line is empty or not a mapping, so there is nothing bedrock-lint can check in it',
    defaultSeverity: 'info',
    family: 'parse',
  },
  check: () => [],
};
