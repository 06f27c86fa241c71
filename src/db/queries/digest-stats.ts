import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';
import type { Stance } from '../schema/index.js';
import { at, normalizePost, POST_COLUMNS, PUBLIC_POSTS, SEEN_AT, type PostFactsRow } from './alert-facts.js';

export interface NarrativeDayRow {
  slug: string;
  stance: string;
  /** Local date YYYY-MM-DD in the given zone. */
  day: string;
  count: number;
}

/** Posts per narrative, stance and local day in [from, to). */
export async function narrativeDays(db: Db, q: { from: Date; to: Date; timeZone: string }): Promise<NarrativeDayRow[]> {
  const rows = await queryRows<NarrativeDayRow>(
    db,
    sql`select pn.slug, pn.stance, to_char(${SEEN_AT} at time zone ${q.timeZone}, 'YYYY-MM-DD') as day, count(*)::int as count
        from post_narratives pn join posts p on p.id = pn.post_id
        where pn.classified_at >= ${at(q.from)} and ${SEEN_AT} >= ${at(q.from)} and ${SEEN_AT} < ${at(q.to)} and ${PUBLIC_POSTS}
        group by 1, 2, 3`,
  );
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

/** Slugs whose first post ever falls in [from, to): narratives new this week. */
export async function narrativesFirstSeenIn(db: Db, q: { from: Date; to: Date }): Promise<string[]> {
  const rows = await queryRows<{ slug: string }>(
    db,
    sql`select pn.slug from post_narratives pn join posts p on p.id = pn.post_id
        group by pn.slug having min(${SEEN_AT}) >= ${at(q.from)} and min(${SEEN_AT}) < ${at(q.to)}`,
  );
  return rows.map((r) => r.slug);
}

/** The strongest posts of one stance (spreading for the top posts, concern for "Oro och kritik") per narrative in [from, to). */
export async function topPostsByStance(db: Db, q: { stance: Stance; from: Date; to: Date; perSlug: number }): Promise<(PostFactsRow & { slug: string })[]> {
  const rows = await queryRows<PostFactsRow & { slug: string; rank: number }>(
    db,
    sql`select * from (
          select pn.slug, ${POST_COLUMNS}, row_number() over (partition by pn.slug order by pn.score desc, ${SEEN_AT} desc, p.id) as rank
          from post_narratives pn join posts p on p.id = pn.post_id
          where pn.stance = ${q.stance} and pn.classified_at >= ${at(q.from)} and ${SEEN_AT} >= ${at(q.from)} and ${SEEN_AT} < ${at(q.to)} and ${PUBLIC_POSTS}
        ) ranked where rank <= ${q.perSlug} order by slug, rank`,
  );
  return rows.map((r) => ({ ...normalizePost(r), slug: r.slug }));
}

/** Threats per level in [from, to), by when the post appeared. */
export async function threatLevelCounts(db: Db, q: { from: Date; to: Date }): Promise<{ level: string; count: number }[]> {
  const rows = await queryRows<{ level: string; count: number }>(
    db,
    sql`select t.level, count(*)::int as count from post_threats t join posts p on p.id = t.post_id
        where t.level <> 'none' and ${SEEN_AT} >= ${at(q.from)} and ${SEEN_AT} < ${at(q.to)} group by 1`,
  );
  return rows.map((r) => ({ level: r.level, count: Number(r.count) }));
}

/**
 * Threat cases opened in [from, to) by their review status now, and the whole open backlog (new or acknowledged,
 * whenever opened), so security coordinators see what is still waiting for a verdict.
 */
export async function threatCaseStatusCounts(db: Db, q: { from: Date; to: Date }): Promise<{ opened: { status: string; count: number }[]; open: number }> {
  const opened = await queryRows<{ status: string; count: number }>(
    db,
    sql`select status, count(*)::int as count from threat_cases where created_at >= ${at(q.from)} and created_at < ${at(q.to)} group by 1`,
  );
  const [backlog] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from threat_cases where status in ('new', 'acknowledged')`);
  return { opened: opened.map((r) => ({ status: r.status, count: Number(r.count) })), open: Number(backlog?.count ?? 0) };
}

/** Ids of the most severe (high, critical) threat cases opened in [from, to), newest first. */
export async function topThreatCaseIds(db: Db, q: { from: Date; to: Date; limit: number }): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select id::int as id from threat_cases where level in ('high', 'critical') and created_at >= ${at(q.from)} and created_at < ${at(q.to)}
        order by case level when 'critical' then 0 else 1 end, created_at desc, id desc limit ${q.limit}`,
  );
  return rows.map((r) => Number(r.id));
}

export interface SourceHealthRow {
  id: number;
  name: string;
  kind: string;
  health: string;
  enabled: boolean;
  lastItemsAt: string | null;
  lastErrorCode: string | null;
}

export async function sourceHealthList(db: Db): Promise<SourceHealthRow[]> {
  const rows = await queryRows<SourceHealthRow>(
    db,
    sql`select id, name, kind, health, enabled, last_items_at as "lastItemsAt", last_error_code as "lastErrorCode" from sources order by id`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), lastItemsAt: r.lastItemsAt ? new Date(r.lastItemsAt).toISOString() : null }));
}
