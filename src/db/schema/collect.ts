import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Where posts come from: one row per feed, page, hashtag timeline, channel... */
export const sources = pgTable(
  'sources',
  {
    id: serial('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    config: jsonb('config').$type<Record<string, unknown>>().notNull().default({}),
    /** kind + url + canonical config: the same source cannot be added twice. */
    identityKey: text('identity_key').notNull(),
    everyMinutes: integer('every_minutes').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Adapter-owned incremental state: etag, last-modified, newest id, cursor. */
    cursor: jsonb('cursor').$type<Record<string, unknown>>().notNull().default({}),
    health: text('health').$type<SourceHealth>().notNull().default('new'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    backoffUntil: tz('backoff_until'),
    lastRunAt: tz('last_run_at'),
    lastSuccessAt: tz('last_success_at'),
    lastItemsAt: tz('last_items_at'),
    lastErrorAt: tz('last_error_at'),
    lastErrorCode: text('last_error_code'),
    lastError: text('last_error'),
    itemsTotal: bigint('items_total', { mode: 'number' }).notNull().default(0),
    quarantinedTotal: bigint('quarantined_total', { mode: 'number' }).notNull().default(0),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sources_identity_key_uq').on(t.identityKey), uniqueIndex('sources_name_uq').on(t.name)],
);

export type SourceHealth = 'new' | 'healthy' | 'failing' | 'unhealthy';

/** One run of one source: what was asked, what came back, what was stored. */
export const fetchRuns = pgTable(
  'fetch_runs',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    jobId: text('job_id'),
    status: text('status').$type<FetchRunStatus>().notNull().default('running'),
    startedAt: tz('started_at').notNull(),
    finishedAt: tz('finished_at'),
    httpStatus: integer('http_status'),
    itemsSeen: integer('items_seen').notNull().default(0),
    itemsNew: integer('items_new').notNull().default(0),
    itemsUpdated: integer('items_updated').notNull().default(0),
    itemsQuarantined: integer('items_quarantined').notNull().default(0),
    bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
    durationMs: integer('duration_ms'),
    errorCode: text('error_code'),
    error: text('error'),
    warnings: jsonb('warnings').$type<string[]>().notNull().default([]),
    /** Characters PostgreSQL cannot store (NUL, unpaired surrogates) removed from the run's items. */
    removedCodePoints: integer('removed_code_points').notNull().default(0),
    /** Every HTTP exchange of the run: url, status, response headers, SHA-256 of the body as fetched. */
    exchanges: jsonb('exchanges').$type<FetchExchange[]>().notNull().default([]),
  },
  (t) => [index('fetch_runs_source_started_idx').on(t.sourceId, t.startedAt)],
);

/** `abandoned`: the process running it died (closed at the next start or sweep). */
export type FetchRunStatus = 'running' | 'ok' | 'not_modified' | 'failed' | 'skipped' | 'abandoned';

export interface FetchExchange {
  url: string;
  status: number;
  headers: Record<string, string>;
  sha256: string;
  bytes: number;
  at: string;
}

/** Posts and articles, one row per (source, external id); an edit updates the row in place. */
export const posts = pgTable(
  'posts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    platform: text('platform').notNull(),
    externalId: text('external_id').notNull(),
    url: text('url'),
    authorHandle: text('author_handle'),
    title: text('title'),
    text: text('text').notNull(),
    language: text('language'),
    publishedAt: tz('published_at'),
    fetchedAt: tz('fetched_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    /** SHA-256 of url, title and text: an unchanged re-fetch writes nothing. */
    contentHash: text('content_hash').notNull(),
    fetchRunId: bigint('fetch_run_id', { mode: 'number' }),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    /** Set when the post (in its current version) has been classified; null means pending. */
    classifiedAt: tz('classified_at'),
    /** When retention replaced the author handle by its keyed hash and dropped the URL and identifying metadata. */
    pseudonymisedAt: tz('pseudonymised_at'),
  },
  (t) => [
    uniqueIndex('posts_source_external_uq').on(t.sourceId, t.externalId),
    index('posts_published_idx').on(t.publishedAt),
    // The overview counts posts by when they appeared, bounded by when they were collected (issue 14).
    index('posts_fetched_idx').on(t.fetchedAt),
    index('posts_unclassified_idx').on(t.fetchedAt).where(sql`${t.classifiedAt} is null`),
    // Full-text search of the web UI (src/http/posts); 'simple' because posts are Swedish, Arabic and English at once.
    index('posts_fts_idx').using('gin', sql`to_tsvector('simple', coalesce(${t.title}, '') || ' ' || ${t.text})`),
  ],
);

/** Items a source returned that failed validation: kept with the raw payload so nothing is silently lost. */
export const quarantine = pgTable(
  'quarantine',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    fetchRunId: bigint('fetch_run_id', { mode: 'number' }),
    externalId: text('external_id'),
    reason: text('reason').notNull(),
    raw: jsonb('raw'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('quarantine_source_idx').on(t.sourceId, t.createdAt)],
);
