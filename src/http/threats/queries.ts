import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';

/** Cases still waiting for a decision (new or acknowledged). */
export async function countOpenThreatCases(db: Db): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from threat_cases where status in ('new', 'acknowledged')`);
  return Number(row?.n ?? 0);
}

export async function threatCaseCounts(db: Db): Promise<Array<{ status: string; level: string; n: number }>> {
  const rows = await queryRows<{ status: string; level: string; n: number }>(db, sql`select status, level, count(*)::int as n from threat_cases group by 1, 2 order by 1, 2`);
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
