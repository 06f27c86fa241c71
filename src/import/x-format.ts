import { z } from 'zod';
import { parseDate } from '../text/index.js';
import { describeIssues } from '../sources/api/index.js';
import type { ImportOptions, ImportRow, ImportedItem } from './types.js';

const countField = z.coerce.number().int().nonnegative().optional();

/** A tweet of an X archive (tweets.js) or of the v1.1 API: id_str, full_text, created_at "Wed Oct 10 …". */
const v1TweetSchema = z.object({
  id_str: z.string().regex(/^\d+$/, 'id_str must be digits'),
  full_text: z.string().optional(),
  text: z.string().optional(),
  created_at: z.string(),
  lang: z.string().optional(),
  favorite_count: countField,
  retweet_count: countField,
  in_reply_to_status_id_str: z.string().nullish(),
  in_reply_to_screen_name: z.string().nullish(),
  user: z.object({ screen_name: z.string() }).optional(),
  entities: z
    .object({
      hashtags: z.array(z.object({ text: z.string() })).default([]),
      user_mentions: z.array(z.object({ screen_name: z.string() })).default([]),
      urls: z.array(z.object({ url: z.string(), expanded_url: z.string().nullish() })).default([]),
    })
    .optional(),
});

/** A tweet object of the X API v2 (also twarc2's flattened form with an embedded `author`). */
const v2TweetSchema = z.object({
  id: z.string().regex(/^\d+$/, 'id must be digits'),
  text: z.string(),
  created_at: z.iso.datetime({ offset: true }).optional(),
  author_id: z.string().optional(),
  author: z.object({ username: z.string() }).optional(),
  lang: z.string().optional(),
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  public_metrics: z.record(z.string(), z.number()).optional(),
  note_tweet: z.object({ text: z.string() }).optional(),
  entities: z
    .object({
      hashtags: z.array(z.object({ tag: z.string() })).optional(),
      mentions: z.array(z.object({ username: z.string() })).optional(),
      urls: z.array(z.object({ url: z.string(), expanded_url: z.string().optional() })).optional(),
    })
    .optional(),
});

const v2PageSchema = z.object({
  data: z.union([z.array(z.unknown()), z.record(z.string(), z.unknown())]),
  includes: z.object({ users: z.array(z.object({ id: z.string(), username: z.string() })).default([]) }).optional(),
});

/**
 * One JSON value of an X export as rows: an archive entry `{ "tweet": {…} }`, a v1.1 or v2 tweet, or a v2 response
 * page `{ data: [...], includes: { users } }` whose tweets get their authors' usernames from `includes`.
 */
export function xValueToRows(value: unknown, line: number, options: ImportOptions): ImportRow[] {
  if (!isObject(value)) return [{ line, error: 'not a tweet object' }];
  if (isObject(value.tweet)) return [v1Row(value.tweet, line, options.accountHandle ?? null)];
  if ('id_str' in value) return [v1Row(value, line, options.accountHandle ?? null)];
  if ('data' in value) {
    const page = v2PageSchema.safeParse(value);
    if (!page.success) return [{ line, error: `X API response: ${describeIssues(page.error)}` }];
    const users = new Map((page.data.includes?.users ?? []).map((user) => [user.id, user.username]));
    const tweets = Array.isArray(page.data.data) ? page.data.data : [page.data.data];
    return tweets.map((tweet) => v2Row(tweet, line, users));
  }
  if ('id' in value && 'text' in value) return [v2Row(value, line, new Map())];
  return [{ line, error: 'not a tweet: expected {"tweet": …}, a tweet with id_str, or an X API v2 tweet or response' }];
}

