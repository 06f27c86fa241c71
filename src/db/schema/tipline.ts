import { bigint, bigserial, customType, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { posts } from './collect.js';
import { users } from './web.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes; postgres.js returns a Buffer, PGlite a Uint8Array: both come back as a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export type ReportChannel = 'form' | 'link' | 'email';
export type ReportStatus = 'received' | 'processed' | 'failed';
export type ReportConcerns = 'me' | 'colleague' | 'office' | 'unspecified';
export type OcrStatus = 'pending' | 'done' | 'empty' | 'unavailable' | 'failed';

/** What capturing a reported URL gave: stored with the report, the archive itself in tipline_captures. */
export interface CaptureSummary {
  status: 'captured' | 'refused' | 'failed' | 'skipped';
  /** Why it was refused, failed or skipped (error code and message), in words. */
  reason: string | null;
  /** Which collector parsed the page (`telegram`, `mastodon`, `web`...), null when none applied. */
  parser: string | null;
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  language: string | null;
  text: string;
}

/**
 * Secret links staff without an account report through, one per organisation: only a hash of the token is stored,
 * and only addresses in `allowedDomains` can get a one-time code.
 */
export const tiplineLinks = pgTable(
  'tipline_links',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    allowedDomains: jsonb('allowed_domains').$type<string[]>().notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: tz('created_at').notNull(),
    revokedAt: tz('revoked_at'),
  },
  (t) => [uniqueIndex('tipline_links_token_hash_uq').on(t.tokenHash)],
);

/** One-time codes mailed to a work address; only an HMAC of the code is kept. */
export const tiplineCodes = pgTable(
  'tipline_codes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    linkId: integer('link_id')
      .notNull()
      .references(() => tiplineLinks.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: tz('created_at').notNull(),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
  },
  (t) => [index('tipline_codes_email_idx').on(t.email, t.createdAt), index('tipline_codes_expires_idx').on(t.expiresAt)],
);

/** A verified work address reporting through a secret link: the cookie value is stored only as a SHA-256. */
export const tiplineReporterSessions = pgTable(
  'tipline_reporter_sessions',
  {
    idHash: text('id_hash').primaryKey(),
    linkId: integer('link_id')
      .notNull()
      .references(() => tiplineLinks.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    createdAt: tz('created_at').notNull(),
    expiresAt: tz('expires_at').notNull(),
  },
  (t) => [index('tipline_reporter_sessions_expires_idx').on(t.expiresAt)],
);

/** Requests counted for the tipline's rate limits (code requests, reports), kept for the window only. */
export const tiplineRateEvents = pgTable(
  'tipline_rate_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tz('at').notNull(),
    scope: text('scope').notNull(),
    key: text('key').notNull(),
  },
  (t) => [index('tipline_rate_events_key_idx').on(t.scope, t.key, t.at), index('tipline_rate_events_at_idx').on(t.at)],
);

/**
 * Reports from staff (form, secret link, mailbox). The reporter's identity is shown to security roles only. The
 * intake key (form token, Message-ID) makes a repeated submission or a re-read email one report.
 */
export const tiplineReports = pgTable(
  'tipline_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** What the reporter is told: `R-` and ten characters of Crockford base32. */
    reference: text('reference').notNull(),
    intakeKey: text('intake_key').notNull(),
    channel: text('channel').$type<ReportChannel>().notNull(),
    status: text('status').$type<ReportStatus>().notNull().default('received'),
    concerns: text('concerns').$type<ReportConcerns>().notNull(),
    reportedUrl: text('reported_url'),
    reportedText: text('reported_text').notNull().default(''),
    subject: text('subject'),
    reporterUserId: integer('reporter_user_id').references(() => users.id, { onDelete: 'set null' }),
    reporterName: text('reporter_name'),
    reporterEmail: text('reporter_email'),
    linkId: integer('link_id').references(() => tiplineLinks.id, { onDelete: 'set null' }),
    postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'set null' }),
    capture: jsonb('capture').$type<CaptureSummary | null>(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer('attempts').notNull().default(0),
    errorCode: text('error_code'),
    error: text('error'),
    receivedAt: tz('received_at').notNull(),
    processedAt: tz('processed_at'),
    /** When the case's retention removed the texts, images and reporter identity. */
    purgedAt: tz('purged_at'),
  },
  (t) => [
    uniqueIndex('tipline_reports_reference_uq').on(t.reference),
    uniqueIndex('tipline_reports_intake_key_uq').on(t.intakeKey),
    index('tipline_reports_status_idx').on(t.status, t.receivedAt),
    index('tipline_reports_post_idx').on(t.postId),
  ],
);

/** Screenshots of a report, stored after their metadata was removed, with the text OCR read from them. */
export const tiplineScreenshots = pgTable(
  'tipline_screenshots',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: bigint('report_id', { mode: 'number' })
      .notNull()
      .references(() => tiplineReports.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    /** SHA-256 of the stored image. */
    sha256: text('sha256').notNull(),
    /** SHA-256 of the file as received, before its metadata was removed. */
    receivedSha256: text('received_sha256').notNull(),
    removedMetadata: jsonb('removed_metadata').$type<string[]>().notNull().default([]),
    /** Null once retention removed it. */
    data: bytea('data'),
    ocrStatus: text('ocr_status').$type<OcrStatus>().notNull().default('pending'),
    ocrText: text('ocr_text'),
    ocrError: text('ocr_error'),
    ocrMs: integer('ocr_ms'),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [uniqueIndex('tipline_screenshots_position_uq').on(t.reportId, t.position)],
);

/** The archive of a captured URL: the page as fetched (decoded), its text, headers and SHA-256 of the body. */
export const tiplineCaptures = pgTable('tipline_captures', {
  reportId: bigint('report_id', { mode: 'number' })
    .primaryKey()
    .references(() => tiplineReports.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  finalUrl: text('final_url'),
  httpStatus: integer('http_status'),
  headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
  contentType: text('content_type'),
  bodySha256: text('body_sha256'),
  bytes: integer('bytes').notNull().default(0),
  html: text('html'),
  text: text('text'),
  fetchedAt: tz('fetched_at').notNull(),
});
