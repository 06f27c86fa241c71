import { afterEach, describe, expect, it } from 'vitest';
import { FetchRetryLaterError } from '../../../src/fetch/index.js';
import { SourceUnavailableError } from '../../../src/sources/api/index.js';
import { telegramAdapter } from '../../../src/sources/telegram/index.js';
import { closeTestFetchers, startReplayServer, testContext, type ReplayServer, type Reply } from '../api/collect-context.js';
import { channelPage, type PageMessage } from './channel-page.js';

const TEXTS = [
  'السوسيال يخطف أطفال المسلمين في السويد! #أوقفوا_خطف_أطفالنا',
  'Socialtjänsten <b>kidnappar</b> barn – sprid detta!',
  'الخدمات الاجتماعية تأخذ الأطفال بدون محكمة',
];

function message(id: number): PageMessage {
  return { id, html: TEXTS[id % TEXTS.length]!, datetime: new Date(Date.UTC(2026, 10, 20, 10, id)).toISOString() };
}

/** Answers like t.me/s/<channel>: `perPage` newest messages before `?before=`, oldest first, with a more-link. */
function channel(ids: number[], perPage = 3, overlap = 0) {
  return (url: URL): Reply => {
    if (url.pathname !== '/s/lvu_sanning') return { status: 302, headers: { location: '/lvu_sanning' } };
    const before = Number(url.searchParams.get('before') ?? Infinity);
    const older = ids.filter((id) => id < before).sort((a, b) => a - b);
    const page = ids.filter((id) => id >= before).sort((a, b) => a - b).slice(0, overlap).concat(older.slice(-perPage));
    page.sort((a, b) => a - b);
    const oldest = page[0];
    const hasOlder = oldest !== undefined && ids.some((id) => id < oldest);
    const html = channelPage('lvu_sanning', 'LVU-sanningen', page.map(message), hasOlder ? oldest : null);
    return { body: html, headers: { 'content-type': 'text/html; charset=utf-8' } };
  };
}

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
  await closeTestFetchers();
});

const run = (cursor: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  telegramAdapter.collect(
    testContext({ kind: 'telegram', cursor }),
    telegramAdapter.configSchema.parse({ channel: '@lvu_sanning', baseUrl: server!.url, requestsPerMinute: 600, ...extra }),
  );

const ids = (result: Awaited<ReturnType<typeof run>>) => result.items.map((item) => Number(item.externalId.split('/')[1]));

describe('telegramAdapter', () => {
  it('pages backwards to the first message on the first run and stores the newest id', async () => {
    server = await startReplayServer(channel([1, 2, 3, 4, 5, 6, 7, 8]));
    const result = await run();

    expect(ids(result).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(result.cursor).toEqual({ newestId: 8 });
    expect(server.urls.map((url) => url.search)).toEqual(['', '?before=6', '?before=3']);
    const arabic = result.items.find((item) => item.externalId === 'lvu_sanning/3')!;
    expect(arabic).toMatchObject({ text: TEXTS[0], authorHandle: 'lvu_sanning', url: 'https://t.me/lvu_sanning/3' });
    expect(result.items.find((item) => item.externalId === 'lvu_sanning/4')!.text).toBe(
      'Socialtjänsten kidnappar barn – sprid detta!',
    );
  });

  it('resumes from the stored id and stops paging once it is reached', async () => {
    server = await startReplayServer(channel([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const result = await run({ newestId: 6 });
    expect(ids(result).sort((a, b) => a - b)).toEqual([7, 8, 9, 10]);
    expect(result.cursor).toEqual({ newestId: 10 });
    expect(server.urls).toHaveLength(2);
  });

  it('stops at a stored id whose message was deleted since the last run', async () => {
    server = await startReplayServer(channel([1, 2, 3, 4, 5, 7, 8, 9, 10]));
    const result = await run({ newestId: 6 });
    expect(ids(result).sort((a, b) => a - b)).toEqual([7, 8, 9, 10]);
    expect(result.warnings).toEqual([]);
  });

  it('returns a message shown on two pages once', async () => {
    server = await startReplayServer(channel([1, 2, 3, 4, 5, 6], 3, 1));
    const result = await run();
    expect(ids(result).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stops when a page does not move backwards instead of looping to maxPages', async () => {
    server = await startReplayServer(() => ({
      headers: { 'content-type': 'text/html' },
      body: channelPage('lvu_sanning', 'LVU', [message(5), message(6)], 5),
    }));
    const result = await run({}, { maxPages: 10 });
    expect(server.urls.map((url) => url.search)).toEqual(['', '?before=5']);
    expect(ids(result)).toEqual([5, 6]);
  });

  it('keeps the stored cursor when nothing is new', async () => {
    server = await startReplayServer(channel([1, 2, 3]));
    const result = await run({ newestId: 3 });
    expect(result).toMatchObject({ items: [], cursor: null });
  });

  it('warns about the gap when maxPages runs out before the stored id', async () => {
    server = await startReplayServer(channel([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    const result = await run({ newestId: 2 }, { maxPages: 2 });
    expect(ids(result)).toHaveLength(6);
    expect(result.warnings).toEqual([expect.stringMatching(/before reaching message 2; messages between it and 5 were skipped/)]);
  });

  it('quarantines a message whose markup changed and keeps the run going', async () => {
    server = await startReplayServer(() => ({
      headers: { 'content-type': 'text/html' },
      body: channelPage('lvu_sanning', 'LVU', [message(1), { ...message(2), datetime: null }, message(3)], null),
    }));
    const result = await run();
    expect(ids(result)).toEqual([1, 3]);
    expect(result.quarantined.map((q) => q.externalId)).toEqual(['lvu_sanning/2']);
  });

  it('throws SourceUnavailableError when the channel has no public preview', async () => {
    server = await startReplayServer((url): Reply =>
      url.pathname === '/lvu_sanning'
        ? { headers: { 'content-type': 'text/html' }, body: '<html><body><div class="tgme_page">Contact @lvu_sanning</div></body></html>' }
        : { status: 302, headers: { location: '/lvu_sanning' } },
    );
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/telegram source 1 'test'.*'lvu_sanning' may not exist/);
  });

  it('surfaces 429 with Retry-After as FetchRetryLaterError', async () => {
    server = await startReplayServer(() => ({ status: 429, headers: { 'retry-after': '5' }, body: 'Too Many Requests' }));
    const error = await run().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FetchRetryLaterError);
    expect(error).toMatchObject({ retryAfterMs: 5_000 });
  });

  it.each([
    ['https://t.me/lvu_sanning', 'lvu_sanning'],
    ['t.me/s/lvu_sanning/', 'lvu_sanning'],
    ['@lvu_sanning', 'lvu_sanning'],
  ])('accepts the channel written as %s', (channelName, expected) => {
    expect(telegramAdapter.configSchema.parse({ channel: channelName }).channel).toBe(expected);
  });
});
