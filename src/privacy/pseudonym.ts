import { createHmac } from 'node:crypto';

/** Pseudonyms start with this, so lists and exports show that a handle was replaced rather than invented. */
export const PSEUDONYM_PREFIX = 'pseud:';

/** Longest handle accepted from a person's request; platforms' handles are far shorter. */
export const MAX_HANDLE_CHARS = 200;

/**
 * A handle as people type it and platforms compare it: without a leading `@`, NFKC, lower-case. Mastodon's
 * `user@instance` keeps its instance.
 */
export function normaliseHandle(handle: string): string {
  return handle.normalize('NFKC').trim().replace(/^@+/u, '').toLowerCase();
}

/**
 * The keyed hash retention and erasure put in place of a handle: HMAC-SHA-256 of platform and normalised handle,
 * 20 hex digits. The same author keeps the same pseudonym, so counts of distinct authors stay true; without the
 * key (kept outside the database) it cannot be reversed by trying handles.
 */
export function pseudonymOf(key: Buffer, platform: string, handle: string): string {
  const digest = createHmac('sha256', key).update(`${platform.toLowerCase()}\u0000${normaliseHandle(handle)}`).digest('hex');
  return `${PSEUDONYM_PREFIX}${digest.slice(0, 20)}`;
}

export function isPseudonym(handle: string | null): boolean {
  return handle !== null && handle.startsWith(PSEUDONYM_PREFIX);
}

/**
 * Metadata keys that describe a post without naming anyone (tags, counts, kinds). Everything else (mentions,
 * sharers, channel, signer, forwarded-from, DIDs, owner names, links) goes when a post is pseudonymised.
 */
const NEUTRAL_METADATA_KEYS = new Set([
  'tags',
  'hashtags',
  'langs',
  'categories',
  'mediaKinds',
  'kind',
  'feedKind',
  'format',
  'shareCount',
  'repliesCount',
  'reblogsCount',
  'favouritesCount',
  'views',
  'viewCount',
  'likeCount',
  'commentCount',
  'favoritesCount',
  'score',
  'sensitive',
  'edited',
  'publishedRaw',
  'regionCode',
]);

export function neutralMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(metadata).filter(([key]) => NEUTRAL_METADATA_KEYS.has(key)));
}
