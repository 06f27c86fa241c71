import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { purgeCaseReports } from '../../threat-cases/index.js';
import { anonymiseSnapshots, scrubReportsOfPosts } from '../store/case-snapshots.js';
import { pseudonymisePosts } from '../store/pseudonymise-posts.js';
import { removePosts } from '../store/remove-posts.js';

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

export interface ClosedCasesOutcome {
  cases: number;
  /** Case posts removed from the posts table (they carried no narrative). */
  postsRemoved: number;
  /** Case posts kept for their narratives, with the handle pseudonymised. */
  postsPseudonymised: number;
}

/**
 * One batch of the case rule: cases closed before `cutoff` (dismissed, or escalated and released by the police) lose
 * their personal data. Open cases and escalated cases the police have not released are never selected. The case row,
 * its decisions, police reference and hashes stay as the record; its events say when and why.
 */
export async function anonymiseClosedCasesBatch(db: Db, key: Buffer, q: { cutoff: Date; batchSize: number; now: Date; actor: string }): Promise<ClosedCasesOutcome> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as Db;
    const due = await queryRows<{ id: number | string }>(
      tx,
      sql`select id from threat_cases where anonymised_at is null and (
            (status = 'dismissed' and status_changed_at < ${at(q.cutoff)})
            or (status = 'escalated' and police_released_at is not null and police_released_at < ${at(q.cutoff)}))
          order by id limit ${q.batchSize} for update skip locked`,
    );
    const caseIds = due.map((r) => Number(r.id));
    if (caseIds.length === 0) return { cases: 0, postsRemoved: 0, postsPseudonymised: 0 };
    const members = await queryRows<{ id: number | string; post_id: number | string | null; platform: string | null; handle: string | null; metadata: Record<string, unknown> | null; narratives: boolean }>(
      tx,
      sql`select c.id, c.post_id, p.platform, p.author_handle as handle, p.metadata,
            exists (select 1 from post_narratives n where n.post_id = c.post_id) as narratives
          from threat_case_posts c left join posts p on p.id = c.post_id where c.case_id = any(${sql.param(caseIds)}::bigint[])`,
    );
    await purgeCaseReports(tx, caseIds, q.now);
    const postIds = members.filter((m) => m.post_id !== null).map((m) => Number(m.post_id));
    await scrubReportsOfPosts(tx, postIds);
    await anonymiseSnapshots(tx, key, members.map((m) => Number(m.id)));
    const keep = members.filter((m) => m.post_id !== null && m.narratives && m.platform !== null);
    const postsPseudonymised = await pseudonymisePosts(
      tx,
      key,
      keep.map((m) => ({ id: Number(m.post_id), platform: m.platform as string, authorHandle: m.handle, metadata: m.metadata ?? {} })),
      q.now,
    );
    const postsRemoved = await removePosts(tx, members.filter((m) => m.post_id !== null && !m.narratives).map((m) => Number(m.post_id)));
    await queryRows(
      tx,
      sql`update threat_cases set anonymised_at = ${at(q.now)}, text_purged_at = coalesce(text_purged_at, ${at(q.now)}), updated_at = ${at(q.now)}
          where id = any(${sql.param(caseIds)}::bigint[])`,
    );
    await queryRows(
      tx,
      sql`insert into threat_case_events (case_id, at, actor, action, details)
          select id, ${at(q.now)}, ${q.actor}, 'anonymised', '{"rule":"privacy.closedCaseDays"}'::jsonb from unnest(${sql.param(caseIds)}::bigint[]) as u(id)`,
    );
    return { cases: caseIds.length, postsRemoved, postsPseudonymised };
  });
}
