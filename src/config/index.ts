export { configSchema, type Config } from './schema.js';
export { loadConfig, packageRoot, redactConfig, type LoadConfigOptions } from './load.js';
