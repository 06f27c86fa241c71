export { openDatabase, queryRows, pendingMigrations, type Database, type DatabaseOptions, type Db } from './client.js';
export { DatabaseInUseError, type EmbeddedRole } from './embedded/open-embedded.js';
export * as schema from './schema/index.js';
export type { FetchExchange, FetchRunStatus, SourceHealth } from './schema/index.js';
