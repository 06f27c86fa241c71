import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchRetryLaterError } from '../../../src/fetch/index.js';
import { SourceResponseError } from '../../../src/sources/api/index.js';
import { redditAdapter } from '../../../src/sources/reddit/index.js';
import { closeTestFetchers, startReplayServer, testContext, type ReplayServer, type Reply } from '../api/collect-context.js';

type Child = { kind: string; data: Record<string, unknown> & { name: string; created_utc: number } };

const fixtureText = (name: string) => readFileSync(new URL(`../../fixtures/reddit/${name}`, import.meta.url), 'utf8');
const template = (JSON.parse(fixtureText('listing-sv-ar.json')) as { data: { children: Child[] } }).data.children[0]!;

/** Post n of a made-up subreddit; higher n is newer by one minute. */
function post(n: number, extra: Record<string, unknown> = {}): Child {
  const id = `1zz${String(n).padStart(4, '0')}`;
  return { kind: 't3', data: { ...template.data, name: `t3_${id}`, id, created_utc: 1795500000 + n * 60, ...extra } };
}

/** Answers like /r/<sub>/new.json: newest first, `after=<fullname>` paging, `after: null` on the last page. */
function listing(children: Child[], headers: Record<string, string> = {}, pages: Child[][] = []) {
  return (url: URL): Reply => {
    const limit = Number(url.searchParams.get('limit'));
    const after = url.searchParams.get('after');
    const sorted = [...children].sort((a, b) => b.data.created_utc - a.data.created_utc);
    const start = after === null ? 0 : sorted.findIndex((child) => child.data.name === after) + 1;
    const pageIndex = pages.findIndex((page) => page.at(-1)?.data.name === after) + 1;
    const page = pages.length > 0 ? (pages[pageIndex] ?? []) : sorted.slice(start, start + limit);
    const more = pages.length > 0 ? pageIndex + 1 < pages.length : start + limit < sorted.length;
    return {
      headers,
      body: { kind: 'Listing', data: { after: more ? page.at(-1)!.data.name : null, dist: page.length, children: page } },
    };
  };
}

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  await closeTestFetchers();
});

