import { bigint, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { sources } from './collect.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Posts removed by retention (or erasure), counted per source and Swedish calendar day they appeared: charts of posts
 * per day add these, so they stay true after the posts themselves are gone (issue 20).
 */
export const postDayCounts = pgTable(
  'post_day_counts',
  {
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    posts: integer('posts').notNull(),
  },
  (t) => [primaryKey({ columns: [t.sourceId, t.day] })],
);

/** Running totals of what retention removed or pseudonymised, per rule, for /metrics and the privacy page. */
export const retentionTotals = pgTable('retention_totals', {
  /** `unmatched-posts`, `handles-pseudonymised`, `dismissed-texts`, `closed-cases`, `closed-case-posts`. */
  rule: text('rule').primaryKey(),
  total: bigint('total', { mode: 'number' }).notNull().default(0),
  lastRunAt: tz('last_run_at').notNull(),
  /** What the last run of this rule did (0 when nothing was due). */
  lastCount: integer('last_count').notNull().default(0),
});
