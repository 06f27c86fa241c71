import { Redis, type RedisOptions } from 'ioredis';
import { withoutPassword } from '../config/index.js';
import { VaksamError } from '../errors/index.js';
import type { Logger } from '../log/index.js';

/**
 * Workers need `maxRetriesPerRequest: null` (blocking commands must wait across reconnects); producers use the
 * same so a brief Redis restart delays a job instead of failing the collect run that enqueues it.
 */
export function connectRedis(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...extra });
}

/** Fails with a clear error instead of retrying forever when Redis does not answer in time. */
export async function pingRedis(redis: Redis, url: string, timeoutMs = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new VaksamError('REDIS_UNREACHABLE', `Redis at ${withoutPassword(url)} did not answer within ${timeoutMs} ms; is it running? (redis.url / REDIS_URL)`)), timeoutMs);
  });
  try {
    await Promise.race([redis.ping(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * BullMQ silently loses jobs when Redis evicts keys under memory pressure: anything but `noeviction` is a
 * misconfiguration worth a loud warning at start.
 */
export async function checkEvictionPolicy(redis: Redis, log: Logger): Promise<string | null> {
  try {
    const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
    const policy = reply[1] ?? null;
    if (policy !== 'noeviction') {
      log.warn(
        { policy },
        'Redis maxmemory-policy is not noeviction: queued jobs can be evicted and lost. Set `maxmemory-policy noeviction`.',
      );
    }
    return policy;
  } catch (err) {
    // Managed Redis often forbids CONFIG; say so rather than guess.
    log.warn({ err: (err as Error).message }, 'cannot read Redis maxmemory-policy (CONFIG GET refused); make sure it is noeviction');
    return null;
  }
}
