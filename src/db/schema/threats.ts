import { bigint, bigserial, boolean, customType, index, integer, jsonb, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { FetchExchange } from './collect.js';
import { posts } from './collect.js';
import type { ThreatLevel } from './classify.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type ThreatCaseStatus = 'new' | 'acknowledged' | 'escalated' | 'dismissed';

/** Why a case is in the queue: a rule put a post at medium or above, or only the model suggested it (issue 15). */
export type ThreatCaseOrigin = 'rules' | 'model';

/** A reviewer's verdict on a case: the level was right, it is no threat, or it is one at another level. */
export type ThreatCaseVerdict = 'confirmed' | 'not-a-threat' | 'wrong-level';

/** A signal as stored with a case post (same shape as post_threats.signals). */
export interface StoredThreatSignal {
  kind: string;
  text: string;
  start: number;
  end: number;
  rule?: string;
  /** Words that only set the scene (who speaks, who is spoken of): shown in the text, left out of signal lists. */
  support?: boolean;
}

/** Every saved state of the threat rules (all language files together); the highest version is in force. */
export const threatRuleVersions = pgTable(
  'threat_rule_versions',
  {
    id: serial('id').primaryKey(),
    version: integer('version').notNull(),
    /** `{ files: [...] }`, each file as validated from config/threats/<lang>.yaml. */
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdBy: text('created_by').notNull(),
    reason: text('reason').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('threat_rule_versions_version_uq').on(t.version)],
);

/**
 * Staff names, aliases and office addresses to recognise in posts. The value is stored sealed (AES-256-GCM) and
 * matched through keyed hashes (HMAC-SHA-256) of its name skeletons: neither reveals it without the watchlist key.
 */
export const watchlistEntries = pgTable('watchlist_entries', {
  id: serial('id').primaryKey(),
  kind: text('kind').$type<'name' | 'address'>().notNull(),
  /** base64url of iv (12 bytes) | auth tag (16 bytes) | ciphertext. */
  sealed: text('sealed').notNull(),
  matchKeys: jsonb('match_keys').$type<{ tokens: string[][]; joined: string[]; exact: string[] | null }>().notNull(),
  /** Short id of the key that sealed it, so entries sealed with another key are recognised and skipped. */
  keyId: text('key_id').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: tz('created_at').notNull().defaultNow(),
});

/**
 * One case per threatening text in the review queue: reposts and quotes of the same text (same group key) join it
 * with a count. Status moves new → acknowledged → escalated (police report) | dismissed.
 */
export const threatCases = pgTable(
  'threat_cases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** SHA-256 of the normalised text of the sentences carrying the evidence. */
    groupKey: text('group_key').notNull(),
    level: text('level').$type<ThreatLevel>().notNull(),
    categories: jsonb('categories').$type<string[]>().notNull().default([]),
    status: text('status').$type<ThreatCaseStatus>().notNull().default('new'),
    assignee: text('assignee'),
    policeRef: text('police_ref'),
    postCount: integer('post_count').notNull().default(0),
    /** When the newest post joined (reposts update the case instead of opening another). */
    lastPostAt: tz('last_post_at'),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    statusChangedAt: tz('status_changed_at').notNull(),
    /** When the retention job removed the post texts of this (dismissed) case. */
    textPurgedAt: tz('text_purged_at'),
    /** `model` while only model suggestions keep the case in the queue; a post a rule raises makes it `rules`. */
    origin: text('origin').$type<ThreatCaseOrigin>().notNull().default('rules'),
    /** Highest model score among the case's posts (null without a model): the band its verdict counts in. */
    modelScore: real('model_score'),
    /** The reviewer's verdict; null until reviewed (or after the case was reopened). */
    verdict: text('verdict').$type<ThreatCaseVerdict>(),
    /** With verdict `wrong-level`: the level the reviewer says is right. */
    verdictLevel: text('verdict_level').$type<ThreatLevel>(),
    /** When the police said they no longer need the case (escalated cases are kept until then). */
    policeReleasedAt: tz('police_released_at'),
    /** When retention removed the personal data of this closed case (texts, handles, URLs); hashes and decisions stay. */
    anonymisedAt: tz('anonymised_at'),
    /** Secrecy marking for the registered record, e.g. "OSL 26 kap. 1 §"; null when none applies. */
    secrecyMarking: text('secrecy_marking'),
  },
  (t) => [uniqueIndex('threat_cases_group_key_uq').on(t.groupKey), index('threat_cases_status_level_idx').on(t.status, t.level, t.createdAt)],
);

