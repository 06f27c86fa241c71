import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { thingToItem } from '../../../src/sources/reddit/index.js';
import { thingSchema } from '../../../src/sources/reddit/schema.js';

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../fixtures/reddit/${name}`, import.meta.url), 'utf8'));
const children = (name: string) => (fixture(name) as { data: { children: unknown[] } }).data.children;
const thing = (raw: unknown) => thingSchema.parse(raw);

describe('thingToItem', () => {
  it('maps a recorded search result: title and selftext, reddit.com permalink, t3 name', () => {
    const item = thingToItem(thing(children('search-praw.json')[0]))!;
    expect(item).toMatchObject({
      externalId: 't3_3x4kt2',
      url: expect.stringMatching(/^https:\/\/www\.reddit\.com\/r\/redditdev\/comments\/3x4kt2\//),
      authorHandle: 'GrinningMouth38',
      language: null,
      publishedAt: new Date(1450299786 * 1000),
    });
    expect(item.text.startsWith(`${item.title!}\n\nAs the title says.`)).toBe(true);
    expect(item.metadata).toMatchObject({ kind: 'post', subreddit: 'redditdev', removed: null });
  });

  it('maps a recorded comment', () => {
    const item = thingToItem(thing(fixture('comment-praw.json')))!;
    expect(item.externalId).toMatch(/^t1_/);
    expect(item.metadata).toMatchObject({ kind: 'comment', linkId: 't3_2gmzqe' });
    expect(item.url).toBe('https://www.reddit.com/r/redditdev/comments/2gmzqe/_/cklfmye/');
    expect(item.text.length).toBeGreaterThan(0);
  });

  const [question, arabic, removed, link, deletedComment, comment] = children('listing-sv-ar.json').map(thing);

  it('keeps the title of a removed post and says why the text is missing', () => {
    expect(thingToItem(removed!)).toMatchObject({
      text: 'LVU-kampanjen: så sprids desinformationen',
      metadata: { removed: 'moderator' },
    });
  });

  it('drops the author of a deleted account but keeps the post', () => {
    expect(thingToItem(arabic!)).toMatchObject({
      authorHandle: null,
      text: 'السوسيال في السويد يخطف الأطفال\n\nانشروا قبل الحذف! السوسيال يأخذ أطفال المسلمين',
    });
  });

  it('skips a deleted comment, which has nothing left to keep', () => {
    expect(thingToItem(deletedComment!)).toBeNull();
    expect(thingToItem(comment!)).toMatchObject({ title: 'Artikel: kommunen svarar om LVU', authorHandle: 'socionom_sara' });
  });

  it('keeps the outbound link of a link post', () => {
    expect(thingToItem(link!)!.metadata).toMatchObject({ linkUrl: 'https://kommun.example.se/lvu', flair: 'Nyheter' });
    expect(thingToItem(question!)!.metadata.linkUrl).toBeNull();
  });
});
