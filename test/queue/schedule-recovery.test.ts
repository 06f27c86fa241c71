import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QUEUE_NAMES } from '../../src/queue/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { schema } from '../../src/db/index.js';
import { insertSource, upsertPosts } from '../../src/db/queries/index.js';
import { contentHash } from '../../src/pipeline/index.js';
import { Client } from '../http/harness.js';
import { rssFeed, startServer, type TestServer } from '../helpers/http-server.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { startPrivateRedis, type PrivateRedis } from '../helpers/private-redis.js';
import { processEnv, spawnCli, type CliProcess } from '../helpers/processes.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let redis: PrivateRedis;
let feed: TestServer;
let vaksam: CliProcess;
let url: string;
let nextFeedRequest: () => void = () => {};

const feedRequested = () => new Promise<void>((resolve) => (nextFeedRequest = resolve));
/** Resolves with the first "schedules restored" log line the server writes from now on that matches `detail`. */
const restoredLater = (detail = /./) => {
  const from = vaksam.stderr().length;
  return async () => {
    const line = (await vaksam.waitFor(new RegExp(`^(?=.*schedules restored)(?=.*${detail.source}).*$`, 'm'), from))[0];
    return JSON.parse(line) as Record<string, number>;
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  redis = await startPrivateRedis();
  feed = await startServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed([{ id: 'r1', title: 'T', text: 'Text' }]));
    nextFeedRequest();
  });
  const source = await insertSource(database.db, { kind: 'feed', name: 'schemalagd', url: `${feed.url}/feed`, config: {}, everyMinutes: 60, identityKey: 'schemalagd' });
  expect(source).not.toBeNull();
  const firstCollect = feedRequested();
  vaksam = spawnCli(
    ['start'],
    processEnv(database.url, 'vaksam', {
      REDIS_URL: redis.url,
      LOG_LEVEL: 'info',
      VAKSAM_HTTP__PORT: '0',
      VAKSAM_HTTP__SCRYPT_LOG_N: '14',
      VAKSAM_WORKERS__SCHEDULE_RECONCILE_SECONDS: '1',
    }),
  );
  url = (await vaksam.waitFor(/Vaksam web UI: (http:\/\/\S+?)\/\s/))[1]!;
  await firstCollect;
});

afterAll(async () => {
  vaksam.child.kill('SIGTERM');
  await vaksam.exited;
  await redis.stop();
  await feed.close();
  await database.drop();
});

async function schedulerKeys(): Promise<string[]> {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const queues = QUEUE_NAMES.map((name) => new Queue(name, { connection, prefix: 'vaksam' }));
  try {
    const keys = await Promise.all(queues.map(async (q) => (await q.getJobSchedulers(0, -1)).map((s) => `${q.name}/${s.key}`)));
    return keys.flat().sort();
  } finally {
    await Promise.all(queues.map((q) => q.close()));
    connection.disconnect();
  }
}

/** In a classify job of the new Redis, or done: checked in that order, so a job finishing in between is not missed. */
async function isQueuedOrClassified(postId: number): Promise<boolean> {
  const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
  const classify = new Queue('classify', { connection, prefix: 'vaksam' });
  try {
    const jobs = await classify.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    if (jobs.some((job) => job.data.postIds.includes(postId))) return true;
  } finally {
    await classify.close();
    connection.disconnect();
  }
  const [post] = await database.db.select({ classifiedAt: schema.posts.classifiedAt }).from(schema.posts).where(eq(schema.posts.id, postId));
  return post!.classifiedAt !== null;
}

async function flushRedis(): Promise<void> {
  const client = new Redis(redis.url, { maxRetriesPerRequest: null });
  try {
    await client.flushall();
  } finally {
    client.disconnect();
  }
}

describe('schedules after Redis lost its data', () => {
  it('are rebuilt from the sources table within one reconcile period after a FLUSHALL', async () => {
    const before = await schedulerKeys();
    expect(before).toEqual(['alert/alert-tick', 'collect/source:1', 'mail/mail-sweep', 'maintenance/classify-sweep', 'maintenance/threat-retention', 'tipline/tipline-sweep']);
    const restored = restoredLater();
    await flushRedis();
    await restored();
    expect(await schedulerKeys()).toEqual(before);
  });

  it('come back after a Redis restart without persistence: collects resume, lost classify work is queued, /readyz and /metrics say so', async () => {
    // A post stored whose classify job Redis is about to lose.
    const importSource = (await insertSource(database.db, { kind: 'import', name: 'import: x', url: 'import://x', config: {}, everyMinutes: 1440, identityKey: 'import x', enabled: false }))!;
    const hourAgo = new Date(Date.now() - 3_600_000);
    const base = { url: null, title: null, text: 'väntar på klassning' };
    const { inserted } = await upsertPosts(database.db, { sourceId: importSource.id, platform: 'x', fetchRunId: null, now: hourAgo }, [
      { ...base, externalId: 'lost-1', authorHandle: null, language: 'sv', publishedAt: null, contentHash: contentHash(base), metadata: {} },
    ]);
    const collectAgain = feedRequested();
    const restoredAfterRestart = restoredLater();
    await redis.restart();
    await restoredAfterRestart();
    // Queued again by the recovery that follows the restore (or, earlier, by the sweep the previous restore started).
    expect(await isQueuedOrClassified(inserted[0]!)).toBe(true);
    await collectAgain;

    const ready = await new Client(url).get('/readyz');
    expect(ready.status, ready.text).toBe(200);
    expect(ready.json().checks.schedules.ok).toBe(true);
    const metrics = (await new Client(url).get('/metrics')).text;
    expect(Number(metrics.match(/^vaksam_schedule_reconciliations_total (\d+)$/m)![1])).toBeGreaterThanOrEqual(3);
    // Six schedulers (one source, five fixed) restored at start and again after the restart, whatever ran before.
    expect(Number(metrics.match(/^vaksam_schedulers_restored_total (\d+)$/m)![1])).toBeGreaterThanOrEqual(12);
    expect(metrics).toMatch(/^vaksam_schedulers_missing 0$/m);
  });
});
