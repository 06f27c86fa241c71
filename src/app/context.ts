import type { Redis } from 'ioredis';
import type { Config } from '../config/index.js';
import { openDatabase, type Database, type EmbeddedRole } from '../db/index.js';
import { createFetcher } from '../fetch/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { Logger } from '../log/index.js';
import type { CollectDeps, RecoveryDeps, ScheduleDeps, ScheduleReconciler, SourceAdminDeps } from '../pipeline/index.js';
import { checkEvictionPolicy, connectRedis, pingRedis, Queues } from '../queue/index.js';
import { defaultRegistry } from '../sources/index.js';
import type { SourceRegistry } from '../sources/index.js';

/** Everything a process needs, opened once and closed once. */
export interface App {
  config: Readonly<Config>;
  log: Logger;
  database: Database;
  registry: SourceRegistry;
  fetcher: Fetcher;
  /** Null for commands that run without Redis (db migrate, sources list...). */
  redis: Redis | null;
  queues: Queues | null;
  /** Set by `start`, the process that keeps the schedules; /metrics reports its counts. */
  reconciler: ScheduleReconciler | null;
  now: () => Date;
  /** The web UI's address once this process serves it (set by the HTTP server when it listens). */
  webUrl?: string;
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** Connect to Redis and create the queues: required, optional (admin commands that can do without), or not at all. */
  redis: 'required' | 'optional' | 'none';
  /** Apply pending migrations before returning (start, worker, collect). */
  migrate: boolean;
  /** The command, named to a second process that wants the embedded database. */
  command?: string;
  /** Embedded database: start, serve and worker must own it; other commands go through the owner when one runs. */
  embeddedRole?: EmbeddedRole;
}

export async function openApp(config: Readonly<Config>, log: Logger, options: OpenAppOptions): Promise<App> {
  const database = await openDatabase({
    ...config.database,
    embeddedRole: options.embeddedRole,
    command: options.command,
    onClientError: (error) => log.warn({ err: error.message }, 'embedded database client connection failed'),
  });
  log.debug({ kind: database.kind, embedded: database.embeddedRole }, 'database opened');
  let redis: Redis | null = null;
  let queues: Queues | null = null;
  try {
    if (options.migrate) await database.migrate();
    if (options.redis !== 'none') redis = await connectOrNull(config.redis.url, log, options.redis === 'required');
  } catch (error) {
    // An embedded owner must let go of the folder, or the next command would wait for a process that gave up.
    await database.close();
    throw error;
  }
  if (redis) {
    await checkEvictionPolicy(redis, log);
    queues = new Queues(redis, {
      prefix: config.redis.prefix,
      collectAttempts: config.collect.attempts,
      collectBackoffMs: config.collect.backoffMs,
      classifyBatchSize: config.classify.batchSize,
      sweepEveryMinutes: config.classify.sweepEveryMinutes,
    });
  }
  const fetcher = createFetcher(config.fetch);
  const app: App = {
    config,
    log,
    database,
    registry: defaultRegistry(),
    fetcher,
    redis,
    queues,
    reconciler: null,
    now: () => new Date(),
    async close() {
      await app.reconciler?.stop();
      await fetcher.close();
      await queues?.close();
      if (redis) await redis.quit().catch(() => redis?.disconnect());
      await database.close();
    },
  };
  return app;
}

async function connectOrNull(url: string, log: Logger, required: boolean): Promise<Redis | null> {
  const redis = connectRedis(url);
  // Reconnects are automatic; each failed attempt would repeat the same message at warn level.
  redis.on('error', (err: Error) => log.debug({ err: err.message }, 'redis connection error'));
  try {
    await pingRedis(redis, url);
    return redis;
  } catch (error) {
    redis.disconnect();
    if (required) throw error;
    log.warn({ err: (error as Error).message }, 'Redis not reachable: schedules will be synced at the next start');
    return null;
  }
}

export function collectDeps(app: App): CollectDeps {
  const { config } = app;
  return {
    db: app.database.db,
    fetcher: app.fetcher,
    registry: app.registry,
    log: app.log,
    now: app.now,
    health: { unhealthyAfterFailures: config.collect.unhealthyAfterFailures, maxBackoffMinutes: config.collect.maxBackoffMinutes },
    upsertBatchSize: config.collect.upsertBatchSize,
    jobTimeoutMs: config.collect.jobTimeoutMs,
    enqueueClassify: async (ids) => (app.queues ? app.queues.enqueueClassify(ids) : 0),
  };
}

/** The schedules every deployment keeps besides one per source (null without Redis). */
export function scheduleDeps(app: App): ScheduleDeps | null {
  if (!app.queues) return null;
  return { db: app.database.db, queues: app.queues, fixed: { alertTickSeconds: app.config.alerts.tickSeconds, mailSweepSeconds: app.config.mail.sweepEverySeconds, tiplineMailboxSeconds: app.config.tipline.mailbox.enabled ? app.config.tipline.mailbox.everySeconds : null } };
}

export function recoveryDeps(app: App): RecoveryDeps | null {
  if (!app.queues) return null;
  return { db: app.database.db, queues: app.queues, now: app.now, jobTimeoutMs: app.config.collect.jobTimeoutMs };
}

export function sourceAdminDeps(app: App): SourceAdminDeps {
  return {
    db: app.database.db,
    registry: app.registry,
    queues: app.queues,
    now: app.now,
    defaultEveryMinutes: app.config.collect.defaultEveryMinutes,
  };
}
