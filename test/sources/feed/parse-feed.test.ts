import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FeedUnparseableError, parseFeed, type ParsedFeed } from '../../../src/sources/feed/index.js';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
const parseFixture = (name: string, url?: string): ParsedFeed => parseFeed(fixture(name), url === undefined ? {} : { url });

describe('parseFeed on RSS 2.0', () => {
  const feed = parseFixture('rss20.xml', 'https://www.exempelkommun.se/nyheter/rss.xml');
  const [first, second] = feed.items;

  it('reads the channel', () => {
    expect(feed).toMatchObject({
      kind: 'rss',
      version: '2.0',
      title: 'Nyheter – Exempelkommun',
      link: 'https://www.exempelkommun.se/nyheter/',
      language: 'sv-SE',
      warnings: [],
    });
  });

  it('maps an item with content:encoded, guid, author, categories and enclosure', () => {
    expect(first).toMatchObject({
      id: 'nyhet-1042',
      url: 'https://www.exempelkommun.se/nyheter/2024/falska-pastaenden',
      title: 'Falska påståenden om socialtjänsten sprids i sociala medier',
      author: 'Kommunikationsavdelningen',
      publishedRaw: 'Tue, 12 Mar 2024 09:30:00 +0100',
      summary: 'Kommunen har fått frågor om LVU.',
      text: 'Kommunen har fått frågor om LVU.\n\nBeslut om vård enligt LVU fattas av förvaltningsrätten.',
      categories: ['Socialtjänst', 'Barn och familj'],
      enclosures: [{ url: 'https://www.exempelkommun.se/media/bild.jpg', type: 'image/jpeg', length: 12345 }],
    });
    expect(first?.published?.toISOString()).toBe('2024-03-12T08:30:00.000Z');
  });

  it('falls back to the description for text and decodes entities', () => {
    expect(second).toMatchObject({ id: 'https://www.exempelkommun.se/nyheter/2024/oppet-hus', text: 'Välkommen till öppet hus & fika.' });
  });
});

