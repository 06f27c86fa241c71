import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchRetryLaterError } from '../../../src/fetch/index.js';
import { SourceResponseError } from '../../../src/sources/api/index.js';
import { blueskyAdapter } from '../../../src/sources/bluesky/index.js';
import { closeTestFetchers, startReplayServer, testContext, type ReplayServer, type Reply } from '../api/collect-context.js';

type Raw = Record<string, unknown> & { uri: string; indexedAt: string; record: Record<string, unknown> };

const template = (JSON.parse(readFileSync(new URL('../../fixtures/bluesky/search-sv-ar.json', import.meta.url), 'utf8')) as {
  posts: Raw[];
}).posts[1]!;

/** Post n of a made-up search; n minutes after 10:00, so higher n is newer. */
function post(n: number, extra: Partial<Raw> = {}): Raw {
  const at = new Date(Date.UTC(2026, 10, 20, 10, n)).toISOString();
  return {
    ...template,
    uri: `at://did:plc:kommun6sv3ab5cd7ef9gh1jk/app.bsky.feed.post/3lvu${String(n).padStart(9, '0')}`,
    indexedAt: at,
    record: { ...template.record, createdAt: at },
    ...extra,
  };
}

/** Answers like searchPosts sort=latest: `since` (inclusive) filter, offset cursors, no cursor on the last page. */
function appView(posts: Raw[], extraHeaders: Record<string, string> = {}, pagesOverride: Raw[][] = []) {
  return (url: URL): Reply => {
    const limit = Number(url.searchParams.get('limit'));
    const since = url.searchParams.get('since');
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const pageIndex = offset / limit;
    const matching = [...posts]
      .filter((p) => since === null || p.indexedAt >= since)
      .sort((a, b) => (a.indexedAt < b.indexedAt ? 1 : -1));
    const page = pagesOverride[pageIndex] ?? matching.slice(offset, offset + limit);
    const more = pagesOverride.length > 0 ? pageIndex + 1 < pagesOverride.length : offset + limit < matching.length;
    return { body: { posts: page, ...(more ? { cursor: String(offset + limit) } : {}) }, headers: extraHeaders };
  };
}

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  await closeTestFetchers();
});

const run = (cursor: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  blueskyAdapter.collect(
    testContext({ kind: 'bluesky', cursor }),
    blueskyAdapter.configSchema.parse({ baseUrl: server!.url, query: 'LVU', limit: 2, requestsPerMinute: 600, ...extra }),
  );

describe('blueskyAdapter', () => {
  it('pages to the end on the first run, returns a post seen on two pages once and stores the watermark', async () => {
    server = await startReplayServer(appView([], {}, [[post(5), post(4)], [post(4), post(3)], [post(1)]]));
    const result = await run({}, { lang: 'sv' });

    expect(result.items.map((item) => item.externalId.slice(-1))).toEqual(['5', '4', '3', '1']);
    expect(result.cursor).toEqual({ since: '2026-11-20T10:05:00.000Z', seenAtSince: [post(5).uri] });
    expect(Object.fromEntries(server.urls[0]!.searchParams)).toEqual({ q: 'LVU', sort: 'latest', limit: '2', lang: 'sv' });
    expect(server.urls.map((url) => url.searchParams.get('cursor'))).toEqual([null, '2', '4']);
  });

  it('resumes with since and skips what the last run stored', async () => {
    server = await startReplayServer(appView([1, 2, 3, 4, 5].map((n) => post(n))));
    const stored = { since: '2026-11-20T10:03:00.000Z', seenAtSince: [post(3).uri] };
    const result = await run(stored);

    expect(result.items.map((item) => item.externalId.slice(-1))).toEqual(['5', '4']);
    expect(server.urls.every((url) => url.searchParams.get('since') === '2026-11-20T10:03:00.000Z')).toBe(true);
    expect(result.cursor).toEqual({ since: '2026-11-20T10:05:00.000Z', seenAtSince: [post(5).uri] });
    expect(result.warnings).toEqual([]);
  });

  it('warns when maxPages runs out before the stored watermark', async () => {
    server = await startReplayServer(appView([1, 2, 3, 4, 5, 6, 7].map((n) => post(n))));
    const result = await run({ since: '2026-11-20T10:01:00.000Z', seenAtSince: [] }, { maxPages: 2 });
    expect(result.items).toHaveLength(4);
    expect(result.warnings).toEqual([expect.stringMatching(/stopped after 2 pages.*were skipped/)]);
  });

  it('quarantines a post whose record lost its text and keeps the rest', async () => {
    const broken = post(2, { record: { createdAt: '2026-11-20T10:02:00.000Z' } });
    server = await startReplayServer(appView([post(1), broken, post(3)]));
    const result = await run({}, { limit: 10 });

    expect(result.items).toHaveLength(2);
    expect(result.quarantined).toEqual([
      { externalId: broken.uri, reason: expect.stringMatching(/record\.text/), raw: broken },
    ]);
  });

  it('quarantines a response without posts and stops', async () => {
    server = await startReplayServer(() => ({ body: { feed: [] } }));
    const result = await run();
    expect(result.quarantined).toEqual([expect.objectContaining({ externalId: null, raw: { feed: [] } })]);
    expect(result.cursor).toBeNull();
  });

  it('surfaces 429 with Retry-After as FetchRetryLaterError', async () => {
    server = await startReplayServer(() => ({ status: 429, headers: { 'retry-after': '30' }, body: { error: 'RateLimitExceeded' } }));
    await expect(run()).rejects.toMatchObject({ code: 'FETCH_RETRY_LATER', retryAfterMs: 30_000 });
    await expect(run()).rejects.toBeInstanceOf(FetchRetryLaterError);
  });

  it('throws SourceResponseError on an HTML page where JSON was expected', async () => {
    server = await startReplayServer(() => ({ body: '<html><head><title>Bad Gateway</title></head></html>' }));
    await expect(run()).rejects.toBeInstanceOf(SourceResponseError);
  });

  it('stops paging when ratelimit-remaining is low', async () => {
    server = await startReplayServer(appView([1, 2, 3, 4].map((n) => post(n)), { 'ratelimit-remaining': '1', 'ratelimit-reset': '1795420000' }));
    const result = await run();
    expect(server.urls).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/rate limit nearly used \(remaining 1, resets at 2026-11-23T/);
  });
});
