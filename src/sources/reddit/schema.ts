import { z } from 'zod';
import { baseUrlField, minRateLimitRemainingField, politenessFields } from '../api/index.js';

/** Per-source config of a Reddit collector: a search, a subreddit's new posts, or a search within a subreddit. */
export const redditConfigSchema = z
  .object({
    baseUrl: baseUrlField.default('https://www.reddit.com').describe('Reddit host (default https://www.reddit.com)'),
    subreddit: z
      .string()
      .trim()
      .transform((name) => name.replace(/^\/?r\//i, ''))
      .pipe(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'must be a subreddit name like "sweden"'))
      .optional()
      .describe('Subreddit without "r/": its /new listing, or the search scope when query is set'),
    query: z.string().trim().min(1).optional().describe('Search query (Reddit search syntax)'),
    limit: z.number().int().min(1).max(100).default(100).describe('Items per page, 1-100 (default 100)'),
    minRateLimitRemaining: minRateLimitRemainingField,
    // Reddit allows unauthenticated clients only a few requests per minute.
    ...politenessFields({ requestsPerMinute: 6, maxPages: 3 }),
  })
  .superRefine((config, ctx) => {
    if (config.subreddit === undefined && config.query === undefined) {
      ctx.addIssue({ code: 'custom', path: ['query'], message: 'set query, subreddit or both' });
    }
  });

export type RedditConfig = z.output<typeof redditConfigSchema>;

export const listingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({ after: z.string().nullish(), children: z.array(z.unknown()) }),
});

const common = {
  author: z.string(),
  subreddit: z.string(),
  created_utc: z.number().positive(),
  score: z.number().default(0),
};

export const linkSchema = z.object({
  kind: z.literal('t3'),
  data: z.object({
    ...common,
    name: z.string().regex(/^t3_[a-z0-9]+$/),
    permalink: z.string().startsWith('/'),
    title: z.string(),
    selftext: z.string().default(''),
    url: z.string().nullish(),
    domain: z.string().nullish(),
    is_self: z.boolean().default(false),
    num_comments: z.number().default(0),
    over_18: z.boolean().default(false),
    link_flair_text: z.string().nullish(),
    removed_by_category: z.string().nullish(),
    crosspost_parent: z.string().nullish(),
  }),
});

export const commentSchema = z.object({
  kind: z.literal('t1'),
  data: z.object({
    ...common,
    name: z.string().regex(/^t1_[a-z0-9]+$/),
    /** Missing on comments from before 2017; rebuilt from link_id then. */
    permalink: z.string().startsWith('/').optional(),
    body: z.string(),
    link_id: z.string().regex(/^t3_[a-z0-9]+$/),
    parent_id: z.string(),
    link_title: z.string().nullish(),
  }),
});

/** A listing child we can store: a post (t3) or a comment (t1). Other kinds are quarantined. */
export const thingSchema = z.discriminatedUnion('kind', [linkSchema, commentSchema]);

export type RedditThing = z.output<typeof thingSchema>;
