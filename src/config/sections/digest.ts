import { z } from 'zod';

export const digestConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Send the weekly digest on Monday mornings'),
    sendAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM')
      .default('07:00')
      .describe('Local time on Monday (alerts.timeZone) the digest of the week before is sent'),
    catchUpHours: z.number().int().min(1).default(24).describe('A digest not sent by sendAt (service down) is still sent this long after'),
    topPosts: z.number().int().min(1).max(10).default(3).describe('Top posts per narrative in the digest'),
  })
  .strict();

export type DigestSettings = z.output<typeof digestConfigSchema>;
