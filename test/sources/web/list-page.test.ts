import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseListPage, selectorProblem, WebSelectorError } from '../../../src/sources/web/index.js';

const page = readFileSync(new URL('../../fixtures/web/nyheter-lista.html', import.meta.url), 'utf8');
const selectors = { item: 'li.news-item', link: 'a.news-item__link', title: '.news-item__title', date: '.news-item__date' };
const base = 'https://www.exempelkommun.se/nyheter/';

describe('parseListPage', () => {
  const list = parseListPage(page, base, selectors);

  it('finds each linked article once, with absolute URLs without fragment', () => {
    expect(list.items.map((item) => item.url)).toEqual([
      'https://www.exempelkommun.se/nyheter/2024-03-12-falska-pastaenden-om-socialtjansten.html',
      'https://www.exempelkommun.se/nyheter/2024-03-04-oppet-hus-familjecentralen.html',
      'https://www.polisen.se/aktuellt/nyheter/',
    ]);
  });

  it('reads titles, Swedish dates and teasers', () => {
    expect(list.items[0]).toMatchObject({
      title: 'Falska påståenden om socialtjänsten',
      publishedRaw: '12 mars 2024',
      teaser: 'Kommunen har fått frågor efter inlägg i sociala medier.',
    });
    expect(list.items[0]?.published?.toISOString()).toBe('2024-03-12T00:00:00.000Z');
  });

  it('reads list dates without a zone in the given time zone (issue 16)', () => {
    const zoned = parseListPage(page, base, selectors, 'Europe/Stockholm');
    expect(zoned.items[0]?.published?.toISOString()).toBe('2024-03-11T23:00:00.000Z');
  });

  it('warns about items without a link', () => {
    expect(list.warnings).toEqual([expect.stringContaining('1 list item(s)')]);
  });

  it('defaults the title to the link text and the date to <time datetime>', () => {
    const html = '<ul><li><a href="/a">  Första\n nyheten </a><time datetime="2024-01-02T10:00:00+01:00">2 jan</time></li></ul>';
    const [item] = parseListPage(html, base, { item: 'li', link: 'a' }).items;
    expect(item).toMatchObject({ url: 'https://www.exempelkommun.se/a', title: 'Första nyheten', publishedRaw: '2024-01-02T10:00:00+01:00' });
  });

  it('accepts an item that is itself the link and honours <base href>', () => {
    const html = '<head><base href="https://cdn.example.se/arkiv/"></head><body><a class="n" href="x.html">X</a><a class="n" href="javascript:void(0)">Y</a></body>';
    const result = parseListPage(html, base, { item: 'a.n', link: 'a' });
    expect(result.items.map((item) => item.url)).toEqual(['https://cdn.example.se/arkiv/x.html']);
    expect(result.warnings).toHaveLength(1);
  });

  it('warns when the item selector matches nothing', () => {
    expect(parseListPage(page, base, { item: '.no-such-class', link: 'a' })).toEqual({
      items: [],
      warnings: [`selectors.item ".no-such-class" matched nothing on ${base}`],
    });
  });

  it('rejects an invalid selector with SOURCE_CONFIG_INVALID naming the key', () => {
    expect(() => parseListPage(page, base, { item: 'li[', link: 'a' })).toThrow(WebSelectorError);
    expect(() => parseListPage(page, base, { item: 'li', link: 'a', date: ':::' })).toThrow(/selectors\.date/);
    expect(selectorProblem('li > a')).toBeNull();
    expect(selectorProblem('li[')).not.toBeNull();
  });
});
