import { z } from 'zod';
import { baseUrlField, politenessFields } from '../api/index.js';

const CHANNEL_PREFIX = /^(?:@|(?:https?:\/\/)?(?:t\.me|telegram\.me)\/(?:s\/)?)/i;

/** Per-source config of a Telegram collector: one public channel's web preview. */
export const telegramConfigSchema = z.object({
  channel: z
    .string()
    .trim()
    .transform((channel) => channel.replace(CHANNEL_PREFIX, '').replace(/\/+$/, ''))
    .pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,63}$/, 'must be a public channel username like "lvu_news"'))
    .describe('Public channel username; "@name" and "https://t.me/name" are accepted too'),
  baseUrl: baseUrlField.default('https://t.me').describe('Web preview host (default https://t.me)'),
  // t.me answers 429 quickly to fast clients; one page every 3 s is gentle.
  ...politenessFields({ requestsPerMinute: 20, maxPages: 5 }),
});

export type TelegramConfig = z.output<typeof telegramConfigSchema>;

export const telegramCursorSchema = z.object({
  /** Newest message id seen; later runs page backwards (?before=) until they reach it. */
  newestId: z.number().int().positive(),
});

/** What the parser extracted from one `.tgme_widget_message`, validated before it becomes an item. */
export const extractedMessageSchema = z.object({
  post: z.string().regex(/^[A-Za-z0-9_]+\/\d+$/, 'data-post must be "<channel>/<message id>"'),
  datetime: z.iso.datetime({ offset: true }),
  url: z.string().nullable(),
  textHtml: z.string(),
  views: z.string().nullable(),
  edited: z.boolean(),
  signedBy: z.string().nullable(),
  forwardedFrom: z.object({ name: z.string(), url: z.string().nullable() }).nullable(),
  replyTo: z.string().nullable(),
  linkPreview: z
    .object({
      url: z.string().nullable(),
      siteName: z.string().nullable(),
      title: z.string().nullable(),
      description: z.string().nullable(),
    })
    .nullable(),
  mediaKinds: z.array(z.string()),
  documents: z.array(z.string()),
  poll: z.object({ question: z.string(), options: z.array(z.string()) }).nullable(),
});

export type ExtractedMessage = z.output<typeof extractedMessageSchema>;
