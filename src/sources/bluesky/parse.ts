import { parseDate, parsePreciseInstant } from '../../text/index.js';
import type { CollectedItem } from '../types.js';
import {
  externalEmbedSchema,
  quotedViewSchema,
  quotedWithMediaViewSchema,
  recordEmbedSchema,
  recordWithMediaEmbedSchema,
  type Facet,
  type PostView,
} from './schema.js';

const FACET = 'app.bsky.richtext.facet';
const EMBED = 'app.bsky.embed';

/** A search hit as an item; externalId is the post's at-uri, url its bsky.app page. */
export function postToItem(post: PostView): CollectedItem {
  const record = post.record;
  const facets = readFacets(record.text, record.facets ?? []);
  const quoted = quotedPost(post);
  return {
    externalId: post.uri,
    url: webUrl(post),
    authorHandle: post.author.handle,
    title: null,
    text: record.text,
    language: record.langs?.[0] ?? null,
    // createdAt often has microseconds: kept to the microsecond in the store, and as written.
    publishedAt: parsePreciseInstant(record.createdAt),
    metadata: {
      publishedRaw: record.createdAt,
      did: post.author.did,
      cid: post.cid,
      langs: record.langs ?? [],
      links: facets.links,
      tags: unique([...facets.tags, ...(record.tags ?? [])].map((tag) => tag.toLowerCase())),
      mentions: facets.mentions,
      replyParent: record.reply?.parent.uri ?? null,
      replyRoot: record.reply?.root.uri ?? null,
      quotedUri: quoted.uri,
      quotedState: quoted.state,
      externalLink: externalLink(record.embed),
      mediaKinds: mediaKinds(record.embed),
      replyCount: post.replyCount ?? 0,
      repostCount: post.repostCount ?? 0,
      likeCount: post.likeCount ?? 0,
      quoteCount: post.quoteCount ?? 0,
      labels: (post.labels ?? []).map((label) => label.val),
      indexedAt: post.indexedAt,
    },
  };
}

/**
 * The instant searchPosts sorts and filters `since` on: the earlier of the client's createdAt and the AppView's
 * indexedAt (a client clock in the future cannot push a post ahead of the watermark).
 */
export function sortAt(post: PostView): Date {
  const indexed = new Date(post.indexedAt);
  const created = parseDate(post.record.createdAt);
  return created !== null && created < indexed ? created : indexed;
}

/** https://bsky.app/profile/<handle>/post/<rkey>; the DID stands in for a handle that failed verification. */
export function webUrl(post: PostView): string {
  const rkey = post.uri.slice(post.uri.lastIndexOf('/') + 1);
  const profile = post.author.handle === 'handle.invalid' ? post.author.did : post.author.handle;
  return `https://bsky.app/profile/${encodeURIComponent(profile)}/post/${encodeURIComponent(rkey)}`;
}

interface FacetValues {
  links: string[];
  tags: string[];
  mentions: Array<{ did: string; text: string }>;
}

/** Facet byte slices index the UTF-8 text, not JS string positions: slice the bytes. */
function readFacets(text: string, facets: Facet[]): FacetValues {
  const bytes = Buffer.from(text, 'utf8');
  const values: FacetValues = { links: [], tags: [], mentions: [] };
  for (const facet of facets) {
    for (const feature of facet.features) {
      if (feature.$type === `${FACET}#link` && typeof feature.uri === 'string') values.links.push(feature.uri);
      if (feature.$type === `${FACET}#tag` && typeof feature.tag === 'string') values.tags.push(feature.tag);
      if (feature.$type === `${FACET}#mention` && typeof feature.did === 'string') {
        const slice = bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8');
        values.mentions.push({ did: feature.did, text: slice });
      }
    }
  }
  return { ...values, links: unique(values.links) };
}

type QuotedState = 'ok' | 'notFound' | 'blocked' | 'detached' | null;

/** The quoted post's at-uri from the record, and what the AppView could show of it (deleted posts: notFound). */
function quotedPost(post: PostView): { uri: string | null; state: QuotedState } {
  const embed = post.record.embed;
  const uri =
    embed?.$type === `${EMBED}.record`
      ? (recordEmbedSchema.safeParse(embed).data?.record.uri ?? null)
      : embed?.$type === `${EMBED}.recordWithMedia`
        ? (recordWithMediaEmbedSchema.safeParse(embed).data?.record.record.uri ?? null)
        : null;
  if (uri === null) return { uri: null, state: null };
  return { uri, state: quotedState(post.embed) };
}

function quotedState(view: PostView['embed']): QuotedState {
  const record =
    view?.$type === `${EMBED}.record#view`
      ? quotedViewSchema.safeParse(view).data?.record
      : view?.$type === `${EMBED}.recordWithMedia#view`
        ? quotedWithMediaViewSchema.safeParse(view).data?.record.record
        : undefined;
  const type = record?.$type ?? '';
  if (type.endsWith('#viewNotFound')) return 'notFound';
  if (type.endsWith('#viewBlocked')) return 'blocked';
  if (type.endsWith('#viewDetached')) return 'detached';
  return record === undefined ? null : 'ok';
}

function externalLink(embed: PostView['record']['embed']): string | null {
  if (embed?.$type !== `${EMBED}.external`) return null;
  return externalEmbedSchema.safeParse(embed).data?.external.uri ?? null;
}

const MEDIA_KINDS: Record<string, string> = {
  [`${EMBED}.images`]: 'image',
  [`${EMBED}.gallery`]: 'image',
  [`${EMBED}.video`]: 'video',
  [`${EMBED}.external`]: 'external',
  [`${EMBED}.record`]: 'quote',
};

function mediaKinds(embed: PostView['record']['embed']): string[] {
  if (embed === undefined) return [];
  if (embed.$type === `${EMBED}.recordWithMedia`) {
    const media = recordWithMediaEmbedSchema.safeParse(embed).data?.media.$type;
    return ['quote', ...(media && MEDIA_KINDS[media] ? [MEDIA_KINDS[media]] : [])];
  }
  const kind = MEDIA_KINDS[embed.$type];
  return kind ? [kind] : [];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
