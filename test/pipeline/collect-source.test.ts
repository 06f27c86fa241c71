import { once } from 'node:events';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { schema } from '../../src/db/index.js';
import { getSource } from '../../src/db/queries/index.js';
import { createFetcher } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/log/index.js';
import { addSource, collectSource, type CollectDeps } from '../../src/pipeline/index.js';
import { connectRedis, Queues } from '../../src/queue/index.js';
import { defaultRegistry } from '../../src/sources/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';
import { rssFeed, startServer, type TestServer } from '../helpers/http-server.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
const redis = connectRedis(REDIS_URL);
const prefix = testPrefix();
let queues: Queues;
const fetcher = createFetcher({
  userAgent: 'Vaksam/test (+https://example.org/vaksam)',
  allowPrivateNetworks: ['127.0.0.1/32'],
  perHostMinIntervalMs: 0,
  perHostConcurrency: 8,
  respectRobots: false,
});

/** What the test server answers for /feed/<name>: the test sets it before each run. */
const feeds = new Map<string, { status: number; body: string; etag?: string }>();
let clock = new Date('2026-11-23T10:00:00Z');

function deps(): CollectDeps {
  return {
    db: database.db,
    fetcher,
    registry: defaultRegistry(),
    log: silentLogger,
    now: () => clock,
    health: { unhealthyAfterFailures: 2, maxBackoffMinutes: 60 },
    upsertBatchSize: 100,
    jobTimeoutMs: 10_000,
    enqueueClassify: (ids) => queues.enqueueClassify(ids),
  };
}

async function newFeedSource(name: string) {
  return addSource(
    { db: database.db, registry: defaultRegistry(), queues, now: () => clock, defaultEveryMinutes: 15 },
    { kind: 'feed', name, url: `${server.url}/feed/${name}` },
  );
}

/** A source whose feed of 120 items (ETag "v1") was collected once, with its classify jobs cleared: each test makes its own. */
async function collectedNewsSource(name: string) {
  feeds.set(name, { status: 200, body: rssFeed(items(120)), etag: '"v1"' });
  const source = await newFeedSource(name);
  expect(await collectSource(deps(), source.id)).toMatchObject({ status: 'ok', itemsNew: 120 });
  await queues.classify.obliterate({ force: true });
  return source;
}

async function classifyBatches(): Promise<number[][]> {
  const jobs = await queues.classify.getJobs(['waiting', 'delayed', 'paused']);
  return jobs.map((j) => j.data.postIds);
}

beforeAll(async () => {
  database = await createTestDatabase();
  queues = new Queues(redis, { prefix, collectAttempts: 2, collectBackoffMs: 100, classifyBatchSize: 50, sweepEveryMinutes: 5 });
  server = await startServer((req, res) => {
    const name = (req.url ?? '').split('/').pop()!;
    const feed = feeds.get(name);
    if (!feed) return void res.writeHead(404).end('no such feed');
    if (feed.etag && req.headers['if-none-match'] === feed.etag) return void res.writeHead(304).end();
    res.writeHead(feed.status, { 'content-type': 'application/rss+xml; charset=utf-8', ...(feed.etag ? { etag: feed.etag } : {}) });
    res.end(feed.body);
  });
});

afterAll(async () => {
  await server.close();
  await queues.close();
  await deletePrefix(prefix);
  await redis.quit();
  await fetcher.close();
  await database.drop();
});

beforeEach(async () => {
  await queues.classify.obliterate({ force: true });
});

const items = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ id: `item-${from + i}`, title: `Rubrik ${from + i}`, text: `Socialtjänsten nyhet ${from + i}` }));

