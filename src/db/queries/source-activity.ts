import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';
import { at } from './alert-facts.js';

export interface SourceActivityRow {
  id: number;
  name: string;
  kind: string;
  url: string;
  enabled: boolean;
  health: string;
  lastItemsAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorCode: string | null;
  lastError: string | null;
  activeDays: number;
}

/**
 * Enabled sources whose last new items are older than `silentBefore`, with the number of days on which they
 * brought new posts in [historyStart, silentBefore). Filtering on the sources row first keeps this cheap.
 */
export async function silentSourceCandidates(db: Db, q: { silentBefore: Date; historyStart: Date }): Promise<SourceActivityRow[]> {
  const rows = await queryRows<SourceActivityRow>(
    db,
    sql`select s.id, s.name, s.kind, s.url, s.enabled, s.health,
          s.last_items_at as "lastItemsAt", s.last_success_at as "lastSuccessAt",
          s.last_error_code as "lastErrorCode", s.last_error as "lastError",
          (select count(distinct date_trunc('day', p.fetched_at at time zone 'UTC')) from posts p
            where p.source_id = s.id and p.fetched_at >= ${at(q.historyStart)} and p.fetched_at < ${at(q.silentBefore)})::int as "activeDays"
        from sources s
        where s.enabled and s.last_items_at is not null and s.last_items_at <= ${at(q.silentBefore)}
        order by s.id`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    activeDays: Number(r.activeDays),
    lastItemsAt: toDate(r.lastItemsAt),
    lastSuccessAt: toDate(r.lastSuccessAt),
  }));
}

function toDate(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}
