import { and, asc, desc, eq, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { posts, postThreats, sources, threatCaseEvents, threatCasePosts, threatCases, type ThreatCaseStatus } from '../db/schema/index.js';
import type { ThreatLevel } from '../threats/index.js';
import { ThreatCaseNotFoundError } from './review.js';

export type ThreatCaseRow = typeof threatCases.$inferSelect;
export type ThreatCasePostRow = typeof threatCasePosts.$inferSelect;
export type ThreatCaseEventRow = typeof threatCaseEvents.$inferSelect;

export interface CaseListItem {
  id: number;
  level: ThreatLevel;
  categories: string[];
  status: ThreatCaseStatus;
  assignee: string | null;
  postCount: number;
  createdAt: Date;
  updatedAt: Date;
  /** The first words of the first post ('' once the text was purged). */
  excerpt: string;
  /** `model` when only the model's suggestion put the case in the queue. */
  origin: ThreatCaseRow['origin'];
  /** The highest model score of the case's posts; null without a model. */
  modelScore: number | null;
}

const LEVEL_ORDER = sql`case ${threatCases.level} when 'critical' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`;

/** Cases, most severe and newest first, optionally of one status and one level. */
export async function listCases(db: Db, filter: { status?: ThreatCaseStatus; level?: ThreatLevel; limit?: number } = {}): Promise<CaseListItem[]> {
  const where: SQL[] = [];
  if (filter.status !== undefined) where.push(eq(threatCases.status, filter.status));
  if (filter.level !== undefined) where.push(eq(threatCases.level, filter.level));
  const rows = await db
    .select()
    .from(threatCases)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(LEVEL_ORDER), desc(threatCases.createdAt), desc(threatCases.id))
    .limit(filter.limit ?? 100);
  const firsts = await firstPosts(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    level: r.level,
    categories: r.categories,
    status: r.status,
    assignee: r.assignee,
    postCount: r.postCount,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    excerpt: (firsts.get(r.id)?.text ?? '').replace(/\s+/gu, ' ').slice(0, 80),
    origin: r.origin,
    modelScore: r.modelScore,
  }));
}

export interface EarlierPost {
  postId: number;
  url: string | null;
  publishedAt: Date | null;
  fetchedAt: Date;
  excerpt: string;
  threatLevel: ThreatLevel | null;
}

export interface CaseDetail {
  case: ThreatCaseRow;
  posts: Array<ThreatCasePostRow & { sourceName: string | null }>;
  events: ThreatCaseEventRow[];
  /** Earlier posts by the authors of the case's posts (same platform), newest first. */
  earlierPosts: EarlierPost[];
}

export async function getCase(db: Db, caseId: number, options: { earlier?: number } = {}): Promise<CaseDetail> {
  const [row] = await db.select().from(threatCases).where(eq(threatCases.id, caseId));
  if (row === undefined) throw new ThreatCaseNotFoundError(caseId);
  const casePosts = await db
    .select({ post: threatCasePosts, sourceName: sources.name })
    .from(threatCasePosts)
    .leftJoin(posts, eq(posts.id, threatCasePosts.postId))
    .leftJoin(sources, eq(sources.id, posts.sourceId))
    .where(eq(threatCasePosts.caseId, caseId))
    .orderBy(asc(threatCasePosts.addedAt), asc(threatCasePosts.id));
  const events = await db.select().from(threatCaseEvents).where(eq(threatCaseEvents.caseId, caseId)).orderBy(asc(threatCaseEvents.at), asc(threatCaseEvents.id));
  const list = casePosts.map((r) => ({ ...r.post, sourceName: r.sourceName }));
  return { case: row, posts: list, events, earlierPosts: await earlierByAuthors(db, list, options.earlier ?? 10) };
}

async function earlierByAuthors(db: Db, casePosts: ReadonlyArray<ThreatCasePostRow>, limit: number): Promise<EarlierPost[]> {
  const own = new Set(casePosts.map((p) => p.postId).filter((id): id is number => id !== null));
  const out: EarlierPost[] = [];
  for (const p of casePosts) {
    if (p.authorHandle === null || out.length >= limit) continue;
    const rows = await db
      .select({ id: posts.id, url: posts.url, publishedAt: posts.publishedAt, fetchedAt: posts.fetchedAt, text: posts.text, level: postThreats.level })
      .from(posts)
      .leftJoin(postThreats, eq(postThreats.postId, posts.id))
      .where(and(eq(posts.platform, p.platform), eq(posts.authorHandle, p.authorHandle), lt(posts.fetchedAt, p.fetchedAt)))
      .orderBy(desc(posts.fetchedAt))
      .limit(limit);
    for (const r of rows) {
      if (own.has(Number(r.id)) || out.some((e) => e.postId === Number(r.id))) continue;
      out.push({ postId: Number(r.id), url: r.url, publishedAt: r.publishedAt, fetchedAt: r.fetchedAt, excerpt: r.text.replace(/\s+/gu, ' ').slice(0, 120), threatLevel: r.level });
    }
  }
  return out.slice(0, limit);
}

async function firstPosts(db: Db, caseIds: readonly number[]): Promise<Map<number, ThreatCasePostRow>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db
    .selectDistinctOn([threatCasePosts.caseId])
    .from(threatCasePosts)
    .where(inArray(threatCasePosts.caseId, [...caseIds]))
    .orderBy(threatCasePosts.caseId, asc(threatCasePosts.addedAt), asc(threatCasePosts.id));
  return new Map(rows.map((r) => [r.caseId, r]));
}
