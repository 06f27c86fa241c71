import { z } from 'zod';
import { parseDate } from '../text/index.js';
import { describeIssues } from '../sources/api/index.js';
import { shareMetadata } from '../sources/index.js';
import type { ImportOptions, ImportRow } from './types.js';
import { xApiV2PageRows, xApiV2TweetRow } from './x-api-v2.js';
import { decodeEntities, expandLinks, isObject, isTruncatedRetweet, mediaKind, tweetItem } from './x-tweet.js';

const countField = z.coerce.number().int().nonnegative().optional();
const mediaList = z.array(z.object({ type: z.string(), url: z.string().optional(), expanded_url: z.string().nullish() })).optional();

/** A tweet of an X archive (tweets.js) or of the v1.1 API: id_str, full_text, created_at "Wed Oct 10 …". */
const v1TweetSchema = z.object({
  id_str: z.string().regex(/^\d+$/, 'id_str must be digits'),
  full_text: z.string().optional(),
  text: z.string().optional(),
  extended_tweet: z.object({ full_text: z.string() }).optional(),
  truncated: z.boolean().optional(),
  created_at: z.string(),
  lang: z.string().optional(),
  favorite_count: countField,
  retweet_count: countField,
  in_reply_to_status_id_str: z.string().nullish(),
  in_reply_to_screen_name: z.string().nullish(),
  user: z.object({ screen_name: z.string() }).optional(),
  /** v1.1 API only: the whole original of a retweet. */
  retweeted_status: z.unknown().optional(),
  entities: z
    .object({
      hashtags: z.array(z.object({ text: z.string() })).default([]),
      user_mentions: z.array(z.object({ screen_name: z.string() })).default([]),
      urls: z.array(z.object({ url: z.string(), expanded_url: z.string().nullish() })).default([]),
      media: mediaList,
    })
    .optional(),
  extended_entities: z.object({ media: mediaList }).optional(),
});

type V1Tweet = z.output<typeof v1TweetSchema>;

/**
 * One JSON value of an X export as rows: an archive entry `{ "tweet": {…} }`, a v1.1 or v2 tweet, or a v2 response
 * page `{ data: [...], includes: { users, tweets, media } }`. A retweet whose original is in the export is stored as
 * that original, once, with the retweet in its `sharedBy`; one without it (archives) is kept and flagged truncated
 * when X cut its text.
 */
export function xValueToRows(value: unknown, line: number, options: ImportOptions): ImportRow[] {
  if (!isObject(value)) return [{ line, error: 'not a tweet object' }];
  if (isObject(value.tweet)) return [v1Row(value.tweet, line, options.accountHandle ?? null)];
  if ('id_str' in value) return [v1Row(value, line, options.accountHandle ?? null)];
  if ('data' in value) return xApiV2PageRows(value, line);
  if ('id' in value && 'text' in value) return [xApiV2TweetRow(value, line, { users: new Map(), tweets: new Map(), media: new Map() })];
  return [{ line, error: 'not a tweet: expected {"tweet": …}, a tweet with id_str, or an X API v2 tweet or response' }];
}

function v1Row(raw: unknown, line: number, accountHandle: string | null): ImportRow {
  const parsed = v1TweetSchema.safeParse(raw);
  if (!parsed.success) return { line, error: `X archive tweet: ${describeIssues(parsed.error)}` };
  const tweet = parsed.data;
  const publishedAt = parseDate(tweet.created_at);
  if (publishedAt === null) return { line, error: `X archive tweet: created_at '${tweet.created_at}' is not a date` };
  const handle = tweet.user?.screen_name ?? accountHandle;
  const original = tweet.retweeted_status === undefined ? null : v1TweetSchema.safeParse(tweet.retweeted_status);
  if (original?.success) {
    const originalAt = parseDate(original.data.created_at);
    const share = { id: tweet.id_str, by: handle, at: publishedAt.toISOString() };
    return { line, item: v1Item(original.data, original.data.user?.screen_name ?? null, originalAt, shareMetadata(share)) };
  }
  const text = v1Text(tweet);
  const isRetweet = text.startsWith('RT @');
  const retweetFields = isRetweet
    ? { retweetOfHandle: /^RT @(\w+):/.exec(text)?.[1] ?? null, truncated: isTruncatedRetweet(text, tweet.truncated) }
    : {};
  return { line, item: v1Item(tweet, handle, publishedAt, { retweet: isRetweet, ...retweetFields }) };
}

function v1Item(tweet: V1Tweet, handle: string | null, publishedAt: Date | null, extra: Record<string, unknown>) {
  const urls = tweet.entities?.urls ?? [];
  const media = tweet.extended_entities?.media ?? tweet.entities?.media ?? [];
  return tweetItem(tweet.id_str, handle, v1Text(tweet), tweet.lang, publishedAt, {
    format: 'x-archive',
    retweet: false,
    inReplyToId: tweet.in_reply_to_status_id_str ?? null,
    inReplyToHandle: tweet.in_reply_to_screen_name ?? null,
    hashtags: (tweet.entities?.hashtags ?? []).map((tag) => tag.text.toLowerCase()),
    mentions: (tweet.entities?.user_mentions ?? []).map((mention) => mention.screen_name),
    links: urls.map((url) => url.expanded_url ?? url.url),
    mediaKinds: media.map((item) => mediaKind(item.type)),
    likeCount: tweet.favorite_count ?? null,
    retweetCount: tweet.retweet_count ?? null,
    ...extra,
  });
}

/** The tweet's whole text, entities decoded, t.co links (media links too) expanded. */
function v1Text(tweet: V1Tweet): string {
  const media = (tweet.extended_entities?.media ?? tweet.entities?.media ?? []).flatMap((item) => (item.url ? [{ url: item.url, expanded_url: item.expanded_url }] : []));
  const raw = tweet.extended_tweet?.full_text ?? tweet.full_text ?? tweet.text ?? '';
  return expandLinks(decodeEntities(raw), [...(tweet.entities?.urls ?? []), ...media]);
}
