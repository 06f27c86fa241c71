import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVideoFeed } from '../../../src/sources/youtube/index.js';

const feedXml = readFileSync(new URL('../../fixtures/youtube/channel-feed.xml', import.meta.url), 'utf8');

describe('parseVideoFeed', () => {
  const feed = parseVideoFeed(feedXml);

  it('reads each video with yt:videoId as externalId and media:description as text', () => {
    expect(feed.isFeed).toBe(true);
    expect(feed.title).toBe('قناة الجالية في السويد');
    expect(feed.items[0]).toMatchObject({
      externalId: 'Ab3dE_fG9hI',
      url: 'https://www.youtube.com/watch?v=Ab3dE_fG9hI',
      authorHandle: 'قناة الجالية في السويد',
      title: 'السوسيال يخطف أطفالنا – شهادة أم من مالمو',
      text: 'أم تروي كيف أخذ السوسيال أطفالها الثلاثة.\nشاركوا الفيديو #أوقفوا_خطف_أطفالنا & #LVU',
      language: null,
      publishedAt: new Date('2026-11-20T18:00:06Z'),
    });
    expect(feed.items[1]!.text).toBe('Intervju med en socialsekreterare.\n\nFörvaltningsrätten beslutar om vård enligt LVU.');
  });

  it('keeps views, star rating and channel as metadata', () => {
    expect(feed.items[0]!.metadata).toEqual({
      channelId: 'UCa1b2c3d4e5f6g7h8i9j0kL',
      channelUrl: 'https://www.youtube.com/channel/UCa1b2c3d4e5f6g7h8i9j0kL',
      updated: '2026-11-21T02:14:51.000Z',
      thumbnail: 'https://i4.ytimg.com/vi/Ab3dE_fG9hI/hqdefault.jpg',
      views: 48211,
      starRating: { count: 2310, average: 5, min: 1, max: 5 },
    });
  });

  it('quarantines an entry without a date or a valid video id', () => {
    expect(feed.items).toHaveLength(2);
    expect(feed.quarantined).toEqual([
      {
        externalId: 'broken',
        reason: expect.stringMatching(/videoId.*published|published.*videoId/s),
        raw: expect.stringContaining('<yt:videoId>broken</yt:videoId>'),
      },
    ]);
  });

  it('says when the document is not an Atom feed', () => {
    expect(parseVideoFeed('<!DOCTYPE html><html><body>Before you continue to YouTube</body></html>').isFeed).toBe(false);
  });
});
