import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { PSEUDONYM_PREFIX, pseudonymOf } from '../pseudonym.js';

const BLANK_SIGNALS = sql`coalesce((select jsonb_agg(jsonb_set(s, '{text}', '""')) from jsonb_array_elements(signals) s), '[]'::jsonb)`;

/**
 * Removes the personal data of case snapshots: text and signal texts, URL and the fetch's HTTP exchanges (their URLs
 * name channels and accounts); the author handle becomes its keyed hash. Levels, rules, times and the SHA-256 of the
 * text stay, so the case record still says what was assessed and that it was this text.
 */
export async function anonymiseSnapshots(db: Db, key: Buffer, snapshotIds: readonly number[]): Promise<number> {
  if (snapshotIds.length === 0) return 0;
  const rows = await queryRows<{ id: number | string; platform: string; handle: string | null }>(
    db,
    sql`select id, platform, author_handle as handle from threat_case_posts where id = any(${sql.param([...snapshotIds])}::bigint[])`,
  );
  const handles = rows.map((r) => (r.handle === null || r.handle.startsWith(PSEUDONYM_PREFIX) ? r.handle : pseudonymOf(key, r.platform, r.handle)));
  const done = await queryRows<{ id: number }>(
    db,
    sql`update threat_case_posts c set text = '', signals = ${BLANK_SIGNALS}, url = null, exchanges = '[]'::jsonb, author_handle = u.handle
        from unnest(${sql.param(rows.map((r) => Number(r.id)))}::bigint[], ${sql.param(handles)}::text[]) as u(id, handle)
        where c.id = u.id returning c.id`,
  );
  await queryRows(
    db,
    sql`update post_threats set signals = ${BLANK_SIGNALS}
        where post_id in (select post_id from threat_case_posts where id = any(${sql.param([...snapshotIds])}::bigint[]) and post_id is not null)`,
  );
  return done.length;
}

/**
 * Removes what staff reports hold about the reported post's author: the reported URL, the captured page (HTML,
 * text, URLs, headers) and the author, title and text of the capture summary. The reporter's own identity is not
 * the author's data and stays (the case rule removes it with purgeCaseReports).
 */
export async function scrubReportsOfPosts(db: Db, postIds: readonly number[]): Promise<number> {
  if (postIds.length === 0) return 0;
  const rows = await queryRows<{ id: number | string }>(db, sql`select id from tipline_reports where post_id = any(${sql.param([...postIds])}::bigint[])`);
  return scrubReports(db, rows.map((r) => Number(r.id)));
}

export async function scrubReports(db: Db, reportIds: readonly number[]): Promise<number> {
  if (reportIds.length === 0) return 0;
  const ids = sql.param([...reportIds]);
  const reports = await queryRows<{ id: number | string }>(
    db,
    sql`update tipline_reports set reported_url = null,
          capture = case when capture is null then null else jsonb_set(jsonb_set(jsonb_set(capture, '{text}', '""'), '{title}', 'null'), '{author}', 'null') end
        where id = any(${ids}::bigint[]) returning id`,
  );
  await queryRows(db, sql`update tipline_captures set url = '', final_url = null, html = null, text = null, headers = '{}'::jsonb where report_id = any(${ids}::bigint[])`);
  return reports.length;
}
