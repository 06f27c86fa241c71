import { afterEach, describe, expect, it } from 'vitest';
import type { FetchResponse } from '../../../src/fetch/index.js';
import { collectPages, minIntervalMs, parseJsonBody, type PageRead } from '../../../src/sources/api/index.js';
import type { CollectedItem } from '../../../src/sources/types.js';
import { closeTestFetchers, startReplayServer, testContext, type ReplayServer } from './collect-context.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  await closeTestFetchers();
});

const item = (id: string): CollectedItem => ({ externalId: id, url: null, authorHandle: null, title: null, text: `post ${id}`, language: null, publishedAt: null, metadata: {} });

/** Pages `/p/<n>` answer `{ ids, next }` as JSON; a page listed in `broken` answers a wrong shape. */
function pagesServer(pages: string[][], options: { broken?: number; headers?: Record<string, string> } = {}) {
  return startReplayServer((url) => {
    const n = Number(url.pathname.split('/').pop());
    if (n === options.broken) return { body: { unexpected: true } };
    return { body: { ids: pages[n - 1] ?? [], next: n < pages.length ? n + 1 : null }, headers: options.headers };
  });
}

function readIdsPage(origin: string) {
  return (response: FetchResponse): PageRead => {
    const body = parseJsonBody(response, 'test source') as { ids?: string[]; next?: number | null };
    if (!Array.isArray(body.ids)) return { kind: 'wrong-shape', reason: 'ids: expected array', raw: body };
    return {
      kind: 'page',
      items: body.ids.map(item),
      quarantined: [],
      entries: body.ids.length,
      next: body.next ? { url: `${origin}/p/${body.next}` } : null,
    };
  };
}

const run = (origin: string, maxPages: number, minRateLimitRemaining?: number) =>
  collectPages(testContext({ kind: 'reddit' }), {
    label: 'test source',
    first: { url: `${origin}/p/1` },
    requestsPerMinute: 600,
    maxPages,
    minRateLimitRemaining,
    readPage: readIdsPage(origin),
  });

describe('collectPages', () => {
  it('pages to the end, keeps an item seen on two pages once and counts bytes and the first status', async () => {
    server = await pagesServer([['a', 'b'], ['b', 'c'], ['d']]);
    const paged = await run(server.url, 10);
    const result = paged.result({ at: 'd' });

    expect(result.items.map((i) => i.externalId)).toEqual(['a', 'b', 'c', 'd']);
    expect(paged).toMatchObject({ pages: 3, more: false });
    expect(result).toMatchObject({ cursor: { at: 'd' }, httpStatus: 200, notModified: false, quarantined: [] });
    expect(result.bytes).toBeGreaterThan(0);
  });

  it('stops at maxPages and says pages were left', async () => {
    server = await pagesServer([['a'], ['b'], ['c']]);
    const paged = await run(server.url, 2);
    expect(paged).toMatchObject({ pages: 2, more: true });
    expect(server.urls.map((u) => u.pathname)).toEqual(['/p/1', '/p/2']);
  });

  it('quarantines a page of the wrong shape with its URL, keeps the earlier pages and stops', async () => {
    server = await pagesServer([['a'], ['b'], ['c']], { broken: 2 });
    const paged = await run(server.url, 10);
    const result = paged.result(null);

    expect(result.items.map((i) => i.externalId)).toEqual(['a']);
    expect(result.quarantined).toEqual([{ externalId: null, reason: `test source: ${server.url}/p/2: ids: expected array`, raw: { unexpected: true } }]);
    expect(result.warnings).toEqual(['test source: page 2 has an unexpected shape and was quarantined; paging stopped']);
    expect(paged.more).toBe(false);
  });

  it('stops with a warning when the rate-limit headers say the budget is nearly used', async () => {
    server = await pagesServer([['a'], ['b']], { headers: { 'x-ratelimit-remaining': '1' } });
    const paged = await run(server.url, 10, 5);
    expect(paged).toMatchObject({ pages: 1, more: true });
    expect(paged.warnings).toEqual([expect.stringMatching(/^test source: stopped paging, rate limit nearly used \(remaining 1/)]);
  });

  it('ignores the rate-limit headers of an API that has none configured', async () => {
    server = await pagesServer([['a'], ['b']], { headers: { 'x-ratelimit-remaining': '1' } });
    const paged = await run(server.url, 10);
    expect(paged).toMatchObject({ pages: 2, more: false, warnings: [] });
  });

  it.each([
    [60, 1000],
    [7, 8572],
    [600, 100],
  ])('turns %i requests per minute into %i ms between requests', (perMinute, ms) => {
    expect(minIntervalMs(perMinute)).toBe(ms);
  });
});
