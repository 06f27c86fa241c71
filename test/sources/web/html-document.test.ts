import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toParseJson } from '../../../src/sources/feed/index.js';
import { parseHtmlDocument } from '../../../src/sources/web/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/web/${name}`, import.meta.url), 'utf8');

describe('parseHtmlDocument', () => {
  it('reads an article page as one item keyed by its canonical URL', async () => {
    const parsed = toParseJson(await parseHtmlDocument(fixture('artikel-jsonld.html'), 'https://www.exempelkommun.se/nyheter/x?utm=1'));
    expect(parsed).toMatchObject({ kind: 'html', title: 'Exempelkommun', link: 'https://www.exempelkommun.se/nyheter/x?utm=1', language: 'sv' });
    expect(parsed.items).toEqual([
      {
        id: 'https://www.exempelkommun.se/nyheter/2024-03-12-falska-pastaenden-om-socialtjansten.html',
        url: 'https://www.exempelkommun.se/nyheter/2024-03-12-falska-pastaenden-om-socialtjansten.html',
        title: 'Falska påståenden om socialtjänsten',
        author: 'Kommunikationsavdelningen',
        published: '2024-03-12T08:30:00.000Z',
        text: expect.stringContaining('förvaltningsrätten'),
        categories: [],
      },
    ]);
  });

  it('reads a page of linked <article> teasers as a list', async () => {
    const html = `<html lang="sv"><body><main>
      <article><h2><a href="/n/1">Ett</a></h2><time datetime="2024-03-01">1 mars</time><p>Teaser ett</p></article>
      <article><h2><a href="/n/2">Två</a></h2><p>Teaser två</p></article>
    </main></body></html>`;
    const parsed = await parseHtmlDocument(html, 'https://k.se/nyheter');
    expect(parsed.items.map((item) => [item.id, item.title, item.published?.toISOString() ?? null, item.text])).toEqual([
      ['https://k.se/n/1', 'Ett', '2024-03-01T00:00:00.000Z', 'Teaser ett'],
      ['https://k.se/n/2', 'Två', null, 'Teaser två'],
    ]);
  });

  it('returns no items and a warning for a page without an article', async () => {
    const parsed = await parseHtmlDocument(fixture('utan-artikel.html'), 'https://k.se/login');
    expect(parsed.items).toEqual([]);
    expect(parsed.warnings).toContain('no article text found on https://k.se/login');
  });
});
