import { htmlToText } from '../../text/index.js';
import { shareMetadata } from '../shares.js';
import type { CollectedItem } from '../types.js';
import type { MastodonEntry, MastodonStatus } from './schema.js';

/**
 * A timeline entry as an item. A boost is stored as the status it boosts (externalId = the original's ActivityPub
 * uri, the same on every instance), so the original and each boost of it collapse into one item; each boost is a
 * share of it (`sharedBy`, merged by the store as X retweets are).
 */
export function entryToItem(entry: MastodonEntry, instanceHost: string): CollectedItem {
  const status = entry.reblog ?? entry;
  const item = statusToItem(status, instanceHost);
  if (entry.reblog) {
    const booster = qualifiedAcct(entry.account.acct, instanceHost);
    item.metadata.boostedBy = booster;
    Object.assign(item.metadata, shareMetadata({ id: entry.uri, by: booster, at: new Date(entry.created_at).toISOString() }));
  }
  return item;
}

function statusToItem(status: MastodonStatus, instanceHost: string): CollectedItem {
  const url = status.url ?? status.uri;
  const body = htmlToText(status.content, url).text;
  const poll = status.poll ? status.poll.options.map((option) => option.title).join('\n') : '';
  return {
    externalId: status.uri,
    url,
    authorHandle: qualifiedAcct(status.account.acct, instanceHost),
    title: null,
    text: [status.spoiler_text.trim(), body, poll].filter((part) => part !== '').join('\n\n'),
    language: status.language ?? null,
    publishedAt: new Date(status.created_at),
    metadata: {
      instance: instanceHost,
      statusId: status.id,
      tags: status.tags.map((tag) => tag.name.toLowerCase()),
      mentions: status.mentions.map((mention) => qualifiedAcct(mention.acct, instanceHost)),
      mediaKinds: status.media_attachments.map((media) => media.type),
      repliesCount: status.replies_count,
      reblogsCount: status.reblogs_count,
      favouritesCount: status.favourites_count,
      spoilerText: status.spoiler_text,
      sensitive: status.sensitive,
      visibility: status.visibility ?? null,
      inReplyToId: status.in_reply_to_id ?? null,
      cardUrl: status.card?.url ?? null,
      ...quotedPost(status),
    },
  };
}

/**
 * What a quote post quotes: the quoted post's URL (its web page, else its ActivityPub uri), the quote's state
 * (accepted, pending, revoked, deleted... in Mastodon 4.4+) and, when the server only sent its id, that id. Servers
 * without quote support still link it in the text ("RE: <a href>", class quote-inline), which is the last resort.
 */
function quotedPost(status: MastodonStatus): { quotedUrl: string | null; quotedState: string | null; quotedStatusId: string | null } {
  const quote = isRecord(status.quote) ? status.quote : null;
  const quoted = quote === null ? null : isRecord(quote.quoted_status) ? quote.quoted_status : 'uri' in quote ? quote : null;
  const state = typeof quote?.state === 'string' ? quote.state : null;
  const statusId = typeof quote?.quoted_status_id === 'string' ? quote.quoted_status_id : null;
  const url = httpUrl(quoted?.url) ?? httpUrl(quoted?.uri) ?? httpUrl(status.pleroma?.quote_url) ?? inlineQuoteUrl(status.content);
  return { quotedUrl: url, quotedState: state, quotedStatusId: statusId ?? (typeof quoted?.id === 'string' ? quoted.id : null) };
}

const INLINE_QUOTE = /<p class="quote-inline"[^>]*>\s*RE:\s*<a href="([^"]+)"/;

function inlineQuoteUrl(content: string): string | null {
  return httpUrl(INLINE_QUOTE.exec(content.slice(0, 2_000))?.[1]?.replace(/&amp;/g, '&'));
}

function httpUrl(value: unknown): string | null {
  return typeof value === 'string' && /^https?:\/\//i.test(value) ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Local accounts' acct has no domain; qualify it so the same person has one handle whichever instance we ask. */
function qualifiedAcct(acct: string, instanceHost: string): string {
  return acct.includes('@') ? acct : `${acct}@${instanceHost}`;
}

/** `<url>; rel="next", <url>; rel="prev"` → Map rel → url (RFC 8288, as Mastodon sends it). */
export function parseLinkHeader(header: string | undefined): Map<string, string> {
  const links = new Map<string, string>();
  if (!header) return links;
  for (const match of header.matchAll(/<([^>]*)>\s*((?:;\s*[^;,]+)*)/g)) {
    const rel = /;\s*rel\s*=\s*"?([^";,]+)"?/i.exec(match[2] ?? '')?.[1];
    if (match[1] && rel) for (const name of rel.trim().split(/\s+/)) links.set(name.toLowerCase(), match[1]);
  }
  return links;
}

/**
 * Orders status ids. Mastodon's are decimal snowflakes and Pleroma/Akkoma's fixed-width flake strings: comparing by
 * length, then lexically, orders both (plain string order would put "99" after "100").
 */
export function compareStatusIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function newestStatusId(ids: Iterable<string>, start: string | null): string | null {
  let newest = start;
  for (const id of ids) if (newest === null || compareStatusIds(id, newest) > 0) newest = id;
  return newest;
}

export function oldestStatusId(ids: Iterable<string>): string | null {
  let oldest: string | null = null;
  for (const id of ids) if (oldest === null || compareStatusIds(id, oldest) < 0) oldest = id;
  return oldest;
}
