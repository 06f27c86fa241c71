import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../../src/fetch/index.js';
import { feedAdapter, feedSourceConfigSchema, FeedUnparseableError } from '../../../src/sources/feed/index.js';
import { collectContext, startRouteServer, testFetcher, type RouteServer } from './route-server.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url));
const XML = { 'content-type': 'application/rss+xml' };

let server: RouteServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startRouteServer();
  fetcher = testFetcher();
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
});

async function collect(path: string, cursor: Record<string, unknown> = {}, config = {}) {
  const ctx = collectContext(fetcher, { kind: 'feed', url: `${server.origin}${path}`, cursor });
  return feedAdapter.collect(ctx, feedSourceConfigSchema.parse(config));
}

describe('feedAdapter', () => {
  it('collects items with the stored validators and returns new ones as cursor', async () => {
    server.routes.set('/rss', { headers: { ...XML, etag: '"v1"', 'last-modified': 'Tue, 12 Mar 2024 09:00:00 GMT' }, body: fixture('rss20.xml') });
    const result = await collect('/rss');
    expect(result).toMatchObject({ httpStatus: 200, notModified: false, cursor: { etag: '"v1"', lastModified: 'Tue, 12 Mar 2024 09:00:00 GMT' }, quarantined: [] });
    expect(result.bytes).toBe(fixture('rss20.xml').length);
    expect(result.items[0]).toEqual({
      externalId: 'nyhet-1042',
      url: 'https://www.exempelkommun.se/nyheter/2024/falska-pastaenden',
      authorHandle: 'Kommunikationsavdelningen',
      title: 'Falska påståenden om socialtjänsten sprids i sociala medier',
      text: 'Kommunen har fått frågor om LVU.\n\nBeslut om vård enligt LVU fattas av förvaltningsrätten.',
      language: 'sv-SE',
      publishedAt: new Date('2024-03-12T08:30:00.000Z'),
      metadata: {
        feedKind: 'rss',
        categories: ['Socialtjänst', 'Barn och familj'],
        enclosures: [{ url: 'https://www.exempelkommun.se/media/bild.jpg', type: 'image/jpeg', length: 12345 }],
        updated: null,
        publishedRaw: 'Tue, 12 Mar 2024 09:30:00 +0100',
        summary: 'Kommunen har fått frågor om LVU.',
      },
    });
  });

  it('reads dates without a zone in Europe/Stockholm by default and keeps the raw value (issue 16)', async () => {
    server.routes.set('/zoneless', { headers: XML, body: fixture('zoneless-dates.xml') });
    const { items } = await collect('/zoneless');
    expect(items.map((item) => [item.externalId, item.publishedAt?.toISOString(), item.metadata.publishedRaw])).toEqual([
      ['india-1', '2022-11-21T15:42:00.000Z', 'Mon, 21 Nov 2022 04:42 PM'],
      ['czech-1', '2022-11-22T11:16:00.000Z', '22.11.2022 12:16:00'],
      ['drupal-1', '2019-05-03T13:21:00.000Z', 'Fri, 05/03/2019 - 15:21'],
    ]);
  });

  it("reads dates without a zone in the source's configured timeZone", async () => {
    server.routes.set('/zoneless-india', { headers: XML, body: fixture('zoneless-dates.xml') });
    const { items } = await collect('/zoneless-india', {}, { timeZone: 'Asia/Kolkata' });
    expect(items[0]?.publishedAt?.toISOString()).toBe('2022-11-21T11:12:00.000Z');
  });

  it('refuses a timeZone that is not an IANA zone, naming the key', () => {
    const result = feedSourceConfigSchema.safeParse({ timeZone: 'Mars/Olympus' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ['timeZone'], message: expect.stringMatching(/IANA time zone/) });
  });

  it('sends If-None-Match / If-Modified-Since and reports 304 as not modified', async () => {
    server.routes.set('/conditional', (headers) =>
      headers['if-none-match'] === '"v1"' ? { status: 304, headers: { etag: '"v1"' } } : { headers: XML, body: fixture('rss20.xml') },
    );
    const result = await collect('/conditional', { etag: '"v1"', lastModified: 'Tue, 12 Mar 2024 09:00:00 GMT' });
    expect(result).toMatchObject({ notModified: true, items: [], cursor: null, httpStatus: 304 });
    const request = server.requests.findLast((r) => r.path === '/conditional');
    expect(request?.headers['if-modified-since']).toBe('Tue, 12 Mar 2024 09:00:00 GMT');
  });

  it.each([
    ['ISO-8859-1 declared in the XML', 'iso-8859-1.xml', XML, 'Socialtjänsten svarar på frågor', 'Föräldrar får stöd'],
    ['windows-1256 declared in the XML', 'windows-1256.xml', XML, 'السوسيال في السويد', 'الخدمات الاجتماعية'],
    ['windows-1256 mislabelled utf-8 by the server', 'windows-1256.xml', { 'content-type': 'text/xml; charset=utf-8' }, 'السوسيال في السويد', 'الخدمات الاجتماعية'],
  ])('decodes %s', async (name, file, headers, title, text) => {
    const path = `/charset/${name.replace(/\W+/g, '-')}`;
    server.routes.set(path, { headers, body: fixture(file) });
    const result = await collect(path);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ title, text: expect.stringContaining(text) });
    expect(JSON.stringify(result.items)).not.toContain('\ufffd');
  });

  it('warns about a mislabelled charset', async () => {
    server.routes.set('/mislabelled', { headers: { 'content-type': 'text/xml; charset=utf-8' }, body: fixture('windows-1256.xml') });
    const result = await collect('/mislabelled');
    expect(result.warnings.some((w) => /not valid UTF-8/i.test(w))).toBe(true);
  });

  it('keeps going over invalid UTF-8 bytes, with replacement characters', async () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Trasig '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' text</title><item><guid>u1</guid><title>OK</title></item></channel></rss>'),
    ]);
    server.routes.set('/invalid-utf8', { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: bytes });
    const result = await collect('/invalid-utf8');
    expect(result.items.map((item) => item.externalId)).toEqual(['u1']);
    expect(result.warnings.length).toBeGreaterThan(0);
  });

  it('collects a JSON Feed and falls back to the feed language', async () => {
    server.routes.set('/feed.json', { headers: { 'content-type': 'application/feed+json' }, body: fixture('jsonfeed.json') });
    const result = await collect('/feed.json');
    expect(result.items.map((item) => [item.externalId, item.language])).toEqual([
      ['2', 'sv'],
      ['1', 'sv'],
    ]);
  });

  it('keeps items without ids and links under stable derived ids', async () => {
    server.routes.set('/no-ids', { headers: XML, body: fixture('no-ids.xml') });
    const first = await collect('/no-ids');
    const second = await collect('/no-ids');
    expect(first.items).toHaveLength(3);
    expect(second.items.map((item) => item.externalId)).toEqual(first.items.map((item) => item.externalId));
    expect(first.items[1]).toMatchObject({ title: 'Två', text: 'Andra texten' });
  });

  it('applies maxItems with a warning', async () => {
    server.routes.set('/rss-max', { headers: XML, body: fixture('rss20.xml') });
    const result = await collect('/rss-max', {}, { maxItems: 1 });
    expect(result.items.map((item) => item.externalId)).toEqual(['nyhet-1042']);
    expect(result.warnings).toContain('feed has 2 items; kept the first 1 (maxItems)');
  });

  it('passes on safe-parse warnings for a billion-laughs feed', async () => {
    server.routes.set('/laughs', { headers: XML, body: fixture('billion-laughs.xml') });
    const result = await collect('/laughs');
    expect(result.items[0]?.title).toBe('&lol9;');
    expect(result.warnings.some((w) => w.includes('not expanded'))).toBe(true);
  });

  it('throws FeedUnparseableError when the URL serves an HTML page', async () => {
    server.routes.set('/page', { headers: { 'content-type': 'text/html' }, body: '<!DOCTYPE html><html><body><p>Hej</p></body></html>' });
    await expect(collect('/page')).rejects.toBeInstanceOf(FeedUnparseableError);
  });

  it('lets fetch errors through with their code', async () => {
    await expect(collect('/missing')).rejects.toMatchObject({ code: 'FETCH_GONE' });
  });

  it('rejects a config with a non-http URL', () => {
    expect(feedSourceConfigSchema.safeParse({ url: 'file:///etc/passwd' }).success).toBe(false);
    expect(feedSourceConfigSchema.safeParse({ maxItems: 0 }).success).toBe(false);
  });
});
