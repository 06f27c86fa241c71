import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { SEEN_AT } from '../../db/queries/index.js';

/** Days are Swedish calendar days: every user of the product lives in that zone. */
const ZONE = 'Europe/Stockholm';

export interface DailyCounts {
  days: string[];
  posts: number[];
  /** slug → matches per day, aligned with `days`. */
  matches: Map<string, number[]>;
}

/**
 * Posts per day and, per narrative, how many of them carry it, over the last `days` days. A post counts on the day it
 * appeared: its publication time, or when it was collected if it has none (Telegram previews, many pages) or
 * claims a later one; the same rule as the alerts (SEEN_AT). Posts removed by retention count from post_day_counts.
 */
export async function dailyCounts(db: Db, days: number, now: Date): Promise<DailyCounts> {
  const start = startOfDay(now, days - 1);
  const dayList = Array.from({ length: days }, (_, i) => isoDay(new Date(start.getTime() + i * 86_400_000 + 12 * 3_600_000)));
  const inRange = sql`${SEEN_AT} >= ${start.toISOString()}::timestamptz and ${SEEN_AT} <= ${now.toISOString()}::timestamptz`;
  const posts = await queryRows<{ day: string; n: number }>(
    db,
    sql`select to_char(${SEEN_AT} at time zone ${ZONE}, 'YYYY-MM-DD') as day, count(*)::int as n
        from posts p where p.fetched_at >= ${start.toISOString()}::timestamptz and ${inRange} group by 1`,
  );
  // Posts retention removed are counted per day (post_day_counts): the chart keeps them (issue 20).
  const retired = await queryRows<{ day: string; n: number }>(
    db,
    sql`select to_char(day, 'YYYY-MM-DD') as day, sum(posts)::int as n from post_day_counts
        where day >= ${dayList[0]}::date and day <= ${dayList[dayList.length - 1]}::date group by 1`,
  );
  const matches = await queryRows<{ slug: string; day: string; n: number }>(
    db,
    sql`select pn.slug, to_char(${SEEN_AT} at time zone ${ZONE}, 'YYYY-MM-DD') as day, count(*)::int as n
        from post_narratives pn join posts p on p.id = pn.post_id
        where p.fetched_at >= ${start.toISOString()}::timestamptz and ${inRange} group by 1, 2`,
  );
  const index = new Map(dayList.map((d, i) => [d, i]));
  const postCounts = dayList.map(() => 0);
  for (const row of [...posts, ...retired]) {
    const i = index.get(row.day);
    if (i !== undefined) postCounts[i] = (postCounts[i] ?? 0) + Number(row.n);
  }
  const bySlug = new Map<string, number[]>();
  for (const row of matches) {
    const i = index.get(row.day);
    if (i === undefined) continue;
    if (!bySlug.has(row.slug)) bySlug.set(row.slug, dayList.map(() => 0));
    bySlug.get(row.slug)![i] = Number(row.n);
  }
  return { days: dayList, posts: postCounts, matches: new Map([...bySlug].sort(([a], [b]) => a.localeCompare(b))) };
}

export interface ActiveSurge {
  slug: string;
  channel: string;
  since: Date;
  lastAlertCount: number;
}

/** Surge episodes running now, from the alert rules' state (src/alerts/surge.ts keys `surge:<slug>:<channel>`). */
export async function activeSurges(db: Db): Promise<ActiveSurge[]> {
  const rows = await queryRows<{ key: string; since: string; count: number | null }>(
    db,
    sql`select key, state->>'episodeStart' as since, (state->>'lastAlertCount')::int as count
        from alert_state where key like 'surge:%' and state->>'episodeStart' is not null order by key`,
  );
  return rows.map((r) => {
    const [, slug = '', channel = ''] = r.key.split(':');
    return { slug, channel, since: new Date(r.since), lastAlertCount: Number(r.count ?? 0) };
  });
}

export interface SourceHealthSummary {
  counts: Record<string, number>;
  troubled: Array<{ id: number; name: string; health: string; lastErrorCode: string | null; lastSuccessAt: Date | null }>;
}

export async function sourceHealth(db: Db): Promise<SourceHealthSummary> {
  const rows = await queryRows<{ id: number; name: string; health: string; enabled: boolean; last_error_code: string | null; last_success_at: string | null }>(
    db,
    sql`select id, name, health, enabled, last_error_code, last_success_at from sources order by id`,
  );
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.health] = (counts[r.health] ?? 0) + 1;
  const troubled = rows
    .filter((r) => r.enabled && (r.health === 'failing' || r.health === 'unhealthy'))
    .map((r) => ({ id: r.id, name: r.name, health: r.health, lastErrorCode: r.last_error_code, lastSuccessAt: r.last_success_at ? new Date(r.last_success_at) : null }));
  return { counts, troubled };
}

/** Threat assessments of the last days by level (security and admin only). */
export async function recentThreatLevels(db: Db, days: number, now: Date): Promise<Record<string, number>> {
  const rows = await queryRows<{ level: string; n: number }>(
    db,
    sql`select level, count(*)::int as n from post_threats where level <> 'none' and classified_at >= ${new Date(now.getTime() - days * 86_400_000).toISOString()}::timestamptz group by level`,
  );
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}

function startOfDay(now: Date, daysBack: number): Date {
  // Midnight in Stockholm, found by formatting: the offset changes with daylight saving time.
  const day = isoDay(new Date(now.getTime() - daysBack * 86_400_000));
  const guess = new Date(`${day}T00:00:00Z`);
  const offsetMs = new Date(guess.toLocaleString('en-US', { timeZone: ZONE })).getTime() - new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' })).getTime();
  return new Date(guess.getTime() - offsetMs);
}

function isoDay(date: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}
