import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { postToItem } from '../../../src/sources/bluesky/index.js';
import { postViewSchema } from '../../../src/sources/bluesky/schema.js';

const posts = (name: string) =>
  (JSON.parse(readFileSync(new URL(`../../fixtures/bluesky/${name}`, import.meta.url), 'utf8')) as { posts: unknown[] }).posts.map(
    (raw) => postViewSchema.parse(raw),
  );

describe('postToItem', () => {
  const [reply, swedish, arabicQuote, quoteWithVideo] = posts('search-sv-ar.json');

  it('keeps link, tag and mention facets, slicing mentions by UTF-8 bytes', () => {
    const item = postToItem(swedish!);
    expect(item).toMatchObject({
      externalId: 'at://did:plc:kommun6sv3ab5cd7ef9gh1jk/app.bsky.feed.post/3lvu2sv000001',
      url: 'https://bsky.app/profile/kommun.example.se/post/3lvu2sv000001',
      authorHandle: 'kommun.example.se',
      language: 'sv',
      publishedAt: new Date('2026-11-20T10:05:00.000Z'),
    });
    expect(item.metadata).toMatchObject({
      links: ['https://kommun.example.se/lvu'],
      tags: ['lvu'],
      mentions: [{ did: 'did:plc:lena4sv7kq2x3m5n6p7r8s9t', text: '@lena.bsky.social' }],
      externalLink: 'https://kommun.example.se/lvu',
      mediaKinds: ['external'],
      likeCount: 9,
      quotedUri: null,
      replyParent: null,
    });
  });

  it('keeps a createdAt with microseconds exactly, and as written (issue 16)', () => {
    const createdAt = '2026-11-20T10:05:00.123456Z';
    const item = postToItem({ ...swedish!, record: { ...swedish!.record, createdAt } });
    expect(item.publishedAt?.toISOString()).toBe(createdAt);
    expect(item.publishedAt?.getTime()).toBe(Date.UTC(2026, 10, 20, 10, 5, 0, 123));
    expect(item.metadata.publishedRaw).toBe(createdAt);
  });

  it('links a reply to its parent and root by URI', () => {
    expect(postToItem(reply!).metadata).toMatchObject({
      replyParent: 'at://did:plc:karim5ar2bq4c6d8e1f3g5h7/app.bsky.feed.post/3lvu2ar000002',
      replyRoot: 'at://did:plc:karim5ar2bq4c6d8e1f3g5h7/app.bsky.feed.post/3lvu2ar000002',
    });
  });

  it('keeps the URI of a quoted post that was deleted and says it is gone', () => {
    const item = postToItem(arabicQuote!);
    expect(item.text).toBe('السوسيال يخطف أطفال المسلمين في السويد #أوقفوا_خطف_أطفالنا');
    expect(item.language).toBe('ar');
    expect(item.metadata).toMatchObject({
      quotedUri: 'at://did:plc:gone7xx1yy2zz3aa4bb5cc6d/app.bsky.feed.post/3ldeleted0001',
      quotedState: 'notFound',
      tags: ['أوقفوا_خطف_أطفالنا'],
      mediaKinds: ['quote'],
    });
  });

  it('reads a quote with media and the record tags', () => {
    expect(postToItem(quoteWithVideo!).metadata).toMatchObject({
      quotedUri: 'at://did:plc:kommun6sv3ab5cd7ef9gh1jk/app.bsky.feed.post/3lvu2sv000001',
      quotedState: 'ok',
      mediaKinds: ['quote', 'video'],
      tags: ['lvu'],
    });
  });

  it('maps the AppView search snapshot posts', () => {
    const items = posts('search-doggo-snapshot.json').map(postToItem);
    expect(items.map((item) => [item.text, item.language, item.url])).toEqual([
      ['cute doggo', null, 'https://bsky.app/profile/alice.test/post/3kdoggo000000'],
      ['bad doggo', null, 'https://bsky.app/profile/alice.test/post/3kdoggo000001'],
      ['good doggo', null, 'https://bsky.app/profile/alice.test/post/3kdoggo000002'],
    ]);
  });

  it('uses the DID in the web URL when the handle is invalid', () => {
    const post = { ...swedish!, author: { ...swedish!.author, handle: 'handle.invalid' } };
    expect(postToItem(post).url).toBe('https://bsky.app/profile/did%3Aplc%3Akommun6sv3ab5cd7ef9gh1jk/post/3lvu2sv000001');
  });
});
