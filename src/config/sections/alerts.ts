import { z } from 'zod';
import { isTimeZone, isValidEmail } from '../../text/index.js';

const minutes = (def: number, what: string) => z.number().int().positive().default(def).describe(what);

function surgeThresholdsSchema(d: SurgeThresholds) {
  return z
    .object({
      windowMinutes: minutes(d.windowMinutes, 'The recent window whose spreading posts are counted'),
      baselineMinutes: minutes(d.baselineMinutes, 'The period before the window that sets the normal rate'),
      minRatio: z.number().positive().default(d.minRatio).describe('Window count over the expected count needed to alert'),
      minCount: z.number().int().positive().default(d.minCount).describe('Absolute floor: fewer posts in the window never alert'),
      baselineFloor: z.number().positive().default(d.baselineFloor).describe('Expected count never taken below this, so 1 vs 0 is no surge'),
      cooldownMinutes: minutes(d.cooldownMinutes, 'After an alert, how long before a new episode may alert'),
      growthFactor: z.number().gt(1).default(d.growthFactor).describe('Within an episode, re-alert only when the count grew by this factor'),
    })
    .strict();
}

export interface SurgeThresholds {
  windowMinutes: number;
  baselineMinutes: number;
  minRatio: number;
  minCount: number;
  baselineFloor: number;
  cooldownMinutes: number;
  growthFactor: number;
}

/** Social posts: the last hour against the previous 12 hours. */
export const SOCIAL_DEFAULTS: SurgeThresholds = {
  windowMinutes: 60,
  baselineMinutes: 12 * 60,
  minRatio: 3,
  minCount: 10,
  baselineFloor: 2,
  cooldownMinutes: 3 * 60,
  growthFactor: 2,
};

/** News (feeds, web pages): the last day against the previous 14 days. */
export const NEWS_DEFAULTS: SurgeThresholds = {
  windowMinutes: 24 * 60,
  baselineMinutes: 14 * 24 * 60,
  minRatio: 2,
  minCount: 5,
  baselineFloor: 1,
  cooldownMinutes: 24 * 60,
  growthFactor: 2,
};

const socialSchema = surgeThresholdsSchema(SOCIAL_DEFAULTS);
const newsSchema = surgeThresholdsSchema(NEWS_DEFAULTS);

const surgeSchema = z
  .object({
    newsPlatforms: z.array(z.string()).default(['feed', 'web']).describe('Platforms counted as news; every other platform is social'),
    social: socialSchema.default(socialSchema.parse({})),
    news: newsSchema.default(newsSchema.parse({})),
    overrides: z
      .record(z.string(), z.object({ social: socialSchema.partial().optional(), news: newsSchema.partial().optional() }).strict())
      .default({})
      .describe('Per narrative slug: thresholds that differ from the defaults'),
    newChannelLookbackDays: z.number().int().positive().default(28).describe('A platform or language unseen for this long is new'),
    newChannelMinPosts: z.number().int().positive().default(3).describe('Posts needed from a new platform or language before it alerts'),
    examplePosts: z.number().int().min(3).max(5).default(5).describe('Example posts in a surge email'),
    countBy: z
      .enum(['posts', 'texts', 'accounts'])
      .default('accounts')
      .describe(
        'What surge thresholds count: spreading posts, distinct texts (near-duplicate clusters) or distinct accounts; accounts by measurement (README: Campaigns)',
      ),
    followUpMinutes: z
      .number()
      .int()
      .positive()
      .default(60)
      .describe('Within an episode, growth or a new platform is told at most this often (one email per episode, then summaries)'),
  })
  .strict();

const threatsSchema = z
  .object({
    mediumBatchMinutes: minutes(30, 'Medium threats are sent as one heads-up per this many minutes'),
    lookbackHours: z.number().int().positive().default(24).describe('Threats classified longer ago than this are not alerted any more'),
    growthSummaryMinutes: minutes(60, 'An open high or critical case that gained posts is summarised at most this often'),
  })
  .strict();

const escalationSchema = z
  .object({
    enabled: z.boolean().default(true),
    afterMinutes: minutes(15, 'A critical case still new (unacknowledged) this long after its alert is escalated once'),
  })
  .strict();

/** How long an alert that reached nobody waits for a recipient to be added (first run), per kind. */
const waitingSchema = z
  .object({
    surge: z.number().int().positive().default(12),
    threat: z.number().int().positive().default(24),
    'threat-growth': z.number().int().positive().default(12),
    'threat-batch': z.number().int().positive().default(24),
    escalation: z.number().int().positive().default(6),
    'source-silence': z.number().int().positive().default(72),
  })
  .strict()
  .describe('Hours an alert nobody received is still delivered to a recipient added later');

const silenceSchema = z
  .object({
    afterHours: z.number().int().positive().default(24).describe('Hours without new items (or with only errors) before admins are told'),
    historyDays: z.number().int().positive().default(14).describe('Days looked at to decide that a source normally has daily items'),
    minActiveDays: z.number().int().positive().default(7).describe('Days with items, within historyDays, that make a source a daily one'),
  })
  .strict();

export const alertsConfigSchema = z
  .object({
    uiBaseUrl: z
      .string()
      .url()
      .nullable()
      .default(null)
      .describe('Web UI address for links in alerts; null: http.publicUrl, else the address the server listens on'),
    adminEmail: z
      .string()
      .refine(isValidEmail, 'not an email address')
      .nullable()
      .default(null)
      .describe('VAKSAM_ADMIN_EMAIL: on a start with no recipients, this address becomes the first one (every role)'),
    timeZone: z.string().refine(isTimeZone, 'not an IANA time zone such as Europe/Stockholm').default('Europe/Stockholm'),
    tickSeconds: z.number().int().min(5).default(60).describe('How often surges, silence, threat batches and digests are evaluated'),
    surge: surgeSchema.default(surgeSchema.parse({})),
    threats: threatsSchema.default(threatsSchema.parse({})),
    silence: silenceSchema.default(silenceSchema.parse({})),
    escalation: escalationSchema.default(escalationSchema.parse({})),
    waitingHours: waitingSchema.default(waitingSchema.parse({})),
  })
  .strict();

export type AlertSettings = z.output<typeof alertsConfigSchema>;
export type SurgeSettings = AlertSettings['surge'];
