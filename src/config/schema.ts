import { z } from 'zod';
import { secret, secretPaths, type SecretPath } from './secret.js';
import { alertsConfigSchema } from './sections/alerts.js';
import { clustersConfigSchema } from './sections/clusters.js';
import { channelsConfigSchema } from './sections/channels.js';
import { digestConfigSchema } from './sections/digest.js';
import { fetchOptionsSchema } from './sections/fetch.js';
import { httpConfigSchema } from './sections/http.js';
import { privacyConfigSchema } from './sections/privacy.js';
import { threatsConfigSchema } from './sections/threats.js';
import { tiplineConfigSchema } from './sections/tipline.js';

// The config is a leaf: this file and sections/ import zod, errors and text only, never a feature. A feature's
// settings schema lives in sections/<feature>.ts and the feature imports its types from '../config/index.js'.

const ms = (def: number, what: string) => z.number().int().positive().default(def).describe(what);

export const databaseSchema = z
  .object({
    url: secret(z.string().min(1), 'url-password').nullable().default(null).describe('postgres:// URL (env DATABASE_URL); null runs embedded PGlite'),
    dataDir: z.string().default('./data').describe('Folder for embedded PGlite data and other local state'),
    poolSize: z.number().int().min(1).max(100).default(10).describe('postgres.js connections per process'),
  })
  .strict();

export const redisSchema = z
  .object({
    url: secret(z.string(), 'url-password').default('redis://127.0.0.1:6379').describe('Redis URL (env REDIS_URL)'),
    prefix: z.string().regex(/^[a-zA-Z0-9:_-]+$/).default('vaksam').describe('BullMQ key prefix'),
  })
  .strict();

/** The fetch module owns its limits; the config only supplies the User-Agent default. */
export const fetchSchema = fetchOptionsSchema
  .extend({
    userAgent: fetchOptionsSchema.shape.userAgent.default('Vaksam/0.1 (+https://github.com/vaksam/vaksam)'),
  })
  .strict();

export const collectSchema = z
  .object({
    defaultEveryMinutes: z.number().int().min(1).default(15).describe('Schedule of a source that names none'),
    concurrency: z.number().int().min(1).max(64).default(8).describe('Collect jobs run at once per worker process'),
    attempts: z.number().int().min(1).max(20).default(4).describe('Tries of one collect job before it fails'),
    backoffMs: ms(30_000, 'First retry delay; doubles per attempt'),
    unhealthyAfterFailures: z.number().int().min(1).default(3).describe('Consecutive failed runs before a source is unhealthy'),
    maxBackoffMinutes: z.number().int().min(1).default(24 * 60).describe('Cap on how long a failing source is skipped'),
    jobTimeoutMs: ms(5 * 60_000, 'Deadline for one source run (all pages)'),
    upsertBatchSize: z.number().int().min(1).max(5000).default(1000),
    seedDemoSources: z.boolean().default(true).describe('Insert config/sources.demo.yaml when the sources table is empty at start'),
  })
  .strict();

export const classifySchema = z
  .object({
    batchSize: z.number().int().min(1).max(5000).default(500).describe('Post ids per classify job'),
    concurrency: z.number().int().min(1).max(16).default(2),
    sweepEveryMinutes: z.number().int().min(1).default(5).describe('How often posts left unclassified are re-enqueued'),
    catalogueDir: z.string().default('config/narratives').describe('Seed catalogue imported when the database has none'),
  })
  .strict();

export const workersSchema = z
  .object({
    lockDurationMs: ms(30_000, 'Job lock lifetime; a killed worker\'s job is retried by another after about this long'),
    stalledIntervalMs: ms(30_000, 'How often workers look for stalled jobs'),
    shutdownGraceMs: ms(60_000, 'On SIGTERM, how long running jobs may take to finish before the process exits anyway'),
    scheduleReconcileSeconds: z
      .number()
      .int()
      .min(1)
      .default(300)
      .describe('How often `start` rebuilds missing job schedulers from the sources table (also on every Redis reconnect)'),
  })
  .strict();

