import type { ImportedItem } from './types.js';

/** X's media types in the words the other collectors use (Mastodon's `image`, `video`, `gifv`). */
const MEDIA_KINDS: Readonly<Record<string, string>> = { photo: 'image', video: 'video', animated_gif: 'gifv' };

export function mediaKind(type: string): string {
  return MEDIA_KINDS[type] ?? type;
}

export function tweetItem(
  id: string,
  handle: string | null,
  text: string,
  lang: string | null | undefined,
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
function tweetLanguage(lang: string | null | undefined): string | null {
  if (!lang || lang === 'und' || lang === 'zxx' || /^q[a-z]{2}$/.test(lang)) return null;
  return lang;
}

/** X escapes &, < and > in tweet text. */
export function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** t.co short links (media links too) are replaced by the URLs they stand for, which is what a reader (and a query) sees. */
export function expandLinks(text: string, urls: ReadonlyArray<{ url: string; expanded_url?: string | null | undefined }>): string {
  return urls.reduce((result, url) => (url.expanded_url ? result.split(url.url).join(url.expanded_url) : result), text);
}

/** A retweet whose text X cut at 140 characters: the original's end is lost ("RT @user: …"). */
export function isTruncatedRetweet(text: string, truncatedFlag: boolean | undefined): boolean {
  return truncatedFlag === true || text.trimEnd().endsWith('…');
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
