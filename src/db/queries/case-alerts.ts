import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';
import { at, sqlList } from './alert-facts.js';

const LEVEL_RANK = (column: string) => sql.raw(`case ${column} when 'critical' then 4 when 'high' then 3 when 'medium' then 2 when 'low' then 1 else 0 end`);

/** A threat case with the post that set its level: the newest post at the case's level, as it was filed. */
export interface CaseFactsRow {
  id: number;
  level: string;
  categories: string[];
  status: string;
  postCount: number;
  createdAt: string;
  lastPostAt: string | null;
  postId: number | null;
  platform: string;
  url: string | null;
  text: string;
  language: string | null;
  authorHandle: string | null;
  at: string;
  signals: { kind: string; text: string; start: number; end: number; rule?: string; support?: boolean }[];
}

/** Ids of the cases holding any of these posts. */
export async function casesOfPosts(db: Db, postIds: readonly number[]): Promise<number[]> {
  if (postIds.length === 0) return [];
  const rows = await queryRows<{ id: number }>(db, sql`select distinct case_id::int as id from threat_case_posts where post_id in ${sqlList(postIds)} order by 1`);
  return rows.map((r) => Number(r.id));
}

/** Cases at these levels, not dismissed, changed since `from` (the sweep for lost events and growth). */
export async function recentCaseIds(db: Db, q: { levels: readonly string[]; from: Date; limit: number }): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from threat_cases where level in ${sqlList(q.levels)} and status <> 'dismissed'
        and updated_at >= ${at(q.from)} order by updated_at, id limit ${q.limit}`,
  );
  return rows.map((r) => Number(r.id));
}

export async function caseFacts(db: Db, caseIds: readonly number[]): Promise<CaseFactsRow[]> {
  if (caseIds.length === 0) return [];
  const rows = await queryRows<CaseFactsRow>(
    db,
    sql`select distinct on (c.id) c.id::int as id, c.level, c.categories, c.status, c.post_count as "postCount",
          c.created_at as "createdAt", c.last_post_at as "lastPostAt", cp.post_id::int as "postId", cp.platform, cp.url, cp.text,
          p.language, cp.author_handle as "authorHandle", least(coalesce(cp.published_at, cp.fetched_at), cp.fetched_at) as at, cp.signals
        from threat_cases c join threat_case_posts cp on cp.case_id = c.id left join posts p on p.id = cp.post_id
        where c.id in ${sqlList(caseIds)}
        order by c.id, ${LEVEL_RANK('cp.level')} desc, cp.added_at desc, cp.id desc`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    postId: r.postId === null ? null : Number(r.postId),
    postCount: Number(r.postCount),
    createdAt: new Date(r.createdAt).toISOString(),
    lastPostAt: r.lastPostAt ? new Date(r.lastPostAt).toISOString() : null,
    at: new Date(r.at).toISOString(),
  }));
}

/** What the last alert of a case told: the highest level ever told, and the post count and time of the latest. */
export interface CaseToldRow {
  caseId: number;
  level: string;
  postCount: number;
  at: string;
}

export async function lastTold(db: Db, caseIds: readonly number[], kinds: readonly string[]): Promise<Map<number, CaseToldRow>> {
  if (caseIds.length === 0) return new Map();
  const rows = await queryRows<CaseToldRow>(
    db,
    sql`select ac.case_id::int as "caseId",
          (array_agg(ac.level order by ${LEVEL_RANK('ac.level')} desc))[1] as level,
          (array_agg(ac.post_count order by a.created_at desc, a.id desc))[1] as "postCount",
          max(a.created_at) as at
        from alert_cases ac join alerts a on a.id = ac.alert_id
        where ac.case_id in ${sqlList(caseIds)} and a.kind in ${sqlList(kinds)}
        group by ac.case_id`,
  );
  return new Map(rows.map((r) => [Number(r.caseId), { caseId: Number(r.caseId), level: r.level, postCount: Number(r.postCount), at: new Date(r.at).toISOString() }]));
}

/** Medium cases opened in [from, to) that no batch or immediate alert has told yet, oldest first. */
export async function untoldMediumCases(db: Db, q: { from: Date; to: Date; limit: number }): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select c.id::int as id from threat_cases c
        where c.level = 'medium' and c.status <> 'dismissed' and c.created_at >= ${at(q.from)} and c.created_at < ${at(q.to)}
          and not exists (select 1 from alert_cases ac join alerts a on a.id = ac.alert_id
                          where ac.case_id = c.id and a.kind in ('threat', 'threat-batch'))
        order by c.created_at, c.id limit ${q.limit}`,
  );
  return rows.map((r) => Number(r.id));
}

/**
 * Critical cases still new whose critical alert went out in [from, before) and that were never escalated: the ones
 * nobody acknowledged in time. A case acknowledged, escalated to police or dismissed meanwhile is left out.
 */
export async function unacknowledgedCritical(db: Db, q: { before: Date; from: Date }): Promise<{ caseId: number; alertedAt: string }[]> {
  const rows = await queryRows<{ caseId: number; alertedAt: string }>(
    db,
    sql`select c.id::int as "caseId", min(a.created_at) as "alertedAt" from threat_cases c
        join alert_cases ac on ac.case_id = c.id and ac.level = 'critical'
        join alerts a on a.id = ac.alert_id and a.kind = 'threat'
        where c.status = 'new' and c.level = 'critical'
          and not exists (select 1 from alert_cases e join alerts ea on ea.id = e.alert_id where e.case_id = c.id and ea.kind = 'escalation')
        group by c.id having min(a.created_at) < ${at(q.before)} and min(a.created_at) >= ${at(q.from)}
        order by 2`,
  );
  return rows.map((r) => ({ caseId: Number(r.caseId), alertedAt: new Date(r.alertedAt).toISOString() }));
}
