import { createFetcher } from '../../src/fetch/index.js';
import { silentLogger } from '../../src/log/index.js';
import { addSource, collectSource, contentHash, type CollectDeps } from '../../src/pipeline/index.js';
import { connectRedis, Queues } from '../../src/queue/index.js';
import { defaultRegistry } from '../../src/sources/index.js';
import { insertSource, upsertPosts, type PostRow } from '../../src/db/queries/index.js';
import type { Db } from '../../src/db/index.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';
import { rssFeed, startServer } from '../helpers/http-server.js';
import { ratePerSecond, round, seededRandom } from './measure.js';

const WORDS = 'socialtjänsten barn familj kommun beslut domstol placering nyheter region skola vård stöd föräldrar'.split(' ');

function sentence(random: () => number, words: number): string {
  return Array.from({ length: words }, () => WORDS[Math.floor(random() * WORDS.length)]).join(' ');
}

/**
 * End to end: a local HTTP server serves generated RSS feeds; every source is fetched through the hardened
 * fetcher, parsed, deduplicated and upserted into Postgres, and its new post ids are enqueued for classification.
 */
export async function benchIngest(db: Db, sourcesCount = 200, itemsPerSource = 250) {
  // Feeds are generated per request from a seed, so the bench's stand-in for the internet does not sit in this
  // process's memory (200 × 250 items would be ~80 MB of strings and would be counted as Vaksam's RSS).
  const feedBody = (s: number) => {
    const random = seededRandom(1000 + s);
    const items = Array.from({ length: itemsPerSource }, (_, i) => ({ id: `s${s}-i${i}`, title: sentence(random, 8), text: sentence(random, 60) }));
    return rssFeed(items, `Källa ${s}`);
  };
  const server = await startServer((req, res) => {
    const index = Number((req.url ?? '').split('/').pop());
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feedBody(index));
  });
  const redis = connectRedis(REDIS_URL);
  const prefix = testPrefix();
  const queues = new Queues(redis, { prefix, collectAttempts: 1, collectBackoffMs: 1000, classifyBatchSize: 500, sweepEveryMinutes: 5 });
  // All bench sources share one host (127.0.0.1); in production they are spread over many, so the per-host gap is off here.
  const fetcher = createFetcher({
    userAgent: 'Vaksam/bench (+https://example.org/vaksam)',
    allowPrivateNetworks: ['127.0.0.1/32'],
    perHostConcurrency: 16,
    perHostMinIntervalMs: 0,
    respectRobots: false,
  });
  try {
    const registry = defaultRegistry();
    const ids: number[] = [];
    for (let s = 0; s < sourcesCount; s++) {
      const row = await addSource({ db, registry, queues: null, now: () => new Date(), defaultEveryMinutes: 15 }, { kind: 'feed', name: `bench ${s}`, url: `${server.url}/feed/${s}` });
      ids.push(row.id);
    }
    const deps: CollectDeps = {
      db,
      fetcher,
      registry,
      log: silentLogger,
      now: () => new Date(),
      health: { unhealthyAfterFailures: 3, maxBackoffMinutes: 60 },
      upsertBatchSize: 1000,
      jobTimeoutMs: 60_000,
      enqueueClassify: (postIds) => queues.enqueueClassify(postIds),
    };
    let stored = 0;
    let next = 0;
    const concurrency = 8;
    const { perSecond, ms } = await ratePerSecond(sourcesCount * itemsPerSource, () =>
      Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < ids.length) {
            const summary = await collectSource(deps, ids[next++]!);
            if (summary.status !== 'ok') throw new Error(`bench source failed: ${String(summary.error)}`);
            stored += summary.itemsNew;
          }
        }),
      ),
    );
    const classifyJobs = await queues.classify.getJobCountByTypes('waiting');
    return {
      ingest_posts_per_s: round(perSecond),
      ingest_posts: stored,
      ingest_sources: sourcesCount,
      ingest_ms: round(ms, 0),
      ingest_classify_jobs: classifyJobs,
    };
  } finally {
    await fetcher.close();
    await queues.close();
    await deletePrefix(prefix);
    await redis.quit();
    await server.close();
  }
}

/** Batched multi-row upsert against one INSERT per row, on the same table in the same run. */
export async function benchUpsert(db: Db) {
  const random = seededRandom(7);
  const source = await insertSource(db, { kind: 'feed', name: 'upsert bench', url: 'https://bench.invalid/', config: {}, everyMinutes: 60, identityKey: 'upsert-bench' });
  const rows = (n: number, tag: string): PostRow[] =>
    Array.from({ length: n }, (_, i) => {
      const base = { url: `https://bench.invalid/${tag}/${i}`, title: sentence(random, 8), text: sentence(random, 60) };
      return { ...base, externalId: `${tag}-${i}`, authorHandle: null, language: 'sv', publishedAt: new Date(), contentHash: contentHash(base), metadata: {} };
    });
  const target = { sourceId: source!.id, platform: 'feed', fetchRunId: null, now: new Date() };
  const batched = rows(20_000, 'batch');
  const single = rows(2_000, 'single');
  const fast = await ratePerSecond(batched.length, () => upsertPosts(db, target, batched, 1000));
  const slow = await ratePerSecond(single.length, async () => {
    for (const row of single) await upsertPosts(db, target, [row], 1);
  });
  return {
    upsert_rows_per_s: round(fast.perSecond),
    upsert_baseline_rows_per_s: round(slow.perSecond),
    upsert_baseline_ratio: round(fast.perSecond / slow.perSecond, 2),
  };
}
