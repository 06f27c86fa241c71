import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';

/** Posts classified into each narrative since `since`, and how many of them spread the claim. */
export async function matchCounts(db: Db, since: Date): Promise<Map<string, { matches: number; spreading: number }>> {
  const rows = await queryRows<{ slug: string; n: number; spreading: number }>(
    db,
    sql`select slug, count(*)::int as n, count(*) filter (where stance = 'spreading')::int as spreading
        from post_narratives where classified_at >= ${since.toISOString()}::timestamptz group by slug`,
  );
  return new Map(rows.map((r) => [r.slug, { matches: Number(r.n), spreading: Number(r.spreading) }]));
}
