import { and, eq, inArray, isNull, lt, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { auditLog, postNarratives, posts, postThreats, threatCaseEvents, threatCasePosts, threatCases } from '../db/schema/index.js';
import { purgeCaseReports } from './case-reports.js';
import { SYSTEM_ACTOR } from './file-cases.js';

export interface PurgeOutcome {
  cases: number;
  posts: number;
  /** Staff reports in those cases whose texts, images and reporter identity were removed. */
  reports: number;
}

/**
 * Retention for dismissed cases (threats.dismissedRetentionDays): once a case has been dismissed for `olderThanDays`,
 * the post texts are removed from its snapshots and signals (kinds, offsets and rules stay for precision statistics),
 * from post_threats, and from the posts themselves unless a narrative still needs them. Escalated and open cases are
 * never touched. Each purge is recorded in the case history and the audit log.
 */
export async function purgeDismissedCases(db: Db, options: { olderThanDays: number; now: Date; actor?: string }): Promise<PurgeOutcome> {
  const cutoff = new Date(options.now.getTime() - options.olderThanDays * 86_400_000);
  const actor = options.actor ?? SYSTEM_ACTOR;
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: threatCases.id })
      .from(threatCases)
      .where(and(eq(threatCases.status, 'dismissed'), lt(threatCases.statusChangedAt, cutoff), isNull(threatCases.textPurgedAt)))
      .for('update');
    const caseIds = due.map((c) => c.id);
    if (caseIds.length === 0) return { cases: 0, posts: 0, reports: 0 };
    const blankSignals = sql`coalesce((select jsonb_agg(jsonb_set(s, '{text}', '""')) from jsonb_array_elements(signals) s), '[]'::jsonb)`;
    const purged = await tx
      .update(threatCasePosts)
      .set({ text: '', signals: blankSignals })
      .where(inArray(threatCasePosts.caseId, caseIds))
      .returning({ postId: threatCasePosts.postId });
    const postIds = purged.map((p) => p.postId).filter((id): id is number => id !== null);
    if (postIds.length > 0) {
      await tx.update(postThreats).set({ signals: blankSignals }).where(inArray(postThreats.postId, postIds));
      await tx
        .update(posts)
        .set({ text: '', title: null })
        .where(and(inArray(posts.id, postIds), notExists(tx.select({ one: sql`1` }).from(postNarratives).where(eq(postNarratives.postId, posts.id)))));
    }
    const reports = await purgeCaseReports(tx as unknown as Db, caseIds, options.now);
    await tx.update(threatCases).set({ textPurgedAt: options.now, updatedAt: options.now }).where(inArray(threatCases.id, caseIds));
    await tx.insert(threatCaseEvents).values(caseIds.map((caseId) => ({ caseId, at: options.now, actor, action: 'purged', details: { olderThanDays: options.olderThanDays } })));
    await tx.insert(auditLog).values({ at: options.now, actor, action: 'threat-case.purge', subject: 'threat-cases', details: { cases: caseIds, olderThanDays: options.olderThanDays, reports } });
    return { cases: caseIds.length, posts: purged.length, reports };
  });
}