describe('collectSource', () => {
  it('stores a feed, records the run with evidence, and enqueues the new post ids for classification', async () => {
    feeds.set('news', { status: 200, body: rssFeed(items(120)), etag: '"v1"' });
    const source = await newFeedSource('news');
    const summary = await collectSource(deps(), source.id, 'job-1');
    expect(summary).toMatchObject({ status: 'ok', itemsSeen: 120, itemsNew: 120, itemsUpdated: 0 });

    const stored = await database.db.select().from(schema.posts).where(eq(schema.posts.sourceId, source.id));
    expect(stored).toHaveLength(120);
    expect(stored.find((p) => p.externalId === 'item-7')).toMatchObject({ title: 'Rubrik 7', text: 'Socialtjänsten nyhet 7', language: 'sv', platform: 'feed' });

    const [run] = await database.db.select().from(schema.fetchRuns).where(eq(schema.fetchRuns.id, summary.fetchRunId!));
    expect(run).toMatchObject({ status: 'ok', httpStatus: 200, itemsNew: 120, jobId: 'job-1' });
    expect(run!.exchanges[0]).toMatchObject({ status: 200, url: `${server.url}/feed/news` });
    expect(run!.exchanges[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(run!.exchanges[0]!.headers.etag).toBe('"v1"');

    const batches = await classifyBatches();
    expect(batches.flat().sort((a, b) => a - b)).toEqual(stored.map((p) => Number(p.id)).sort((a, b) => a - b));
    expect(Math.max(...batches.map((b) => b.length))).toBeLessThanOrEqual(50);

    const after = await getSource(database.db, source.id);
    expect(after).toMatchObject({ health: 'healthy', consecutiveFailures: 0, itemsTotal: 120, cursor: { etag: '"v1"' } });
  });

  it('answers an unchanged feed with a conditional GET and stores nothing', async () => {
    const source = await collectedNewsSource('unchanged');
    const summary = await collectSource(deps(), source.id);
    expect(summary.status).toBe('not_modified');
    expect(summary.itemsNew).toBe(0);
    expect(await classifyBatches()).toEqual([]);
  });

  it('updates an edited item in place and sends only it and new items to classification', async () => {
    const source = await collectedNewsSource('edited');
    const edited = items(120);
    edited[3] = { ...edited[3]!, text: 'Rättad text' };
    feeds.set('edited', { status: 200, body: rssFeed([...edited, ...items(2, 500)]), etag: '"v2"' });
    const summary = await collectSource(deps(), source.id);
    expect(summary).toMatchObject({ status: 'ok', itemsNew: 2, itemsUpdated: 1 });
    expect((await classifyBatches()).flat()).toHaveLength(3);
  });

  it('stores each item once when two workers collect the same source at the same time', async () => {
    feeds.set('race', { status: 200, body: rssFeed(items(300, 1000)) });
    const source = await newFeedSource('race');
    const [a, b] = await Promise.all([collectSource(deps(), source.id), collectSource(deps(), source.id)]);
    expect(a.itemsNew + b.itemsNew).toBe(300);
    const stored = await database.db.select({ id: schema.posts.id }).from(schema.posts).where(eq(schema.posts.sourceId, source.id));
    expect(stored).toHaveLength(300);
  });

  it('records failures, marks a source unhealthy after repeated ones, and skips it while backed off', async () => {
    feeds.set('flaky', { status: 503, body: 'down' });
    const source = await newFeedSource('flaky');
    const first = await collectSource(deps(), source.id);
    expect(first.status).toBe('failed');
    expect((await getSource(database.db, source.id))).toMatchObject({ health: 'failing', consecutiveFailures: 1, lastErrorCode: 'FETCH_HTTP_5XX' });

    await collectSource(deps(), source.id);
    const unhealthy = (await getSource(database.db, source.id))!;
    expect(unhealthy.health).toBe('unhealthy');
    expect(unhealthy.backoffUntil!.getTime()).toBeGreaterThan(clock.getTime());

    const skipped = await collectSource(deps(), source.id);
    expect(skipped).toMatchObject({ status: 'skipped', skippedReason: 'backed-off' });

    clock = new Date(unhealthy.backoffUntil!.getTime() + 1000);
    feeds.set('flaky', { status: 200, body: rssFeed(items(1, 9000)) });
    expect((await collectSource(deps(), source.id)).status).toBe('ok');
    expect(await getSource(database.db, source.id)).toMatchObject({ health: 'healthy', consecutiveFailures: 0, backoffUntil: null });
  });

  it('keeps the rest of the run when a feed is malformed, and names the source in the error of one that is not a feed', async () => {
    feeds.set('html', { status: 200, body: '<html><body>Not a feed</body></html>' });
    const source = await newFeedSource('html');
    const summary = await collectSource(deps(), source.id);
    expect(summary.status).toBe('failed');
    const [run] = await database.db.select().from(schema.fetchRuns).where(eq(schema.fetchRuns.id, summary.fetchRunId!));
    expect(run!.errorCode).toBe('FEED_UNPARSEABLE');
  });
});

export { once };
