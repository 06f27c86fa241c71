import { describe, expect, it } from 'vitest';
import { parseFeed, toParseJson } from '../../../src/sources/feed/index.js';

describe('toParseJson', () => {
  it('prints exactly the CLI shape with ISO-8601 UTC dates and nulls for missing fields', () => {
    const feed = parseFeed(
      '<rss version="2.0"><channel><title>T</title><item><guid>a</guid><title>A</title><pubDate>Tue, 12 Mar 2024 09:30:00 +0100</pubDate>' +
        '<category>x</category><description>Text</description></item><item><guid>b</guid></item></channel></rss>',
    );
    expect(JSON.parse(JSON.stringify(toParseJson(feed)))).toEqual({
      kind: 'rss',
      title: 'T',
      link: null,
      language: null,
      items: [
        { id: 'a', url: null, title: 'A', author: null, published: '2024-03-12T08:30:00.000Z', text: 'Text', categories: ['x'] },
        { id: 'b', url: null, title: null, author: null, published: null, text: '', categories: [] },
      ],
    });
  });
});