describe('parseFeed on the other formats', () => {
  it('reads RSS 1.0 (RDF) with Dublin Core fields and rdf:about as id', () => {
    const feed = parseFixture('rdf.xml');
    expect(feed).toMatchObject({ kind: 'rdf', version: '1.0', title: 'Exempelbloggen', language: 'sv' });
    expect(feed.items).toHaveLength(1);
    expect(feed.items[0]).toMatchObject({
      id: 'https://blogg.example.se/inlagg/1',
      url: 'https://blogg.example.se/inlagg/1',
      author: 'Anna',
      categories: ['Allmänt'],
      text: 'Hej världen',
    });
    expect(feed.items[0]?.published?.toISOString()).toBe('2023-11-05T07:15:00.000Z');
  });

  it('reads Atom 0.3 with escaped titles, base64 content and inherited author', () => {
    const feed = parseFixture('atom03.xml');
    expect(feed).toMatchObject({ kind: 'atom', version: '0.3', title: 'Example Atom 0.3', link: 'http://example.org/', language: 'en' });
    expect(feed.items[0]).toMatchObject({ id: 'tag:example.org,2003:3.2397', text: 'Hello from base64', author: 'Mark Pilgrim' });
    expect(feed.items[0]?.published?.toISOString()).toBe('2003-12-13T12:29:29.000Z');
  });

  it('reads Atom 1.0 with xml:base, XHTML content, enclosures and per-entry language', () => {
    const feed = parseFixture('atom10.xml', 'https://news.example.net/ar/feed.atom');
    expect(feed).toMatchObject({ kind: 'atom', version: '1.0', title: 'أخبار', language: 'ar' });
    const [arabic, swedish] = feed.items;
    expect(arabic).toMatchObject({
      url: 'https://news.example.net/ar/articles/42',
      title: 'الخدمات الاجتماعية & المدارس',
      author: 'غرفة الأخبار',
      summary: 'ملخص قصير',
      text: 'الفقرة الأولى.\n\nالفقرة الثانية.',
      categories: ['السوسيال'],
      enclosures: [{ url: 'https://news.example.net/ar/audio/42.mp3', type: 'audio/mpeg', length: 2048 }],
    });
    expect(arabic?.published?.toISOString()).toBe('2024-01-31T19:15:00.000Z');
    expect(swedish).toMatchObject({ language: 'sv', text: 'Text på svenska', publishedRaw: '2024-02-02T07:00:00Z' });
    expect(swedish?.published?.toISOString()).toBe('2024-02-02T07:00:00.000Z');
  });

  it('reads JSON Feed 1.1 with numeric ids, external URLs, attachments and authors', () => {
    const feed = parseFixture('jsonfeed.json');
    expect(feed).toMatchObject({ kind: 'json', version: '1.1', title: 'Exempel JSON Feed', link: 'https://json.example.se/', language: 'sv' });
    expect(feed.items[0]).toMatchObject({
      id: '2',
      text: 'Första stycket.\n\nAndra stycket.',
      summary: 'Kort sammanfattning',
      author: 'Redaktionen',
      categories: ['LVU', 'socialtjänst'],
      enclosures: [{ url: 'https://json.example.se/ljud/2.mp3', type: 'audio/mpeg', length: 1000 }],
    });
    expect(feed.items[0]?.updated?.toISOString()).toBe('2024-03-02T12:00:00.000Z');
    expect(feed.items[1]).toMatchObject({ id: '1', url: 'https://annan.example.org/artikel', text: 'Bara text.', author: 'Karin' });
  });

  it('resolves relative item links against opts.url when the feed has no link', () => {
    const xml = '<rss version="2.0"><channel><item><link>/a/b</link></item></channel></rss>';
    expect(parseFeed(xml, { url: 'https://example.se/feed' }).items[0]?.url).toBe('https://example.se/a/b');
  });

  it('keeps a relative link as written when there is no base at all', () => {
    const xml = '<rss version="2.0"><channel><item><link>/a/b</link></item></channel></rss>';
    expect(parseFeed(xml).items[0]?.url).toBe('/a/b');
  });

  it('drops javascript: links', () => {
    const xml = '<rss version="2.0"><channel><item><guid>g</guid><link>javascript:alert(1)</link></item></channel></rss>';
    expect(parseFeed(xml).items[0]?.url).toBeNull();
  });
});

describe('parseFeed on items without ids', () => {
  it('keeps items without id and link and derives stable, distinct ids', () => {
    const first = parseFixture('no-ids.xml');
    const again = parseFixture('no-ids.xml');
    const ids = first.items.map((item) => item.id);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    expect(ids.every((id) => id.startsWith('sha256:'))).toBe(true);
    expect(again.items.map((item) => item.id)).toEqual(ids);
    expect(first.items[2]).toMatchObject({ title: null, published: null, text: 'Bara en beskrivning utan titel och datum' });
    expect(first.warnings).toContain('3 item(s) without id or link: id derived from title, date and content');
  });
});

describe('parseFeed on documents that are not feeds', () => {
  it.each([
    ['an empty document', '   '],
    ['an HTML page', '<!DOCTYPE html><html><head><title>x</title></head><body><p>hej</p></body></html>'],
    ['unknown XML', '<?xml version="1.0"?><catalog><book/></catalog>'],
    ['plain text', 'just some words'],
    ['JSON that is not a JSON Feed', '{"hello": "world"}'],
    ['invalid JSON', '{"version": "https://jsonfeed.org/version/1.1", "items": ['],
    ['a JSON array', '[1, 2, 3]'],
  ])('throws FeedUnparseableError for %s', (_name, text) => {
    expect(() => parseFeed(text)).toThrow(FeedUnparseableError);
    try {
      parseFeed(text);
    } catch (err) {
      expect((err as FeedUnparseableError).code).toBe('FEED_UNPARSEABLE');
    }
  });

  it('names the root element it found', () => {
    expect(() => parseFeed('<html><body/></html>', { url: 'https://x.se/' })).toThrow(/https:\/\/x\.se\/.*<html>/);
  });
});