export const mailSchema = z
  .object({
    smtpUrl: secret(z.string(), 'url-password').nullable().default(null).describe('smtp(s):// URL (env SMTP_URL); null writes .eml files'),
    outboxDir: z.string().default('./data/outbox').describe('Where .eml files go when no SMTP is set'),
    from: z.string().default('Vaksam <vaksam@localhost>'),
    timeoutMs: ms(30_000, 'SMTP connect, greeting and socket timeout'),
    maxConnections: z.number().int().min(1).max(50).default(5).describe('Pooled SMTP connections per worker'),
    batchSize: z.number().int().min(1).max(1000).default(50).describe('Outbox rows one mail job claims at a time'),
    maxAttempts: z.number().int().min(1).max(50).default(10).describe('Sends of one email before it is marked failed'),
    retryBaseMs: ms(60_000, 'First retry delay after a transient SMTP error; doubles per attempt'),
    retryMaxMs: ms(3_600_000, 'Cap on the retry delay'),
    sendingTimeoutMs: ms(5 * 60_000, 'A row claimed longer ago than this belonged to a worker that died; it is sent once more'),
    sweepEverySeconds: z.number().int().min(5).default(60).describe('How often due, retried and abandoned outbox rows are picked up'),
    concurrency: z.number().int().min(1).max(16).default(2).describe('Mail jobs run at once per worker process'),
  })
  .strict();

export const configSchema = z
  .object({
    env: z.enum(['development', 'production', 'test']).default('development'),
    log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') }).strict().default({ level: 'info' }),
    database: databaseSchema.default(databaseSchema.parse({})),
    redis: redisSchema.default(redisSchema.parse({})),
    fetch: fetchSchema.default(fetchSchema.parse({})),
    collect: collectSchema.default(collectSchema.parse({})),
    classify: classifySchema.default(classifySchema.parse({})),
    workers: workersSchema.default(workersSchema.parse({})),
    threats: threatsConfigSchema.default(threatsConfigSchema.parse({})),
    mail: mailSchema.default(mailSchema.parse({})),
    http: httpConfigSchema.default(httpConfigSchema.parse({})),
    alerts: alertsConfigSchema.default(alertsConfigSchema.parse({})),
    digest: digestConfigSchema.default(digestConfigSchema.parse({})),
    tipline: tiplineConfigSchema.default(tiplineConfigSchema.parse({})),
    /** Retention by purpose, the data controller and the default secrecy marking (issue 20). */
    privacy: privacyConfigSchema.default(privacyConfigSchema.parse({})),
    /** Near-duplicate clusters and coordinated sharing (README: Campaigns). */
    clusters: clustersConfigSchema.default(clustersConfigSchema.parse({})),
    /** Teams, Slack, signed webhooks and SMS gateways alerts also go to, by name (README: Alerts). */
    channels: channelsConfigSchema,
  })
  .strict()
  .superRefine((cfg, ctx) => {
    if (cfg.env === 'production' && cfg.fetch.allowPrivateNetworks.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['fetch', 'allowPrivateNetworks'],
        message: 'fetch.allowPrivateNetworks must be empty when env is production (it disables the SSRF guard)',
      });
    }
    if (cfg.database.url !== null && !/^postgres(ql)?:\/\//.test(cfg.database.url)) {
      ctx.addIssue({ code: 'custom', path: ['database', 'url'], message: 'database.url must start with postgres:// or postgresql://' });
    }
    if (!/^rediss?:\/\//.test(cfg.redis.url)) {
      ctx.addIssue({ code: 'custom', path: ['redis', 'url'], message: 'redis.url must start with redis:// or rediss://' });
    }
  });

export type Config = z.infer<typeof configSchema>;

/** Every secret of the config, read from the marks in the schema (`secret()`); `*` is any channel name. */
export const SECRET_PATHS: readonly SecretPath[] = Object.freeze(secretPaths(configSchema));

/** The dotted names of SECRET_PATHS (`database.url`, `channels.*.url`). */
export const SECRET_KEYS: ReadonlySet<string> = new Set(SECRET_PATHS.map((entry) => entry.path.join('.')));
