import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/sources/web/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/web/${name}`, import.meta.url), 'utf8');
const url = 'https://www.exempelkommun.se/nyheter/artikel.html';

describe('extractArticle', () => {
  it('reads a publication time without a zone in the given time zone (issue 16)', async () => {
    const html = '<html><head><meta property="article:published_time" content="2019-03-05 15:21"></head><body><article><p>Text om socialtjänsten.</p></article></body></html>';
    expect((await extractArticle(html, url)).published?.toISOString()).toBe('2019-03-05T15:21:00.000Z');
    expect(await extractArticle(html, url, { timeZone: 'Europe/Stockholm' })).toMatchObject({
      published: new Date('2019-03-05T14:21:00.000Z'),
      publishedRaw: '2019-03-05 15:21',
    });
  });

  it('reads JSON-LD wrapped in CDATA, with the article as a WebPage mainEntity, over meta and <time> (issue 16)', async () => {
    const article = await extractArticle(fixture('artikel-cdata.html'), url);
    expect(article).toMatchObject({
      title: 'Socialtjänsten svarar på ryktena',
      publishedRaw: '2021-11-01T10:52:50+0100',
      author: 'Aleš Vávra',
      language: 'sv',
      warnings: [],
    });
    expect(article.published?.toISOString()).toBe('2021-11-01T09:52:50.000Z');
  });

  it('reads JSON-LD in an HTML comment, as a top-level array, with a raw line break and a trailing comma (issue 16)', async () => {
    const article = await extractArticle(fixture('artikel-kommentar.html'), url);
    expect(article).toMatchObject({ title: 'Om LVU', publishedRaw: '2023-02-14T21:05:00+01:00', author: 'Kim Exempel', warnings: [] });
    expect(article.published?.toISOString()).toBe('2023-02-14T20:05:00.000Z');
  });

  it('prefers JSON-LD inside @graph, skips invalid JSON-LD, and drops boilerplate', async () => {
    const article = await extractArticle(fixture('artikel-jsonld.html'), url);
    expect(article).toMatchObject({
      title: 'Falska påståenden om socialtjänsten',
      publishedRaw: '2024-03-12T09:30:00+01:00',
      author: 'Kommunikationsavdelningen',
      language: 'sv-SE',
      canonicalUrl: 'https://www.exempelkommun.se/nyheter/2024-03-12-falska-pastaenden-om-socialtjansten.html',
      warnings: [],
    });
    expect(article.published?.toISOString()).toBe('2024-03-12T08:30:00.000Z');
    expect(article.text.split('\n\n')).toEqual([
      'Publicerad 12 mars 2024',
      expect.stringMatching(/^Under den senaste veckan/),
      expect.stringMatching(/^Det stämmer inte\. Beslut om vård enligt LVU fattas av förvaltningsrätten/),
      'Vart vänder jag mig?',
      'Har du frågor kan du kontakta kommunens kontaktcenter på kontaktsidan.',
    ]);
    expect(article.text).not.toMatch(/Facebook|Relaterat|kakor|track|Start/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('falls back to OpenGraph/meta tags and <main role=main>', async () => {
    const article = await extractArticle(fixture('artikel-meta.html'), url);
    expect(article).toMatchObject({
      title: 'Öppet hus på familjecentralen',
      publishedRaw: '2024-03-04T13:00:00Z',
      author: 'Familjecentralen',
      language: 'sv',
      text: expect.stringMatching(/^Välkommen till öppet hus.*\n\nIngen föranmälan behövs\.\nDet bjuds på fika\.$/s),
    });
  });

  it('finds the article beside link columns and falls back to <time datetime>', async () => {
    const article = await extractArticle(fixture('artikel-tata.html'), url);
    expect(article.title).toBe('Socialnämnden informerar om orosanmälningar');
    expect(article.published?.toISOString()).toBe('2023-10-05T06:00:00.000Z');
    expect(article.text).toContain('En orosanmälan är ett sätt');
    expect(article.text).not.toContain('Länk A');
    expect(article.text).not.toContain('Kontakt');
  });

  it('reads an Arabic article with a date written in Arabic-Indic digits', async () => {
    const article = await extractArticle(fixture('arabisk-artikel.html'), url);
    expect(article).toMatchObject({ title: 'حقائق عن الخدمات الاجتماعية', language: 'ar', publishedRaw: '١٢ مارس ٢٠٢٤' });
    expect(article.published?.toISOString()).toBe('2024-03-12T00:00:00.000Z');
    expect(article.text).toContain('المحكمة الإدارية');
  });

  it('takes a blog post, not a comment of its thread, for the article (issue 16)', async () => {
    const article = await extractArticle(fixture('blogg-kommentarer.html'), url);
    expect(article.title).toBe('Vad LVU betyder');
    expect(article.text.split('\n\n')).toEqual([
      expect.stringMatching(/^Lagen med särskilda bestämmelser/),
      expect.stringMatching(/^Det är inte socialsekreteraren/),
      expect.stringMatching(/^Föräldrar och barn får/),
      expect.stringMatching(/^Målet med vården/),
    ]);
    expect(article.warnings).toEqual([expect.stringContaining('no publication date')]);
  });

  it('takes the article, not a promotion teaser, player labels or a newsletter box (issue 16)', async () => {
    const article = await extractArticle(fixture('nyhet-spelare-puffar.html'), url);
    expect(article.text).toMatch(/^Kommunen har under veckan fått hundratals meddelanden/);
    expect(article.text).toMatch(/förstärkt rutinerna i receptionen\.$/);
    expect(article.text).not.toMatch(/Spela upp|Ljud av|Sport:|nyhetsbrev/);
  });

  it('uses the page\'s <article> with a warning when Readability runs out of time', async () => {
    const links = '<div><a href="/x">länk länk länk länk länk</a></div>'.repeat(3_000);
    const html = `<html><body>${links}<article><p>Beslut om vård enligt LVU fattas av förvaltningsrätten.</p></article></body></html>`;
    const article = await extractArticle(html, url, { timeoutMs: 1 });
    expect(article.text).toBe('Beslut om vård enligt LVU fattas av förvaltningsrätten.');
    expect(article.warnings).toContain(`main text of ${url}: Readability gave up after 1 ms; the page's <article> or <main> was used`);
    const next = await extractArticle(fixture('blogg-kommentarer.html'), url);
    expect(next.text).toMatch(/^Lagen med särskilda bestämmelser/);
  });

  it('does not hand pages with more elements than it analyses to Readability', async () => {
    const html = `<html><body><main><p>Socialtjänsten svarar på frågor om LVU.</p>${'<i>x</i>'.repeat(20_001)}</main></body></html>`;
    const article = await extractArticle(html, url);
    expect(article.warnings[0]).toMatch(/Readability page has 20\d{3} elements; at most 20000 are analysed/);
    expect(article.text).toMatch(/^Socialtjänsten svarar på frågor om LVU\./);
  });

  it('returns empty text and warnings for a page without an article', async () => {
    const article = await extractArticle(fixture('utan-artikel.html'), url);
    expect(article).toMatchObject({ text: '', published: null });
    expect(article.warnings).toEqual([`no article text found on ${url}`, `no publication date found on ${url}`]);
  });

  it.each([
    ['an empty string', ''],
    ['plain text', 'inte html alls'],
    ['a broken document', '<html><body><article><p>Halv text<div><span>'],
  ])('never throws on %s', async (_name, html) => {
    await expect(extractArticle(html, url)).resolves.toMatchObject({ warnings: expect.any(Array) });
  });

  it('returns a warning instead of crashing or stalling on absurdly deep pages', async () => {
    const html = `<html><body>${'<div>'.repeat(50_000)}djup text${'</div>'.repeat(50_000)}</body></html>`;
    const article = await extractArticle(html, url);
    expect(article.warnings).toEqual([expect.stringContaining('nests elements deeper than')]);
    expect(article.text).toBe('');
  });
});
