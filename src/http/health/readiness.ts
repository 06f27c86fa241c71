import { sql } from 'drizzle-orm';
import type { Redis } from 'ioredis';
import { pendingMigrations, queryRows, type Db } from '../../db/index.js';

export interface Check {
  ok: boolean;
  detail: string;
}

export interface Readiness {
  ready: boolean;
  checks: { postgres: Check; migrations: Check; redis: Check; redisEvictionPolicy: Check; schedules: Check };
}

/** Expected job schedulers Redis does not hold (`queue/key`); null when there are no queues. */
export type MissingSchedules = (() => Promise<string[]>) | null;

/** Each check gets this long; a hung dependency answers "not ready" instead of hanging the probe. */
const CHECK_TIMEOUT_MS = 2_000;

/**
 * Ready means: Postgres answers with every migration applied, Redis answers, will never evict queued jobs, and holds
 * every job scheduler the sources table and the fixed schedules call for (a Redis that lost them collects nothing).
 */
export async function checkReadiness(db: Db, redis: Redis | null, missingSchedules: MissingSchedules): Promise<Readiness> {
  const postgres = await run(async () => {
    await queryRows(db, sql`select 1`);
    return 'reachable';
  });
  const migrations = postgres.ok
    ? await run(async () => {
        const pending = await pendingMigrations(db);
        if (pending > 0) throw new Error(`${pending} migration(s) not applied; run \`vaksam db migrate\``);
        return 'all applied';
      })
    : { ok: false, detail: 'postgres unreachable' };
  const redisCheck = redis
    ? await run(async () => {
        await redis.ping();
        return 'reachable';
      })
    : { ok: false, detail: 'not connected (is redis.url right and Redis running?)' };
  const policy = redis && redisCheck.ok
    ? await run(async () => {
        const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
        const value = reply[1] ?? '(unknown)';
        if (value !== 'noeviction') throw new Error(`maxmemory-policy is ${value}; it must be noeviction or queued jobs can be lost`);
        return 'noeviction';
      })
    : { ok: false, detail: 'redis unreachable' };
  const schedules =
    missingSchedules && redisCheck.ok && postgres.ok
      ? await run(async () => {
          const missing = await missingSchedules();
          if (missing.length > 0) throw new Error(`${missing.length} job scheduler(s) missing: ${missing.slice(0, 10).join(', ')}; \`vaksam start\` restores them`);
          return 'every scheduler present';
        })
      : { ok: false, detail: missingSchedules ? 'redis or postgres unreachable' : 'no queues (Redis not connected)' };
  const checks = { postgres, migrations, redis: redisCheck, redisEvictionPolicy: policy, schedules };
  return { ready: Object.values(checks).every((c) => c.ok), checks };
}

async function run(check: () => Promise<string>): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    return { ok: true, detail: await Promise.race([check(), timeout]) };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
