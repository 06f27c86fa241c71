import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';

/** Days of the charts are Swedish calendar days, as in the overview (src/http/overview). */
const ZONE = 'Europe/Stockholm';

/**
 * The one way posts leave the database (retention and erasure): each removed post is first counted on its source
 * and the day it appeared (post_day_counts), so charts of posts per day stay true. Rows that point at a post follow
 * their foreign keys: classifications, alert links and cluster memberships go with it (ON DELETE CASCADE), case
 * snapshots and staff reports keep their own copy (SET NULL). Returns how many posts were removed.
 */
export async function removePosts(db: Db, postIds: readonly number[]): Promise<number> {
  if (postIds.length === 0) return 0;
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with gone as (
          delete from posts p where p.id = any(${sql.param([...postIds])}::bigint[])
          returning p.source_id, (least(coalesce(p.published_at, p.fetched_at), p.fetched_at) at time zone ${ZONE})::date as day
        ),
        counted as (
          insert into post_day_counts (source_id, day, posts)
          select source_id, day, count(*)::int from gone group by 1, 2
          on conflict (source_id, day) do update set posts = post_day_counts.posts + excluded.posts
        )
        select count(*)::int as n from gone`,
  );
  return Number(row?.n ?? 0);
}
