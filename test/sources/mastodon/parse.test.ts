import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareStatusIds, entryToItem, parseLinkHeader } from '../../../src/sources/mastodon/index.js';
import { statusSchema } from '../../../src/sources/mastodon/schema.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/mastodon/${name}`, import.meta.url), 'utf8'));

const entries = (name: string) => (fixture(name) as unknown[]).map((raw) => statusSchema.parse(raw));

describe('entryToItem', () => {
  it('maps a recorded tag timeline status to an item', () => {
    const [status] = entries('tag-timeline-hoot.json');
    const item = entryToItem(status!, 'localhost:3000');
    expect(item).toMatchObject({
      externalId: 'http://localhost:3000/ap/users/117020566092212359/statuses/117020593741189701',
      url: 'http://localhost:3000/@mastodonpy_test_2/117020593741189701',
      authorHandle: 'mastodonpy_test_2@localhost:3000',
      title: null,
      text: '#hoot (hashtag toot)',
      language: 'ja',
      publishedAt: new Date('2026-08-01T13:55:55.867Z'),
    });
    expect(item.metadata).toMatchObject({ instance: 'localhost:3000', tags: ['hoot'], mediaKinds: [], repliesCount: 0 });
  });

  it('resolves a boost to the original status and records who boosted it', () => {
    const boost = entries('statuses-sv-ar.json')[1]!;
    const item = entryToItem(boost, 'social.example');
    expect(item.externalId).toBe('https://remote.example/users/abu_omar/statuses/99887766');
    expect(item.authorHandle).toBe('abu_omar@remote.example');
    expect(item.language).toBe('ar');
    expect(item.text).toBe('السوسيال في السويد يخطف أطفالنا! #LVU #أوقفوا_خطف_أطفالنا');
    expect(item.metadata).toMatchObject({
      boostedBy: 'karin@social.example',
      tags: ['lvu', 'أوقفوا_خطف_أطفالنا'],
      mediaKinds: ['image', 'video'],
      reblogsCount: 120,
    });
  });

  it('records a boost as a share of the original, for the store to count once (issue 16)', () => {
    const boost = entries('statuses-sv-ar.json')[1]!;
    expect(entryToItem(boost, 'social.example').metadata).toMatchObject({
      sharedBy: [{ id: boost.uri, by: 'karin@social.example', at: new Date(boost.created_at).toISOString() }],
      shareCount: 1,
    });
  });

  it("records the quoted post's URL and the quote's state, whichever way the server sends it (issue 16)", () => {
    const quotes = entries('quote-posts.json').map((entry) => entryToItem(entry, 'social.example').metadata);
    expect(quotes.map((m) => [m.quotedUrl, m.quotedState, m.quotedStatusId])).toEqual([
      ['https://social.example/@faktakoll/200', 'accepted', '200'],
      [null, 'pending', '200'],
      ['https://social.example/@dan/201', null, '201'],
      ['https://akkoma.example/objects/abc-123', null, null],
      ['https://misskey.example/notes/9xyz?a=1&b=2', null, null],
      [null, null, null],
    ]);
  });

  it('puts the content warning before the text and keeps paragraphs', () => {
    const [swedish, , warned] = entries('statuses-sv-ar.json');
    expect(entryToItem(warned!, 'social.example').text).toBe(
      'Hot mot personal\n\nHot mot socialsekreterare i Malmö, polisanmälan gjord. @anna',
    );
    expect(entryToItem(warned!, 'social.example').metadata.mentions).toEqual(['anna@social.example']);
    expect(entryToItem(swedish!, 'social.example').text).toBe(
      'Socialtjänsten #LVU tar inte barn för att familjen är muslimsk. Läs om hur det går till:\n\nsocialstyrelsen.se/lvu',
    );
  });
});

describe('parseLinkHeader', () => {
  it.each([
    [
      '<https://m.example/api/v1/timelines/tag/x?max_id=5>; rel="next", <https://m.example/api/v1/timelines/tag/x?min_id=9>; rel="prev"',
      { next: 'https://m.example/api/v1/timelines/tag/x?max_id=5', prev: 'https://m.example/api/v1/timelines/tag/x?min_id=9' },
    ],
    ['<https://m.example/a?min_id=1>; rel=prev', { prev: 'https://m.example/a?min_id=1' }],
    ['', {}],
    ['garbage', {}],
  ])('reads %j', (header, expected) => {
    expect(Object.fromEntries(parseLinkHeader(header))).toEqual(expected);
  });
});

describe('compareStatusIds', () => {
  it.each([
    ['99', '100', -1],
    ['113500000000000002', '113500000000000001', 1],
    ['AbC9', 'AbC9', 0],
  ])('orders %s against %s', (a, b, sign) => {
    expect(Math.sign(compareStatusIds(a, b))).toBe(sign);
  });
});
