import { z } from 'zod';
import { baseUrlField, politenessFields } from '../api/index.js';

/** Per-source config of a YouTube collector: one channel's or playlist's Atom feed (the newest 15 videos). */
export const youtubeConfigSchema = z
  .object({
    channelId: z
      .string()
      .regex(/^UC[\w-]{22}$/, 'must be a channel id like UCxxxxxxxxxxxxxxxxxxxxxx (24 characters, starting UC)')
      .optional()
      .describe('Channel id (not the @handle): the feed ?channel_id='),
    playlistId: z
      .string()
      .regex(/^[\w-]{12,64}$/, 'must be a playlist id like PLxxxx')
      .optional()
      .describe('Playlist id: the feed ?playlist_id='),
    baseUrl: baseUrlField.default('https://www.youtube.com').describe('Feed host (default https://www.youtube.com)'),
    requestsPerMinute: politenessFields({ requestsPerMinute: 30, maxPages: 1 }).requestsPerMinute,
  })
  .superRefine((config, ctx) => {
    if ((config.channelId === undefined) === (config.playlistId === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['channelId'], message: 'set exactly one of channelId and playlistId' });
    }
  });

export type YoutubeConfig = z.output<typeof youtubeConfigSchema>;

export const youtubeCursorSchema = z.object({
  etag: z.string().nullable().default(null),
  lastModified: z.string().nullable().default(null),
});

/** One `<entry>` as the parser read it, validated before it becomes an item. */
export const videoEntrySchema = z.object({
  videoId: z.string().regex(/^[\w-]{11}$/, 'yt:videoId must be an 11-character video id'),
  channelId: z.string().nullable(),
  title: z.string(),
  url: z.string().nullable(),
  authorName: z.string().nullable(),
  authorUri: z.string().nullable(),
  published: z.date({ error: 'published is missing or not a date' }),
  updated: z.date().nullable(),
  description: z.string(),
  thumbnail: z.string().nullable(),
  views: z.number().int().nonnegative().nullable(),
  starRating: z
    .object({
      count: z.number().nullable(),
      average: z.number().nullable(),
      min: z.number().nullable(),
      max: z.number().nullable(),
    })
    .nullable(),
});

export type VideoEntry = z.output<typeof videoEntrySchema>;
