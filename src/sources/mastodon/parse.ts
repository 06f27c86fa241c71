import { htmlToText } from '../../text/index.js';
import type { CollectedItem } from '../types.js';
import type { MastodonEntry, MastodonStatus } from './schema.js';

/**
 * A timeline entry as an item. A boost is stored as the status it boosts (externalId = the original's ActivityPub
 * uri, the same on every instance), so the original and each boost of it collapse into one item.
 */
export function entryToItem(entry: MastodonEntry, instanceHost: string): CollectedItem {
  const status = entry.reblog ?? entry;
  const item = statusToItem(status, instanceHost);
  if (entry.reblog) item.metadata.boostedBy = qualifiedAcct(entry.account.acct, instanceHost);
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
    },
  };
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