function v1Row(raw: unknown, line: number, accountHandle: string | null): ImportRow {
  const parsed = v1TweetSchema.safeParse(raw);
  if (!parsed.success) return { line, error: `X archive tweet: ${describeIssues(parsed.error)}` };
  const tweet = parsed.data;
  const publishedAt = parseDate(tweet.created_at);
  if (publishedAt === null) return { line, error: `X archive tweet: created_at '${tweet.created_at}' is not a date` };
  const urls = tweet.entities?.urls ?? [];
  const text = expandLinks(decodeEntities(tweet.full_text ?? tweet.text ?? ''), urls);
  const handle = tweet.user?.screen_name ?? accountHandle;
  return {
    line,
    item: tweetItem(tweet.id_str, handle, text, tweet.lang, publishedAt, {
      format: 'x-archive',
      retweet: text.startsWith('RT @'),
      inReplyToId: tweet.in_reply_to_status_id_str ?? null,
      inReplyToHandle: tweet.in_reply_to_screen_name ?? null,
      hashtags: (tweet.entities?.hashtags ?? []).map((tag) => tag.text.toLowerCase()),
      mentions: (tweet.entities?.user_mentions ?? []).map((mention) => mention.screen_name),
      links: urls.map((url) => url.expanded_url ?? url.url),
      likeCount: tweet.favorite_count ?? null,
      retweetCount: tweet.retweet_count ?? null,
    }),
  };
}

function v2Row(raw: unknown, line: number, users: ReadonlyMap<string, string>): ImportRow {
  const parsed = v2TweetSchema.safeParse(raw);
  if (!parsed.success) return { line, error: `X API v2 tweet: ${describeIssues(parsed.error)}` };
  const tweet = parsed.data;
  const urls = tweet.entities?.urls ?? [];
  const text = expandLinks(decodeEntities(tweet.note_tweet?.text ?? tweet.text), urls);
  const handle = tweet.author?.username ?? (tweet.author_id ? (users.get(tweet.author_id) ?? null) : null);
  const referenced = (type: string) => tweet.referenced_tweets?.find((ref) => ref.type === type)?.id ?? null;
  const metrics = tweet.public_metrics ?? {};
  return {
    line,
    item: tweetItem(tweet.id, handle, text, tweet.lang, tweet.created_at ? new Date(tweet.created_at) : null, {
      format: 'x-api-v2',
      authorId: tweet.author_id ?? null,
      conversationId: tweet.conversation_id ?? null,
      retweet: referenced('retweeted') !== null,
      retweetOf: referenced('retweeted'),
      quotedId: referenced('quoted'),
      inReplyToId: referenced('replied_to'),
      hashtags: (tweet.entities?.hashtags ?? []).map((tag) => tag.tag.toLowerCase()),
      mentions: (tweet.entities?.mentions ?? []).map((mention) => mention.username),
      links: urls.map((url) => url.expanded_url ?? url.url),
      likeCount: metrics.like_count ?? null,
      retweetCount: metrics.retweet_count ?? null,
      replyCount: metrics.reply_count ?? null,
      quoteCount: metrics.quote_count ?? null,
      impressionCount: metrics.impression_count ?? null,
    }),
  };
}

function tweetItem(
  id: string,
  handle: string | null,
  text: string,
  lang: string | undefined,
  publishedAt: Date | null,
  metadata: Record<string, unknown>,
): ImportedItem {
  return {
    platform: 'x',
    externalId: id,
    url: handle ? `https://x.com/${encodeURIComponent(handle)}/status/${id}` : `https://x.com/i/web/status/${id}`,
    authorHandle: handle,
    title: null,
    text,
    language: tweetLanguage(lang),
    publishedAt,
    metadata,
  };
}

/** X marks undetermined or text-less tweets with und, zxx and q-codes (qme, qht...), which are no language. */
function tweetLanguage(lang: string | undefined): string | null {
  if (!lang || lang === 'und' || lang === 'zxx' || /^q[a-z]{2}$/.test(lang)) return null;
  return lang;
}

/** X escapes &, < and > in tweet text. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** t.co short links are replaced by the URLs they stand for, which is what a reader (and a query) sees. */
function expandLinks(text: string, urls: ReadonlyArray<{ url: string; expanded_url?: string | null }>): string {
  return urls.reduce((result, url) => (url.expanded_url ? result.split(url.url).join(url.expanded_url) : result), text);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
