import { z } from 'zod';
import { baseUrlField, minRateLimitRemainingField, politenessFields, tokenField } from '../api/index.js';

/** Per-source config of a Mastodon collector: one hashtag timeline or one status search on one instance. */
export const mastodonConfigSchema = z
  .object({
    instance: baseUrlField.describe('Base URL of the instance, e.g. https://mastodon.social'),
    tag: z
      .string()
      .transform((tag) => tag.replace(/^#/, '').trim())
      .pipe(z.string().min(1))
      .optional()
      .describe('Hashtag without "#" for /api/v1/timelines/tag/:tag'),
    query: z.string().trim().min(1).optional().describe('Full-text query for /api/v2/search?type=statuses'),
    localOnly: z.boolean().default(false).describe('Tag timeline: only statuses from this instance (default false)'),
    limit: z.number().int().min(1).max(40).default(40).describe('Statuses per page, 1-40 (default 40)'),
    token: tokenField,
    minRateLimitRemaining: minRateLimitRemainingField,
    // Mastodon's default budget is 300 requests per 5 minutes per IP.
    ...politenessFields({ requestsPerMinute: 30, maxPages: 3 }),
  })
  .superRefine((config, ctx) => {
    if ((config.tag === undefined) === (config.query === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['tag'], message: 'set exactly one of tag and query' });
    }
  });

export type MastodonConfig = z.output<typeof mastodonConfigSchema>;

export const mastodonCursorSchema = z.object({
  /** Id (on this instance) of the newest timeline entry seen; the next run asks for min_id=newestId. */
  newestId: z.string().min(1),
});

export type MastodonCursor = z.output<typeof mastodonCursorSchema>;

const accountSchema = z.object({
  id: z.string(),
  acct: z.string().min(1),
  url: z.string().nullish(),
});

const statusFields = {
  id: z.string().min(1),
  uri: z.string().min(1),
  url: z.string().nullish(),
  created_at: z.iso.datetime({ offset: true }),
  content: z.string(),
  language: z.string().nullish(),
  spoiler_text: z.string().default(''),
  sensitive: z.boolean().default(false),
  visibility: z.string().nullish(),
  in_reply_to_id: z.string().nullish(),
  replies_count: z.number().int().nonnegative().default(0),
  reblogs_count: z.number().int().nonnegative().default(0),
  favourites_count: z.number().int().nonnegative().default(0),
  account: accountSchema,
  media_attachments: z.array(z.object({ type: z.string() })).default([]),
  mentions: z.array(z.object({ acct: z.string() })).default([]),
  tags: z.array(z.object({ name: z.string() })).default([]),
  card: z.object({ url: z.string(), title: z.string().nullish() }).nullish(),
  poll: z.object({ options: z.array(z.object({ title: z.string() })) }).nullish(),
  /**
   * A quote post's quote: Mastodon 4.4+ sends a Quote `{ state, quoted_status }` (or a ShallowQuote
   * `{ state, quoted_status_id }` one level down), Fedibird and Akkoma the quoted status itself. Read loosely in
   * parse.ts: a quote this schema does not know must not quarantine the post.
   */
  quote: z.unknown().optional(),
  /** Pleroma/Akkoma extensions; `quote_url` is the quoted post's address. */
  pleroma: z.looseObject({ quote_url: z.string().nullish() }).nullish(),
};

const originalStatusSchema = z.object(statusFields);

/** A timeline entry: a status, or a boost whose `reblog` is the original status. */
export const statusSchema = z.object({ ...statusFields, reblog: originalStatusSchema.nullish() });

export type MastodonStatus = z.output<typeof originalStatusSchema>;
export type MastodonEntry = z.output<typeof statusSchema>;

export const tagTimelineSchema = z.array(z.unknown());
export const searchResultSchema = z.object({ statuses: z.array(z.unknown()) });
