import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fetcher } from '../../../src/fetch/index.js';
import { webAdapter, webSourceConfigSchema } from '../../../src/sources/web/index.js';
import { collectContext, startRouteServer, testFetcher, type RouteServer } from '../feed/route-server.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/web/${name}`, import.meta.url), 'utf8');
const HTML = { 'content-type': 'text/html; charset=utf-8' };

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

function listPage(links: string[]): string {
  const items = links.map((href, i) => `<li class="news"><a href="${href}">Nyhet ${i}</a><span class="d">${i + 1} mars 2024</span></li>`).join('');
  return `<html lang="sv"><body><nav><a href="/">Start</a></nav><ul>${items}</ul></body></html>`;
}

const config = webSourceConfigSchema.parse({ selectors: { item: 'li.news', link: 'a', date: '.d' }, maxArticles: 10 });

async function collect(listPath: string, cursor: Record<string, unknown> = {}, cfg = config) {
  return webAdapter.collect(collectContext(fetcher, { kind: 'web', url: `${server.origin}${listPath}`, cursor }), cfg);
}

describe('webAdapter', () => {
  it('collects new articles, warns on failures, quarantines pages without an article', async () => {
    server.routes.set('/nyheter', {
      headers: { ...HTML, etag: '"list-1"' },
      body: listPage(['/a/jsonld', '/a/meta', '/a/gone', '/a/broken', '/a/login', 'https://elsewhere.example/x', '/a/pdf']),
    });
    server.routes.set('/a/jsonld', { headers: HTML, body: fixture('artikel-jsonld.html') });
    server.routes.set('/a/meta', { headers: HTML, body: fixture('artikel-meta.html') });
    server.routes.set('/a/broken', { status: 500, body: 'oops' });
    server.routes.set('/a/login', { headers: HTML, body: fixture('utan-artikel.html') });
    server.routes.set('/a/pdf', { headers: { 'content-type': 'application/pdf' }, body: '%PDF-1.4' });

    const result = await collect('/nyheter');

    expect(result.items.map((item) => [item.externalId, item.title, item.publishedAt?.toISOString()])).toEqual([
      [`${server.origin}/a/jsonld`, 'Falska påståenden om socialtjänsten', '2024-03-12T08:30:00.000Z'],
      [`${server.origin}/a/meta`, 'Öppet hus på familjecentralen', '2024-03-04T13:00:00.000Z'],
    ]);
    expect(result.items[0]).toMatchObject({
      url: `${server.origin}/nyheter/2024-03-12-falska-pastaenden-om-socialtjansten.html`,
      authorHandle: 'Kommunikationsavdelningen',
      language: 'sv-SE',
      text: expect.stringContaining('förvaltningsrätten'),
      metadata: { listTitle: 'Nyhet 0', publishedRaw: '2024-03-12T09:30:00+01:00' },
    });
    expect(result.quarantined).toEqual([
      { externalId: `${server.origin}/a/login`, reason: `no article text found at ${server.origin}/a/login`, raw: { url: `${server.origin}/a/login`, title: 'Logga in - E-tjänster' } },
    ]);
    expect(result.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^article .*\/a\/gone: .*404/),
        expect.stringMatching(/^article .*\/a\/broken: .*500/),
        expect.stringMatching(/^article .*\/a\/pdf: skipped, content type application\/pdf/),
      ]),
    );
    expect(server.requests.some((r) => r.path === '/x')).toBe(false);
    // The 500 is worth retrying: the list page must be fetched in full next time, and the article not marked seen.
    expect(result.cursor).toMatchObject({ etag: null, lastModified: null });
    const seen = (result.cursor as { seenUrls: string[] }).seenUrls;
    expect(seen).toEqual(expect.arrayContaining([`${server.origin}/a/jsonld`, `${server.origin}/a/gone`, `${server.origin}/a/login`]));
    expect(seen).not.toContain(`${server.origin}/a/broken`);
  });

  it('fetches only articles it has not seen on a later run', async () => {
    server.routes.set('/lista', { headers: { ...HTML, etag: '"l2"' }, body: listPage(['/b/1', '/b/2']) });
    server.routes.set('/b/1', { headers: HTML, body: fixture('artikel-meta.html') });
    server.routes.set('/b/2', { headers: HTML, body: fixture('artikel-tata.html') });
    const first = await collect('/lista');
    expect(first.items).toHaveLength(2);
    expect(first.cursor).toMatchObject({ etag: '"l2"' });

    server.routes.set('/lista', { headers: { ...HTML, etag: '"l3"' }, body: listPage(['/b/3', '/b/1', '/b/2']) });
    server.routes.set('/b/3', { headers: HTML, body: fixture('arabisk-artikel.html') });
    const before = server.requests.length;
    const second = await collect('/lista', { ...first.cursor, etag: null });
    expect(second.items.map((item) => item.externalId)).toEqual([`${server.origin}/b/3`]);
    expect(server.requests.slice(before).map((r) => r.path)).toEqual(['/lista', '/b/3']);
    expect((second.cursor as { seenUrls: string[] }).seenUrls.slice(0, 3)).toEqual([`${server.origin}/b/3`, `${server.origin}/b/1`, `${server.origin}/b/2`]);
  });

  it('stops at maxArticles and keeps the list revisitable for the rest', async () => {
    server.routes.set('/manga', { headers: { ...HTML, etag: '"m"' }, body: listPage(['/c/1', '/c/2', '/c/3']) });
    for (const n of [1, 2, 3]) server.routes.set(`/c/${n}`, { headers: HTML, body: fixture('artikel-meta.html') });
    const result = await collect('/manga', {}, { ...config, maxArticles: 2 });
    expect(result.items.map((item) => item.externalId)).toEqual([`${server.origin}/c/1`, `${server.origin}/c/2`]);
    expect(result.cursor).toMatchObject({ etag: null });
  });

  it('reports an unchanged list page as not modified', async () => {
    server.routes.set('/oforandrad', (headers) => (headers['if-none-match'] === '"same"' ? { status: 304 } : { headers: HTML, body: listPage([]) }));
    const result = await collect('/oforandrad', { etag: '"same"', seenUrls: [] });
    expect(result).toMatchObject({ notModified: true, items: [], cursor: null, httpStatus: 304 });
  });

  it('follows other origins only when sameOriginOnly is off', async () => {
    server.routes.set('/extern', { headers: HTML, body: listPage(['http://localhost:1/nowhere']) });
    const result = await collect('/extern', {}, { ...config, sameOriginOnly: false });
    expect(result.items).toEqual([]);
    expect(result.warnings).toEqual([expect.stringMatching(/^article http:\/\/localhost:1\/nowhere: /)]);
  });

  it('rejects invalid selectors in the config, naming the key', () => {
    const parsed = webSourceConfigSchema.safeParse({ selectors: { item: 'li[', link: 'a' } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['selectors', 'item']);
    expect(webSourceConfigSchema.parse({ selectors: { item: 'li', link: 'a' } })).toMatchObject({ maxArticles: 20, sameOriginOnly: true });
  });
});