const run = (cursor: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  redditAdapter.collect(
    testContext({ kind: 'reddit', cursor }),
    redditAdapter.configSchema.parse({ baseUrl: server!.url, subreddit: 'r/sweden', limit: 2, requestsPerMinute: 600, ...extra }),
  );
const names = (result: Awaited<ReturnType<typeof run>>) => result.items.map((item) => item.externalId.slice(-1));

describe('redditAdapter', () => {
  it('pages with after= to the end, returns a post seen on two pages once and stores the watermark', async () => {
    server = await startReplayServer(listing([], {}, [[post(5), post(4)], [post(4), post(3)], [post(1)]]));
    const result = await run();

    expect(names(result)).toEqual(['5', '4', '3', '1']);
    expect(result.cursor).toEqual({ since: new Date((1795500000 + 300) * 1000).toISOString(), seenAtSince: ['t3_1zz0005'] });
    expect(server.urls.map((url) => `${url.pathname}?${url.searchParams.get('after') ?? ''}`)).toEqual([
      '/r/sweden/new.json?',
      '/r/sweden/new.json?t3_1zz0004',
      '/r/sweden/new.json?t3_1zz0003',
    ]);
    expect(server.urls[0]!.searchParams.get('raw_json')).toBe('1');
  });

  it('resumes from the watermark and stops paging at the first older post', async () => {
    server = await startReplayServer(listing([1, 2, 3, 4, 5, 6].map((n) => post(n))));
    const stored = { since: new Date((1795500000 + 4 * 60) * 1000).toISOString(), seenAtSince: ['t3_1zz0004'] };
    const result = await run(stored);

    expect(names(result)).toEqual(['6', '5']);
    expect(server.urls).toHaveLength(2);
    expect(result.warnings).toEqual([]);
  });

  it('resumes past a watermark post that was deleted since', async () => {
    server = await startReplayServer(listing([1, 2, 3, 5, 6].map((n) => post(n))));
    const stored = { since: new Date((1795500000 + 4 * 60) * 1000).toISOString(), seenAtSince: ['t3_1zz0004'] };
    expect(names(await run(stored))).toEqual(['6', '5']);
  });

  it('stops paging and warns when x-ratelimit-remaining is low', async () => {
    server = await startReplayServer(
      listing([1, 2, 3, 4].map((n) => post(n)), { 'x-ratelimit-remaining': '1.0', 'x-ratelimit-reset': '240', 'x-ratelimit-used': '99' }),
    );
    const result = await run();
    expect(server.urls).toHaveLength(1);
    expect(result.warnings).toEqual([expect.stringMatching(/rate limit nearly used \(remaining 1, resets at 2026-11-23T08:04:00.000Z\)/)]);
    expect(result.cursor).not.toBeNull();
  });

  it('quarantines a thing whose shape changed or whose kind is unknown and keeps the rest', async () => {
    const noTitle = post(2, { title: undefined });
    const subreddit = { kind: 't5', data: { name: 't5_2qofe', display_name: 'sweden', created_utc: 1 } };
    server = await startReplayServer(listing([], {}, [[post(3), noTitle, subreddit as unknown as Child, post(1)]]));
    const result = await run();

    expect(names(result)).toEqual(['3', '1']);
    expect(result.quarantined.map((q) => [q.externalId, q.raw])).toEqual([
      ['t3_1zz0002', noTitle],
      ['t5_2qofe', subreddit],
    ]);
    expect(result.quarantined[0]!.reason).toMatch(/title/);
  });

  it('counts deleted comments in a warning instead of storing empty items', async () => {
    server = await startReplayServer(() => ({ headers: { 'content-type': 'application/json' }, body: fixtureText('listing-sv-ar.json') }));
    const result = await run({}, { query: 'LVU', subreddit: undefined });

    expect(server.urls[0]!.pathname).toBe('/search.json');
    expect(Object.fromEntries(server.urls[0]!.searchParams)).toMatchObject({ q: 'LVU', sort: 'new' });
    expect(result.items.map((item) => item.externalId)).toEqual(['t3_1abc005', 't3_1abc004', 't3_1abc003', 't3_1abc002', 't1_kx0002']);
    expect(result.warnings).toEqual([expect.stringMatching(/skipped 1 deleted or removed comments/)]);
  });

  it('reads a recorded search listing within a subreddit', async () => {
    server = await startReplayServer(() => ({ headers: { 'content-type': 'application/json' }, body: fixtureText('search-praw.json') }));
    const result = await run({}, { query: 'praw oauth', subreddit: 'redditdev', limit: 100 });

    expect(server.urls[0]!.pathname).toBe('/r/redditdev/search.json');
    expect(server.urls[0]!.searchParams.get('restrict_sr')).toBe('1');
    expect(result.items.map((item) => item.externalId)).toEqual(['t3_3x4kt2', 't3_3b4erh', 't3_1qvzkd', 't3_3qc02b']);
  });

  it('throws SourceResponseError on a block page where JSON was expected', async () => {
    server = await startReplayServer(() => ({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!doctype html><html><head><title>Blocked</title></head><body>whoa there, pardner!</body></html>',
    }));
    await expect(run()).rejects.toThrow(SourceResponseError);
    await expect(run()).rejects.toThrow(/reddit source 1 'test'.*title 'Blocked'/);
  });

  it('surfaces 429 with Retry-After as FetchRetryLaterError', async () => {
    server = await startReplayServer(() => ({ status: 429, headers: { 'retry-after': '60' }, body: { message: 'Too Many Requests', error: 429 } }));
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchRetryLaterError);
    expect(error).toMatchObject({ code: 'FETCH_RETRY_LATER', retryAfterMs: 60_000 });
  });

  it('rejects a config with neither query nor subreddit', () => {
    expect(redditAdapter.configSchema.safeParse({}).success).toBe(false);
  });
});
