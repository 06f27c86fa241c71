import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { removePosts } from '../store/remove-posts.js';
import { pseudonymisePosts, type PostToPseudonymise } from '../store/pseudonymise-posts.js';

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/**
 * A post that something still needs whole: a member of a threat case (any status: the case rule decides when its
 * posts go) or the subject of a staff report not yet purged. Neither rule below ever touches such a post, however
 * old it is and whenever it joined the case.
 */
const HELD = sql`(exists (select 1 from threat_case_posts c where c.post_id = p.id)
  or exists (select 1 from tipline_reports r where r.post_id = p.id and r.purged_at is null))`;
const MATCHED = sql`(exists (select 1 from post_narratives n where n.post_id = p.id) or exists (select 1 from post_threats t where t.post_id = p.id))`;

/**
 * Deletes one batch of posts collected before `cutoff` that were classified and matched neither a narrative nor a
 * threat, counting each on its day first. Returns how many went (fewer than `batchSize`: nothing more is due).
 */
export async function deleteUnmatchedBatch(db: Db, q: { cutoff: Date; batchSize: number }): Promise<number> {
  return db.transaction(async (tx) => {
    const due = await dueIds(tx as unknown as Db, sql`p.classified_at is not null and p.fetched_at < ${at(q.cutoff)} and not ${MATCHED} and not ${HELD}`, q.batchSize);
    return removePosts(tx as unknown as Db, due);
  });
}

/**
 * Pseudonymises one batch of posts collected before `cutoff` that matched a narrative or a threat but belong to no
 * case: their author handle becomes a keyed hash, URL and naming metadata go, the rest stays for the aggregates.
 */
export async function pseudonymiseMatchedBatch(db: Db, key: Buffer, q: { cutoff: Date; batchSize: number; now: Date }): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await queryRows<PostToPseudonymise & { id: number | string }>(
      tx as unknown as Db,
      sql`select p.id, p.platform, p.author_handle as "authorHandle", p.metadata from posts p
          where p.pseudonymised_at is null and p.fetched_at < ${at(q.cutoff)} and ${MATCHED} and not ${HELD}
          order by p.id limit ${q.batchSize} for update of p skip locked`,
    );
    return pseudonymisePosts(tx as unknown as Db, key, rows.map((r) => ({ ...r, id: Number(r.id) })), q.now);
  });
}

async function dueIds(db: Db, where: SQL, limit: number): Promise<number[]> {
  const rows = await queryRows<{ id: number | string }>(db, sql`select p.id from posts p where ${where} order by p.id limit ${limit} for update of p skip locked`);
  return rows.map((r) => Number(r.id));
}
