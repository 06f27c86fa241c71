import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedUnparseableError, parseFeed } from '../../../src/sources/feed/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');

describe('parseFeed on hostile and broken input', () => {
  it('never expands billion-laughs entities and says so', () => {
    const feed = parseFeed(fixture('billion-laughs.xml'));
    expect(feed.title).toBe('Laughs &lol9;');
    expect(feed.items[0]).toMatchObject({ id: 'laugh-1', title: '&lol9;', text: '&tag; &lol9;' });
    expect(JSON.stringify(feed).length).toBeLessThan(5_000);
    expect(feed.warnings.some((w) => w.includes('DOCTYPE declares 11 entities'))).toBe(true);
  });

  it('never resolves external entities (XXE) and says so', () => {
    const feed = parseFeed(fixture('xxe.xml'));
    expect(feed.items[0]).toMatchObject({ title: 'Secret: &xxe;', text: '&xxe;' });
    expect(JSON.stringify(feed)).not.toContain('root:');
    expect(feed.warnings.some((w) => w.includes('some external'))).toBe(true);
  });

  it('parses a truncated feed as far as it goes, with warnings', () => {
    const feed = parseFeed(fixture('malformed.xml'));
    expect(feed.title).toBe('Trasigt flöde');
    expect(feed.link).toBe('https://trasig.example.se/?a=1&b=2');
    expect(feed.items.map((item) => [item.title, item.url])).toEqual([
      ['Hel post', 'https://trasig.example.se/1'],
      ['Avbruten post', 'https://trasig.example.se/2'],
    ]);
    expect(feed.items[1]?.text).toBe('Texten tar slut mitt i');
    expect(feed.items[0]?.published).toBeNull();
    expect(feed.warnings).toEqual([
      expect.stringContaining('malformed XML: 5 element(s) not closed properly'),
      expect.stringContaining('1 date(s) not understood'),
    ]);
  });

  it('decodes HTML entities that XML does not define, once per level of escaping', () => {
    const feed = parseFeed(fixture('entities.xml'));
    expect(feed.title).toBe('Entiteter & tecken…');
    expect(feed.items[0]).toMatchObject({
      title: 'Malmö & Göteborg — "citat" <3',
      text: 'Tom & Jerry …\n\nالس',
      url: 'https://ent.example.se/?a=1&copy=2',
    });
    expect(feed.warnings[0]).toContain('&nbsp;');
  });

  it('never pollutes Object.prototype from JSON Feed __proto__ keys', () => {
    const feed = parseFeed(fixture('json-proto.json'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(feed.title).toBe('Förgiftad');
    expect(feed.items[0]).toMatchObject({ id: 'p1', enclosures: [{ url: 'https://x.example/a', type: null, length: null }] });
    expect(JSON.stringify(feed)).not.toContain('polluted');
  });

  it('treats a JSON document too deeply nested to walk as unparseable, not as a crash', () => {
    const deep = `{"version":"https://jsonfeed.org/version/1.1","items":${'['.repeat(200_000)}${']'.repeat(200_000)}}`;
    let outcome: unknown;
    try {
      outcome = parseFeed(deep).items.length;
    } catch (err) {
      outcome = err;
    }
    expect(outcome === 0 || outcome instanceof FeedUnparseableError).toBe(true);
  });

  it('stops at absurdly deep XML nesting and keeps what came before', () => {
    const depth = 100_000;
    const xml = `<rss version="2.0"><channel><item><guid>ok</guid></item><item><guid>deep</guid><description>${'<div>'.repeat(depth)}bottom${'</div>'.repeat(depth)}</description></item></channel></rss>`;
    const feed = parseFeed(xml);
    expect(feed.items.map((item) => item.id)).toEqual(['ok', 'deep']);
    expect(feed.warnings).toContain('malformed XML: elements nested deeper than 512 levels; parsing stopped there');
  });

  it('strips control characters that XML forbids', () => {
    const feed = parseFeed('<rss version="2.0"><channel><item><title>ab\u0008cd</title></item></channel></rss>');
    expect(feed.items[0]?.title).toBe('abcd');
  });

  it('parses 50,000 items built in memory', () => {
    const count = 50_000;
    const items: string[] = [];
    for (let i = 0; i < count; i += 1) {
      items.push(
        `<item><title>Post ${i}</title><link>https://big.example.se/${i}</link><guid>g-${i}</guid>` +
          `<pubDate>Tue, 12 Mar 2024 09:30:00 +0100</pubDate><description>&lt;p&gt;Text ${i} &amp;amp; mer&lt;/p&gt;</description></item>`,
      );
    }
    const feed = parseFeed(`<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>${items.join('')}</channel></rss>`);
    expect(feed.items).toHaveLength(count);
    expect(feed.items[count - 1]).toMatchObject({ id: `g-${count - 1}`, title: `Post ${count - 1}`, text: `Text ${count - 1} & mer` });
    expect(feed.warnings).toEqual([]);
  });
});
