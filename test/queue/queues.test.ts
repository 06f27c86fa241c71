import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { checkEvictionPolicy, connectRedis, pingRedis, Queues } from '../../src/queue/index.js';
import { createLogger } from '../../src/log/index.js';
import { PassThrough } from 'node:stream';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';

let redis: Redis;
let prefix: string;
let queues: Queues;

beforeAll(() => {
  redis = connectRedis(REDIS_URL);
});
afterAll(async () => {
  await redis.quit();
});

function makeQueues(batch = 3): Queues {
  prefix = testPrefix();
  queues = new Queues(redis, { prefix, collectAttempts: 3, collectBackoffMs: 1000, classifyBatchSize: batch, sweepEveryMinutes: 5 });
  return queues;
}

afterEach(async () => {
  await queues.close();
  await deletePrefix(prefix);
});

describe('Queues', () => {
  it('makes Redis schedules match the enabled sources, removing stale ones', async () => {
    const q = makeQueues();
    await q.scheduleSource(99, 5);
    const enabled = [
      { id: 1, everyMinutes: 15 },
      { id: 2, everyMinutes: 60 },
    ];
    const fixed = { alertTickSeconds: 60, mailSweepSeconds: 60, tiplineMailboxSeconds: null };
    const result = await q.reconcileSchedules(enabled, fixed);
    // The two sources and the five fixed schedules (sweep, retention, alert tick, mail sweep, tipline sweep) were missing.
    expect(result).toEqual({ scheduled: 2, restored: 7, removed: 1 });
    expect(await q.missingSchedulers(enabled, fixed)).toEqual([]);
    expect(await q.reconcileSchedules(enabled, fixed)).toEqual({ scheduled: 2, restored: 0, removed: 0 });
    const keys = (await q.collect.getJobSchedulers(0, -1)).map((s) => s.key).sort();
    expect(keys).toEqual(['source:1', 'source:2']);
    const one = (await q.collect.getJobSchedulers(0, -1)).find((s) => s.key === 'source:1');
    expect(Number(one?.every)).toBe(15 * 60_000);
  });

  it('schedules the report mailbox poll only while a mailbox is configured', async () => {
    const q = makeQueues();
    const withMailbox = { alertTickSeconds: 60, mailSweepSeconds: 60, tiplineMailboxSeconds: 120 };
    await q.reconcileSchedules([], withMailbox);
    const poll = (await q.tipline.getJobSchedulers(0, -1)).find((s) => s.key === 'tipline-mailbox');
    expect(Number(poll?.every)).toBe(120_000);
    const without = { ...withMailbox, tiplineMailboxSeconds: null };
    expect(await q.reconcileSchedules([], without)).toEqual({ scheduled: 0, restored: 0, removed: 1 });
    expect((await q.tipline.getJobSchedulers(0, -1)).map((s) => s.key)).toEqual(['tipline-sweep']);
    expect(await q.missingSchedulers([], without)).toEqual([]);
  });

  it('updates a schedule in place when a source changes interval', async () => {
    const q = makeQueues();
    await q.scheduleSource(1, 15);
    await q.scheduleSource(1, 30);
    const schedulers = await q.collect.getJobSchedulers(0, -1);
    expect(schedulers).toHaveLength(1);
    expect(Number(schedulers[0]!.every)).toBe(30 * 60_000);
  });

  it('enqueues classify work as batches of ids in one round trip', async () => {
    const q = makeQueues(3);
    expect(await q.enqueueClassify([1, 2, 3, 4, 5, 6, 7])).toBe(3);
    const jobs = await q.classify.getJobs(['waiting']);
    const batches = jobs.map((j) => j.data.postIds).sort((a, b) => a[0]! - b[0]!);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(JSON.stringify(jobs.map((j) => j.data))).not.toMatch(/text|author/);
  });

  it('enqueues nothing for an empty list', async () => {
    const q = makeQueues();
    expect(await q.enqueueClassify([])).toBe(0);
  });
});

describe('Redis checks', () => {
  it('warns when maxmemory-policy is not noeviction', async () => {
    const original = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1]!;
    const lines: string[] = [];
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
    const log = createLogger({ level: 'warn', destination: stream });
    try {
      await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
      expect(await checkEvictionPolicy(redis, log)).toBe('allkeys-lru');
      expect(lines.join('')).toContain('noeviction');
      lines.length = 0;
      await redis.config('SET', 'maxmemory-policy', 'noeviction');
      expect(await checkEvictionPolicy(redis, log)).toBe('noeviction');
      expect(lines).toHaveLength(0);
    } finally {
      await redis.config('SET', 'maxmemory-policy', original);
    }
  });

  it('fails fast with a clear error when Redis does not answer', async () => {
    const dead = connectRedis('redis://127.0.0.1:1', { lazyConnect: true, retryStrategy: () => 50 });
    dead.on('error', () => {});
    void dead.connect().catch(() => {});
    await expect(pingRedis(dead, 'redis://127.0.0.1:1', 300)).rejects.toThrow(/did not answer within 300 ms/);
    dead.disconnect();
  });
});
