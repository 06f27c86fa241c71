import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { FetchRetryLaterError } from '../../../src/fetch/index.js';
import { SourceResponseError } from '../../../src/sources/api/index.js';
import { mastodonAdapter } from '../../../src/sources/mastodon/index.js';
import { closeTestFetchers, startReplayServer, testContext, type ReplayServer, type Reply } from '../api/collect-context.js';

type Raw = Record<string, unknown>;

const template = (JSON.parse(
  readFileSync(new URL('../../fixtures/mastodon/statuses-sv-ar.json', import.meta.url), 'utf8'),
) as Raw[])[0]!;
const hoot = readFileSync(new URL('../../fixtures/mastodon/tag-timeline-hoot.json', import.meta.url), 'utf8');
const hootLink = (JSON.parse(
  readFileSync(new URL('../../fixtures/mastodon/tag-timeline-hoot.headers.json', import.meta.url), 'utf8'),
) as { link: string }).link;

/** Status n of a made-up timeline; higher n is newer, ids compare like Mastodon's. */
function status(n: number, extra: Raw = {}): Raw {
  const id = `1135000000000${String(n).padStart(5, '0')}`;
  return { ...template, id, uri: `https://social.example/users/anna/statuses/${id}`, url: null, ...extra };
}

/** Answers like a Mastodon tag timeline: newest first, max_id/min_id paging, Link header next/prev. */
function timeline(statuses: Raw[], extraHeaders: Record<string, string> = {}) {
  return (url: URL, origin: string): Reply => {
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const maxId = url.searchParams.get('max_id');
    const minId = url.searchParams.get('min_id');
    const byId = [...statuses].sort((a, b) => (String(a.id) < String(b.id) ? 1 : -1));
    const page = minId
      ? byId.filter((s) => String(s.id) > minId).slice(-limit)
      : byId.filter((s) => maxId === null || String(s.id) < maxId).slice(0, limit);
    const path = `${origin}${url.pathname}?limit=${limit}`;
    const headers: Record<string, string> = { ...extraHeaders };
    if (page.length > 0) {
      headers.link = `<${path}&max_id=${String(page.at(-1)!.id)}>; rel="next", <${path}&min_id=${String(page[0]!.id)}>; rel="prev"`;
    }
    return { body: page, headers };
  };
}

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  await closeTestFetchers();
});

const config = (extra: Raw = {}) =>
  mastodonAdapter.configSchema.parse({ instance: server!.url, tag: 'LVU', limit: 2, requestsPerMinute: 600, ...extra });

const run = (cursor: Raw = {}, extra: Raw = {}) =>
  mastodonAdapter.collect(testContext({ kind: 'mastodon', cursor }), config(extra));

