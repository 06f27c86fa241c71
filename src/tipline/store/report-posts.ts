import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { posts, postThreats, threatCasePosts, tiplineReports, type StoredThreatSignal, type ThreatLevel } from '../../db/schema/index.js';
import type { ReportSection } from '../report/compose.js';

/** What a report became: its post's text and parts, the threat assessment and the case it is filed in. */
export interface ReportPost {
  postId: number;
  text: string;
  sections: ReportSection[];
  level: ThreatLevel;
  signals: StoredThreatSignal[];
  caseId: number | null;
}

export async function reportPosts(db: Db, postIds: readonly number[]): Promise<Map<number, ReportPost>> {
  if (postIds.length === 0) return new Map();
  const rows = await db
    .select({ id: posts.id, text: posts.text, metadata: posts.metadata, level: postThreats.level, signals: postThreats.signals, caseId: threatCasePosts.caseId })
    .from(posts)
    .leftJoin(postThreats, sql`${postThreats.postId} = ${posts.id}`)
    .leftJoin(threatCasePosts, sql`${threatCasePosts.postId} = ${posts.id}`)
    .where(inArray(posts.id, [...postIds]));
  return new Map(
    rows.map((r) => {
      const tipline = (r.metadata as { tipline?: { sections?: ReportSection[] } }).tipline;
      return [Number(r.id), { postId: Number(r.id), text: r.text, sections: tipline?.sections ?? [], level: r.level ?? 'none', signals: r.signals ?? [], caseId: r.caseId === null ? null : Number(r.caseId) }];
    }),
  );
}

/** How many reports each case holds (the review queue marks reported cases). */
export async function reportCountsOfCases(db: Db, caseIds: readonly number[]): Promise<Map<number, number>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .select({ caseId: threatCasePosts.caseId, n: sql<number>`count(*)::int` })
    .from(threatCasePosts)
    .innerJoin(tiplineReports, sql`${tiplineReports.postId} = ${threatCasePosts.postId}`)
    .where(inArray(threatCasePosts.caseId, [...caseIds]))
    .groupBy(threatCasePosts.caseId);
  return new Map(rows.map((r) => [Number(r.caseId), Number(r.n)]));
}