/**
 * The posts of a case, each with a snapshot taken when it joined (text, times, signals, HTTP exchanges of its fetch
 * run): the evidence stays as detected even if the post is edited, deleted or its source removed.
 */
export const threatCasePosts = pgTable(
  'threat_case_posts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => threatCases.id, { onDelete: 'cascade' }),
    postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'set null' }),
    level: text('level').$type<ThreatLevel>().notNull(),
    categories: jsonb('categories').$type<string[]>().notNull().default([]),
    signals: jsonb('signals').$type<StoredThreatSignal[]>().notNull().default([]),
    /** Every rule that fired (signals are capped; precision per rule needs them all). */
    rules: jsonb('rules').$type<string[]>().notNull().default([]),
    rulesVersion: text('rules_version').notNull(),
    text: text('text').notNull(),
    /** SHA-256 of `text` as assessed. */
    textSha256: text('text_sha256').notNull(),
    platform: text('platform').notNull(),
    url: text('url'),
    authorHandle: text('author_handle'),
    publishedAt: tz('published_at'),
    fetchedAt: tz('fetched_at').notNull(),
    fetchRunId: bigint('fetch_run_id', { mode: 'number' }),
    exchanges: jsonb('exchanges').$type<FetchExchange[]>().notNull().default([]),
    contentHash: text('content_hash').notNull(),
    addedAt: tz('added_at').notNull(),
    /** The model's score for this post (0..1) and which model gave it; null when no model ran. */
    modelScore: real('model_score'),
    modelVersion: text('model_version'),
    /** True when the post is here only because the model suggested it (the rules left it at none or low). */
    suggested: boolean('suggested').notNull().default(false),
  },
  (t) => [uniqueIndex('threat_case_posts_post_uq').on(t.postId), index('threat_case_posts_case_idx').on(t.caseId, t.addedAt)],
);

/** Who did what to a case and when: creation, posts joining, status changes, assignment, notes, purges. */
export const threatCaseEvents = pgTable(
  'threat_case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => threatCases.id, { onDelete: 'cascade' }),
    at: tz('at').notNull(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('threat_case_events_case_idx').on(t.caseId, t.at)],
);

/**
 * Posts a reviewer marked as threats the rules and the model missed (issue 15): one row per post (marking again
 * updates it), with a snapshot of the text so the row still serves retraining after the post is purged.
 */
export const threatMissedPosts = pgTable(
  'threat_missed_posts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    postId: bigint('post_id', { mode: 'number' }).references(() => posts.id, { onDelete: 'set null' }),
    /** The level the reviewer says the post has. */
    level: text('level').$type<ThreatLevel>().notNull(),
    /** What the rules and the model said when it was marked. */
    ruleLevel: text('rule_level').$type<ThreatLevel>().notNull(),
    modelScore: real('model_score'),
    text: text('text').notNull(),
    language: text('language'),
    platform: text('platform').notNull(),
    url: text('url'),
    note: text('note'),
    markedBy: text('marked_by').notNull(),
    markedAt: tz('marked_at').notNull(),
  },
  (t) => [uniqueIndex('threat_missed_posts_post_uq').on(t.postId), index('threat_missed_posts_marked_idx').on(t.markedAt)],
);

/**
 * LSH band keys of each case's evidence text (issue 18): a near-copy of a filed threat (a word changed, an emoji,
 * a look-alike letter) joins the case instead of opening another. `shingles` are the case's first text's.
 */
export const threatCaseBands = pgTable(
  'threat_case_bands',
  {
    bandKey: bigint('band_key', { mode: 'number' }).notNull(),
    caseId: bigint('case_id', { mode: 'number' })
      .notNull()
      .references(() => threatCases.id, { onDelete: 'cascade' }),
    shingles: customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' })('shingles').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bandKey, t.caseId] })],
);
