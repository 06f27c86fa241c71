export { openDatabase, queryRows, pendingMigrations, type Database, type DatabaseOptions, type Db } from './client.js';
export * as schema from './schema.js';
export type { FetchExchange, FetchRunStatus, SourceHealth } from './schema.js';
