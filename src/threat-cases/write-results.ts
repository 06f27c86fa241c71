import { and, inArray, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { postThreats } from '../db/schema/index.js';
import { needsCase, type ThreatRow } from './assess-posts.js';
import { fileCases, type CaseChange } from './file-cases.js';

export interface ThreatWriteOutcome {
  /** post_threats rows written (posts above none). */
  stored: number;
  cases: CaseChange[];
}

/**
 * Writes a batch's assessments inside the caller's transaction (classifyPosts): post_threats rows for posts above
 * none (upserted, so an unchanged re-delivery rewrites the same row; a post now at none loses its row), and cases
 * for posts at medium or above.
 */
export async function writeThreatResults(tx: Db, rows: readonly ThreatRow[], now: Date): Promise<ThreatWriteOutcome> {
  if (rows.length === 0) return { stored: 0, cases: [] };
  const raised = rows.filter((r) => r.assessment.level !== 'none');
  const ids = rows.map((r) => r.postId);
  const keep = raised.map((r) => r.postId);
  await tx.delete(postThreats).where(keep.length === 0 ? inArray(postThreats.postId, ids) : and(inArray(postThreats.postId, ids), notInArray(postThreats.postId, keep)));
  for (let i = 0; i < raised.length; i += 1000) {
    const values = raised.slice(i, i + 1000).map((r) => ({
      postId: r.postId,
      level: r.assessment.level,
      categories: r.assessment.categories,
      signals: r.assessment.signals,
      rulesVersion: r.rulesVersion,
      contentHash: r.contentHash,
      classifiedAt: now,
    }));
    await tx
      .insert(postThreats)
      .values(values)
      .onConflictDoUpdate({
        target: postThreats.postId,
        set: {
          level: sql`excluded.level`,
          categories: sql`excluded.categories`,
          signals: sql`excluded.signals`,
          rulesVersion: sql`excluded.rules_version`,
          contentHash: sql`excluded.content_hash`,
          // Unchanged content and level keep their time: a re-delivered batch changes nothing.
          classifiedAt: sql`case when ${postThreats.contentHash} = excluded.content_hash and ${postThreats.level} = excluded.level then ${postThreats.classifiedAt} else excluded.classified_at end`,
        },
      });
  }
  return { stored: raised.length, cases: await fileCases(tx, rows.filter(needsCase), now) };
}
