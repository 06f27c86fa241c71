import { join } from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { packageRoot } from '../config/index.js';
import { openEmbedded, type EmbeddedRole } from './embedded/open-embedded.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** The query builder, the same type whether it runs on postgres.js or embedded PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Embedded only: whether this process owns the PGlite folder or reaches it through the owner's socket. */
  embeddedRole: 'owner' | 'client' | null;
  /** Applies committed migrations from drizzle/; safe to call from several processes at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url: string | null;
  dataDir: string;
  poolSize: number;
  /** Embedded mode: `own` for the long-running owners (start, serve, worker), `share` (default) for everything else. */
  embeddedRole?: EmbeddedRole;
  /** Recorded in the embedded lock file, to name the owner to a refused second one. */
  command?: string;
  onClientError?: (error: Error) => void;
}

const MIGRATIONS_FOLDER = () => join(packageRoot(), 'drizzle');
/** Arbitrary constant: one advisory lock id shared by every Vaksam process migrating the same database. */
const MIGRATION_LOCK_ID = 7_305_201;

/**
 * postgres.js to the URL when one is given; otherwise the embedded PGlite in `<dataDir>/pglite`, reached through its
 * owner's Unix socket (this process becomes the owner when none runs; see embedded/open-embedded.ts).
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.poolSize, 'postgres', null);
  const endpoint = await openEmbedded({
    dataDir: options.dataDir,
    role: options.embeddedRole ?? 'share',
    command: options.command ?? 'vaksam',
    onClientError: options.onClientError,
  });
  // PGlite is one session shared by every client: named prepared statements of two clients would collide.
  const connection: postgres.Options<Record<string, never>> = { path: endpoint.socketPath, username: 'postgres', database: 'postgres', prepare: false };
  const database = openPostgres(connection, options.poolSize, 'pglite', endpoint.role);
  return {
    ...database,
    async close() {
      try {
        await database.close();
      } finally {
        await endpoint.close();
      }
    },
  };
}

type Connection = string | postgres.Options<Record<string, never>>;

function openPostgres(connection: Connection, poolSize: number, kind: Database['kind'], embeddedRole: Database['embeddedRole']): Database {
  const connect = (max: number) => {
    const options = { max, onnotice: () => {}, connection: { application_name: 'vaksam' } };
    return typeof connection === 'string' ? postgres(connection, options) : postgres({ ...connection, ...options });
  };
  const client = connect(poolSize);
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind,
    embeddedRole,
    async migrate() {
      // A dedicated single connection: the session-level advisory lock must live on the connection that migrates.
      const lockClient = connect(1);
      try {
        await lockClient`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
        await migratePostgres(drizzlePostgres(lockClient), { migrationsFolder: MIGRATIONS_FOLDER() });
        await lockClient`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
      } finally {
        await lockClient.end({ timeout: 5 });
      }
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/** Runs raw SQL and returns rows on either driver (postgres.js returns an array, PGlite `{ rows }`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** True when every migration in drizzle/ has been applied (used by readiness checks and `db migrate --check`). */
export async function pendingMigrations(db: Db): Promise<number> {
  const { readMigrationFiles } = await import('drizzle-orm/migrator');
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER() });
  try {
    const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return Math.max(0, files.length - (rows[0]?.n ?? 0));
  } catch {
    return files.length;
  }
}
