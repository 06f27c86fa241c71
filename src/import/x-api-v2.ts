import { z } from 'zod';
import { describeIssues } from '../sources/api/index.js';
import { shareMetadata } from '../sources/index.js';
import type { ImportRow } from './types.js';
import { decodeEntities, expandLinks, isTruncatedRetweet, mediaKind, tweetItem } from './x-tweet.js';

const referenceSchema = z.looseObject({ type: z.string(), id: z.string() });

/** A tweet object of the X API v2 (also twarc2's flattened form with an embedded `author` and referenced tweets). */
const v2TweetSchema = z.object({
  id: z.string().regex(/^\d+$/, 'id must be digits'),
  text: z.string(),
  created_at: z.iso.datetime({ offset: true }).optional(),
  author_id: z.string().optional(),
  author: z.object({ username: z.string() }).optional(),
  lang: z.string().optional(),
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  referenced_tweets: z.array(referenceSchema).optional(),
  public_metrics: z.record(z.string(), z.number()).optional(),
  note_tweet: z.object({ text: z.string() }).optional(),
  attachments: z
    .object({
      media_keys: z.array(z.string()).optional(),
      /** twarc2's flattened form puts the media objects here. */
      media: z.array(z.object({ type: z.string() })).optional(),
    })
    .optional(),
  entities: z
    .object({
      hashtags: z.array(z.object({ tag: z.string() })).optional(),
      mentions: z.array(z.object({ username: z.string() })).optional(),
      urls: z.array(z.object({ url: z.string(), expanded_url: z.string().optional(), media_key: z.string().optional() })).optional(),
    })
    .optional(),
});

type V2Tweet = z.output<typeof v2TweetSchema>;

const v2PageSchema = z.object({
  data: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]),
  includes: z
    .object({
      users: z.array(z.object({ id: z.string(), username: z.string() })).default([]),
      tweets: z.array(z.looseObject({ id: z.string() })).default([]),
      media: z.array(z.object({ media_key: z.string(), type: z.string() })).default([]),
    })
    .optional(),
});

/** What a response page's `includes` tells about its tweets: authors' usernames, referenced tweets, media types. */
export interface V2Includes {
  users: ReadonlyMap<string, string>;
  tweets: ReadonlyMap<string, unknown>;
  media: ReadonlyMap<string, string>;
}

/** A v2 response page `{ data, includes }`: one row per tweet of `data`. */
export function xApiV2PageRows(value: unknown, line: number): ImportRow[] {
  const page = v2PageSchema.safeParse(value);
  if (!page.success) return [{ line, error: `X API response: ${describeIssues(page.error)}` }];
  const includes = page.data.includes;
  const context: V2Includes = {
    users: new Map((includes?.users ?? []).map((user) => [user.id, user.username])),
    tweets: new Map((includes?.tweets ?? []).map((tweet) => [tweet.id, tweet])),
    media: new Map((includes?.media ?? []).map((media) => [media.media_key, media.type])),
  };
  const tweets = Array.isArray(page.data.data) ? page.data.data : [page.data.data];
  return tweets.map((tweet) => xApiV2TweetRow(tweet, line, context));
}

/**
 * One v2 tweet. A retweet whose original is in the export (`includes.tweets`, or embedded in `referenced_tweets` by
 * twarc2) is stored as the original, with the retweet in `sharedBy`: the retweet's own text is "RT @user: " and a
 * cut-off copy of it, once per retweeter.
 */
export function xApiV2TweetRow(raw: unknown, line: number, context: V2Includes): ImportRow {
  const parsed = v2TweetSchema.safeParse(raw);
  if (!parsed.success) return { line, error: `X API v2 tweet: ${describeIssues(parsed.error)}` };
  const tweet = parsed.data;
  const retweetOf = referenced(tweet, 'retweeted');
  const original = retweetOf === null ? null : originalOf(tweet, retweetOf, context);
  if (original !== null) {
    const share = { id: tweet.id, by: handleOf(tweet, context), at: tweet.created_at ? new Date(tweet.created_at).toISOString() : null };
    return { line, item: v2Item(original, context, shareMetadata(share)) };
  }
  const retweetFields = retweetOf === null ? {} : { truncated: isTruncatedRetweet(tweet.text, undefined) };
  return { line, item: v2Item(tweet, context, { retweet: retweetOf !== null, retweetOf, ...retweetFields }) };
}

function originalOf(tweet: V2Tweet, id: string, context: V2Includes): V2Tweet | null {
  const embedded = tweet.referenced_tweets?.find((ref) => ref.type === 'retweeted' && typeof ref.text === 'string');
  const parsed = v2TweetSchema.safeParse(context.tweets.get(id) ?? embedded);
  return parsed.success ? parsed.data : null;
}

function v2Item(tweet: V2Tweet, context: V2Includes, extra: Record<string, unknown>) {
  const urls = tweet.entities?.urls ?? [];
  const text = expandLinks(decodeEntities(tweet.note_tweet?.text ?? tweet.text), urls);
  const metrics = tweet.public_metrics ?? {};
  return tweetItem(tweet.id, handleOf(tweet, context), text, tweet.lang, tweet.created_at ? new Date(tweet.created_at) : null, {
    format: 'x-api-v2',
    authorId: tweet.author_id ?? null,
    conversationId: tweet.conversation_id ?? null,
    retweet: false,
    retweetOf: null,
    quotedId: referenced(tweet, 'quoted'),
    inReplyToId: referenced(tweet, 'replied_to'),
    hashtags: (tweet.entities?.hashtags ?? []).map((tag) => tag.tag.toLowerCase()),
    mentions: (tweet.entities?.mentions ?? []).map((mention) => mention.username),
    links: urls.filter((url) => url.media_key === undefined).map((url) => url.expanded_url ?? url.url),
    mediaKinds: mediaKinds(tweet, context),
    likeCount: metrics.like_count ?? null,
    retweetCount: metrics.retweet_count ?? null,
    replyCount: metrics.reply_count ?? null,
    quoteCount: metrics.quote_count ?? null,
    impressionCount: metrics.impression_count ?? null,
    ...extra,
  });
}

function mediaKinds(tweet: V2Tweet, context: V2Includes): string[] {
  const embedded = tweet.attachments?.media?.map((media) => media.type);
  const keyed = (tweet.attachments?.media_keys ?? []).flatMap((key) => (context.media.has(key) ? [context.media.get(key)!] : []));
  return (embedded ?? keyed).map(mediaKind);
}

function handleOf(tweet: V2Tweet, context: V2Includes): string | null {
  return tweet.author?.username ?? (tweet.author_id ? (context.users.get(tweet.author_id) ?? null) : null);
}

function referenced(tweet: V2Tweet, type: string): string | null {
  return tweet.referenced_tweets?.find((ref) => ref.type === type)?.id ?? null;
}
