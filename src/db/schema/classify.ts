import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { posts } from './collect.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** See src/classify/types.ts: `concern` is legitimate criticism or a personal complaint, never counted as spreading. */
export type Stance = 'spreading' | 'countering' | 'reporting' | 'concern';
export type ThreatLevel = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** A narrative of the catalogue; its content lives in versions, `currentVersion` points at the one in force. */
export const narratives = pgTable(
  'narratives',
  {
    id: serial('id').primaryKey(),
    slug: text('slug').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    currentVersion: integer('current_version').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('narratives_slug_uq').on(t.slug)],
);

/** Every saved state of a narrative (titles, counter-facts, rules, exemplars), never changed once written. */
export const narrativeVersions = pgTable(
  'narrative_versions',
  {
    id: serial('id').primaryKey(),
    narrativeId: integer('narrative_id')
      .notNull()
      .references(() => narratives.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdBy: text('created_by').notNull(),
    reason: text('reason').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('narrative_versions_uq').on(t.narrativeId, t.version)],
);

/** Who changed what in the catalogue (and, later, in threat rules and reviews) and when. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tz('at').notNull().defaultNow(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('audit_log_subject_idx').on(t.subject, t.at)],
);

/**
 * The narratives a post (in its current version) carries, with the evidence: which rule of which catalogue
 * version matched which terms at which offsets. Keyed by post and slug, so a re-delivered batch rewrites the same rows.
 */
export const postNarratives = pgTable(
  'post_narratives',
  {
    postId: bigint('post_id', { mode: 'number' })
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    score: real('score').notNull(),
    stance: text('stance').$type<Stance>().notNull(),
    explanation: jsonb('explanation').$type<Record<string, unknown>>().notNull(),
    catalogueVersion: text('catalogue_version').notNull(),
    contentHash: text('content_hash').notNull(),
    classifiedAt: tz('classified_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.slug] }), index('post_narratives_slug_time_idx').on(t.slug, t.classifiedAt)],
);

/** The threat assessment of a post (issue: threat detection); one row per post, level 'none' rows are not stored. */
export const postThreats = pgTable(
  'post_threats',
  {
    postId: bigint('post_id', { mode: 'number' })
      .primaryKey()
      .references(() => posts.id, { onDelete: 'cascade' }),
    level: text('level').$type<ThreatLevel>().notNull(),
    categories: jsonb('categories').$type<string[]>().notNull().default([]),
    signals: jsonb('signals').$type<{ kind: string; text: string; start: number; end: number; rule?: string }[]>().notNull().default([]),
    rulesVersion: text('rules_version').notNull(),
    contentHash: text('content_hash').notNull(),
    classifiedAt: tz('classified_at').notNull(),
  },
  (t) => [index('post_threats_level_idx').on(t.level, t.classifiedAt).where(sql`${t.level} <> 'none'`)],
);

/** Fact-checked claims (ClaimReview imports), optionally attached to a narrative, for claim retrieval. */
export const claims = pgTable(
  'claims',
  {
    id: serial('id').primaryKey(),
    /** The ClaimReview's @id or URL: importing the same review twice updates one row. */
    externalId: text('external_id').notNull(),
    narrativeSlug: text('narrative_slug'),
    text: text('text').notNull(),
    url: text('url'),
    verdict: text('verdict'),
    reviewer: text('reviewer'),
    language: text('language'),
    datePublished: text('date_published'),
    raw: jsonb('raw').$type<Record<string, unknown>>().notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('claims_external_id_uq').on(t.externalId)],
);
