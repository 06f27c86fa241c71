import type { CollectedItem } from '../types.js';
import type { RedditThing } from './schema.js';

/** What Reddit puts in place of the author or text of a deleted or removed post or comment. */
const GONE = new Set(['[deleted]', '[removed]']);

/**
 * A post or comment as an item, or null for a comment whose body is gone (nothing left to keep). A post whose text
 * is gone keeps its title, which is often the claim itself; metadata.removed says why the rest is missing.
 */
export function thingToItem(thing: RedditThing): CollectedItem | null {
  const data = thing.data;
  const base = {
    externalId: data.name,
    url: `https://www.reddit.com${permalink(thing)}`,
    authorHandle: GONE.has(data.author) ? null : data.author,
    language: null,
    publishedAt: new Date(data.created_utc * 1000),
  };
  if (thing.kind === 't1') {
    const body = thing.data.body.trim();
    if (GONE.has(body)) return null;
    return {
      ...base,
      title: thing.data.link_title ?? null,
      text: body,
      metadata: {
        kind: 'comment',
        subreddit: data.subreddit,
        score: data.score,
        linkId: thing.data.link_id,
        parentId: thing.data.parent_id,
      },
    };
  }
  const link = thing.data;
  const selftext = link.selftext.trim();
  const removed = link.removed_by_category ?? (GONE.has(selftext) ? selftext.slice(1, -1) : null);
  return {
    ...base,
    title: link.title,
    text: [link.title.trim(), GONE.has(selftext) ? '' : selftext].filter((part) => part !== '').join('\n\n'),
    metadata: {
      kind: 'post',
      subreddit: data.subreddit,
      score: data.score,
      numComments: link.num_comments,
      over18: link.over_18,
      flair: link.link_flair_text ?? null,
      linkUrl: link.is_self ? null : (link.url ?? null),
      domain: link.domain ?? null,
      crosspostParent: link.crosspost_parent ?? null,
      removed,
    },
  };
}

function permalink(thing: RedditThing): string {
  if (thing.kind === 't3') return thing.data.permalink;
  const { subreddit, link_id: linkId, name } = thing.data;
  return thing.data.permalink ?? `/r/${subreddit}/comments/${linkId.slice(3)}/_/${name.slice(3)}/`;
}
