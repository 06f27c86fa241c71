import { z } from 'zod';
import { baseUrlField, minRateLimitRemainingField, politenessFields, tokenField } from '../api/index.js';

/** Per-source config of a Bluesky collector: one `app.bsky.feed.searchPosts` query on an AppView. */
export const blueskyConfigSchema = z.object({
  baseUrl: baseUrlField
    .default('https://public.api.bsky.app')
    .describe('AppView base URL (default https://public.api.bsky.app)'),
  query: z.string().trim().min(1).describe('Search query (Lucene-like syntax, e.g. "socialtjänsten OR #LVU")'),
  lang: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/, 'must be a language code like sv or ar')
    .optional()
    .describe('Only posts in this language'),
  limit: z.number().int().min(1).max(100).default(100).describe('Posts per page, 1-100 (default 100)'),
  token: tokenField,
  minRateLimitRemaining: minRateLimitRemainingField,
  ...politenessFields({ requestsPerMinute: 30, maxPages: 5 }),
});

export type BlueskyConfig = z.output<typeof blueskyConfigSchema>;

export const searchPostsOutputSchema = z.object({
  posts: z.array(z.unknown()),
  cursor: z.string().optional(),
  hitsTotal: z.number().optional(),
});

const strongRefSchema = z.object({ uri: z.string().startsWith('at://'), cid: z.string().optional() });

const facetSchema = z.object({
  index: z.object({ byteStart: z.number().int().nonnegative(), byteEnd: z.number().int().nonnegative() }),
  features: z.array(z.looseObject({ $type: z.string() })),
});

export type Facet = z.output<typeof facetSchema>;

const postRecordSchema = z.object({
  text: z.string(),
  createdAt: z.string(),
  langs: z.array(z.string()).optional(),
  facets: z.array(facetSchema).optional(),
  tags: z.array(z.string()).optional(),
  reply: z.object({ root: strongRefSchema, parent: strongRefSchema }).optional(),
  embed: z.looseObject({ $type: z.string() }).optional(),
});

/** `app.bsky.feed.defs#postView` with the fields we keep (lexicon: uri, cid, author, record, indexedAt required). */
export const postViewSchema = z.object({
  uri: z.string().regex(/^at:\/\/[^/]+\/app\.bsky\.feed\.post\/[^/]+$/, 'must be an at:// URI of a post'),
  cid: z.string().min(1),
  author: z.object({
    did: z.string().startsWith('did:'),
    handle: z.string().min(1),
    displayName: z.string().optional(),
  }),
  record: postRecordSchema,
  embed: z.looseObject({ $type: z.string() }).optional(),
  replyCount: z.number().int().optional(),
  repostCount: z.number().int().optional(),
  likeCount: z.number().int().optional(),
  quoteCount: z.number().int().optional(),
  indexedAt: z.iso.datetime({ offset: true }),
  labels: z.array(z.object({ val: z.string() })).optional(),
});

export type PostView = z.output<typeof postViewSchema>;

/** `app.bsky.embed.record` / `recordWithMedia` as they appear in a post record. */
export const recordEmbedSchema = z.object({ record: strongRefSchema });
export const recordWithMediaEmbedSchema = z.object({
  record: z.object({ record: strongRefSchema }),
  media: z.looseObject({ $type: z.string() }),
});
export const externalEmbedSchema = z.object({ external: z.object({ uri: z.string(), title: z.string().optional() }) });

/** The view of a quoted record: `app.bsky.embed.record#view(Record|NotFound|Blocked|Detached)`. */
export const quotedViewSchema = z.object({ record: z.looseObject({ $type: z.string().optional() }) });
export const quotedWithMediaViewSchema = z.object({ record: quotedViewSchema });
