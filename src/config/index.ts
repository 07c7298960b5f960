export { CONFIG_NAMES, findConfig } from './find.js';
export { loadConfig, parseConfig, type LoadConfigOptions } from './load.js';
export { configSchema } from './schema.js';
export { ConfigError, type Config, type ConfigIgnore, type ConfigInvocation, type ConfigProblem, type FailOn } from './types.js';