describe('mastodonAdapter', () => {
  it('pages to the end on the first run, stores a boosted status once and keeps the newest id', async () => {
    const boostOfTwo = status(3, { reblog: status(2) });
    server = await startReplayServer(timeline([status(1), status(2), boostOfTwo, status(4), status(5)]));
    const result = await run({}, { maxPages: 10 });

    expect(result.items.map((item) => item.externalId.slice(-2))).toEqual(['05', '04', '02', '01']);
    expect(result.cursor).toEqual({ newestId: '113500000000000005' });
    expect(result.quarantined).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(server.urls.map((url) => url.searchParams.get('max_id')?.slice(-2) ?? null)).toEqual([
      null,
      '04',
      '02',
      '01',
    ]);
  });

  it('resumes from the stored cursor with min_id and fetches only what is new', async () => {
    server = await startReplayServer(timeline([1, 2, 3, 4, 5, 6].map((n) => status(n))));
    const result = await run({ newestId: '113500000000000003' });

    expect(result.items.map((item) => item.externalId.slice(-1)).sort()).toEqual(['4', '5', '6']);
    expect(result.cursor).toEqual({ newestId: '113500000000000006' });
    expect(server.urls.map((url) => url.searchParams.get('min_id')?.slice(-1))).toEqual(['3', '5', '6']);
  });

  it('keeps the stored cursor when nothing is new', async () => {
    server = await startReplayServer(timeline([status(1)]));
    const result = await run({ newestId: '113500000000000001' });
    expect(result).toMatchObject({ items: [], cursor: null });
  });

  it('stops at maxPages on the first run', async () => {
    server = await startReplayServer(timeline([1, 2, 3, 4, 5, 6].map((n) => status(n))));
    const result = await run({}, { maxPages: 2 });
    expect(result.items).toHaveLength(4);
    expect(result.cursor).toEqual({ newestId: '113500000000000006' });
    expect(server.urls).toHaveLength(2);
  });

  it('quarantines a status whose shape changed and keeps the rest of the run', async () => {
    const changed: Raw = { ...status(2), account: undefined, created_at: 'yesterday' };
    server = await startReplayServer(timeline([status(1), changed, status(3)]));
    const result = await run({}, { limit: 40 });

    expect(result.items).toHaveLength(2);
    expect(result.quarantined).toHaveLength(1);
    expect(result.quarantined[0]).toMatchObject({ externalId: changed.uri, raw: expect.objectContaining({ id: changed.id }) });
    expect(result.quarantined[0]!.reason).toMatch(/created_at.*account|account.*created_at/s);
    expect(result.cursor).toEqual({ newestId: '113500000000000003' });
  });

  it('quarantines a page that is no longer a list and stops paging', async () => {
    server = await startReplayServer(() => ({ body: { statuses: [] } }));
    const result = await run();
    expect(result.items).toEqual([]);
    expect(result.quarantined).toEqual([expect.objectContaining({ externalId: null, raw: { statuses: [] } })]);
    expect(result.warnings[0]).toMatch(/unexpected shape/);
    expect(result.cursor).toBeNull();
  });

  it('reads a recorded tag timeline and ignores Link headers that point to another origin', async () => {
    server = await startReplayServer((url) =>
      url.searchParams.has('max_id') ? { body: [] } : { body: hoot, headers: { 'content-type': 'application/json', link: hootLink } },
    );
    const result = await run();
    expect(result.items).toHaveLength(1);
    expect(result.items[0]!.text).toBe('#hoot (hashtag toot)');
    expect(server.urls[1]!.origin).toBe(server.url);
    expect(server.urls[1]!.searchParams.get('max_id')).toBe('117020593741189701');
  });

  it('surfaces 429 with Retry-After as FetchRetryLaterError', async () => {
    server = await startReplayServer(() => ({ status: 429, headers: { 'retry-after': '120' }, body: { error: 'Too many requests' } }));
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchRetryLaterError);
    expect(error).toMatchObject({ code: 'FETCH_RETRY_LATER', status: 429, retryAfterMs: 120_000 });
  });

  it('throws SourceResponseError naming the source on an HTML page where JSON was expected', async () => {
    server = await startReplayServer(() => ({
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: '<!DOCTYPE html><html><head><title>We are down for maintenance</title></head><body>…</body></html>',
    }));
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceResponseError);
    expect(error).toMatchObject({ code: 'SOURCE_BAD_RESPONSE' });
    expect((error as Error).message).toMatch(/mastodon source 1 'test'.*HTML page.*We are down for maintenance/);
  });

  it('stops paging with a warning when the rate-limit budget is nearly used', async () => {
    server = await startReplayServer(
      timeline([1, 2, 3, 4].map((n) => status(n)), { 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': '2026-11-23T08:05:00.000Z' }),
    );
    const result = await run();
    expect(server.urls).toHaveLength(1);
    expect(result.items).toHaveLength(2);
    expect(result.warnings).toEqual([expect.stringMatching(/rate limit nearly used \(remaining 2, resets at 2026-11-23T08:05:00.000Z\)/)]);
  });

  it('encodes an Arabic hashtag in the path', async () => {
    server = await startReplayServer(() => ({ body: [] }));
    await run({}, { tag: '#أوقفوا_خطف_أطفالنا' });
    expect(decodeURIComponent(server.urls[0]!.pathname)).toBe('/api/v1/timelines/tag/أوقفوا_خطف_أطفالنا');
  });

  it('searches statuses with the token and pages by max_id when there is no Link header', async () => {
    const authorizations: Array<string | undefined> = [];
    server = await startReplayServer((url, _origin, request) => {
      authorizations.push(request.headers.authorization);
      const statuses = url.searchParams.has('max_id') ? [] : [status(2), status(1)];
      return { body: { accounts: [], statuses, hashtags: [] } };
    });
    const result = await run({}, { tag: undefined, query: 'socialtjänsten kidnappar', token: 's3cret' });

    expect(result.items).toHaveLength(2);
    expect(server.urls[0]!.pathname).toBe('/api/v2/search');
    expect(Object.fromEntries(server.urls[0]!.searchParams)).toMatchObject({ q: 'socialtjänsten kidnappar', type: 'statuses' });
    expect(server.urls[1]!.searchParams.get('max_id')).toBe('113500000000000001');
    expect(authorizations).toEqual(['Bearer s3cret', 'Bearer s3cret']);
  });

  it.each([
    [{ instance: 'https://m.example' }, /exactly one of tag and query/],
    [{ instance: 'https://m.example', tag: 'a', query: 'b' }, /exactly one of tag and query/],
    [{ instance: 'ftp://m.example', tag: 'a' }, /http\(s\) URL/],
    [{ instance: 'https://m.example', tag: '#' }, /too_small|at least 1|>=1/i],
  ])('rejects the config %j', (raw, message) => {
    const parsed = mastodonAdapter.configSchema.safeParse(raw);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(message);
  });
});
