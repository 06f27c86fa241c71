import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';

export interface PostSearch {
  q: string;
  narrative: string | null;
  lang: string | null;
  sourceId: number | null;
  days: number | null;
  page: number;
  pageSize: number;
  /** Leave out posts assessed as high or critical threats (doxxing, threats): for roles without threats.read. */
  hideThreats: boolean;
}

/**
 * Threat posts name staff and places; only security and admin see them (issue 8). Staff reports (platform
 * `tipline`, issue 19) are the security function's material whatever their level.
 */
const HIDDEN_THREAT_SQL = sql`p.platform <> 'tipline' and not exists (select 1 from post_threats t where t.post_id = p.id and t.level in ('high', 'critical'))`;

export interface PostHit {
  id: number;
  title: string | null;
  /** The text with matches wrapped in HIT_START/HIT_END (or its beginning when there is no query). */
  headline: string;
  url: string | null;
  platform: string;
  language: string | null;
  authorHandle: string | null;
  sourceName: string;
  publishedAt: Date | null;
  narratives: Array<{ slug: string; stance: string }>;
  threatLevel: string | null;
}

/** Marks around matched words in headlines: rare characters, turned into <mark> after the text is escaped. */
export const HIT_START = '\u27e6';
export const HIT_END = '\u27e7';

/** The document expression of the posts_fts_idx index (simple config: Swedish, Arabic and English alike). */
const DOCUMENT = sql`to_tsvector('simple', coalesce(p.title, '') || ' ' || p.text)`;

/** Full-text search over stored posts, newest first; `websearch` syntax ("exact phrase", -word, OR). */
export async function searchPosts(db: Db, search: PostSearch, now: Date): Promise<{ hits: PostHit[]; more: boolean }> {
  const filters: SQL[] = [];
  const query = search.q.trim() ? sql`websearch_to_tsquery('simple', ${search.q.trim()})` : null;
  if (query) filters.push(sql`${DOCUMENT} @@ ${query}`);
  if (search.narrative) filters.push(sql`exists (select 1 from post_narratives pn where pn.post_id = p.id and pn.slug = ${search.narrative})`);
  if (search.lang) filters.push(sql`p.language = ${search.lang}`);
  if (search.sourceId) filters.push(sql`p.source_id = ${search.sourceId}`);
  if (search.hideThreats) filters.push(HIDDEN_THREAT_SQL);
  if (search.days) filters.push(sql`coalesce(p.published_at, p.fetched_at) >= ${new Date(now.getTime() - search.days * 86_400_000).toISOString()}::timestamptz`);
  const where = filters.length > 0 ? sql`where ${sql.join(filters, sql` and `)}` : sql``;
  const headline = query
    ? sql`ts_headline('simple', coalesce(p.title, '') || ' ' || p.text, ${query}, ${`StartSel=${HIT_START}, StopSel=${HIT_END}, MaxWords=45, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`})`
    : sql`left(p.text, 300)`;
  const rows = await queryRows<{
    id: number; title: string | null; headline: string; url: string | null; platform: string; language: string | null;
    author_handle: string | null; source_name: string; published_at: string | null; narratives: Array<{ slug: string; stance: string }> | null; threat_level: string | null;
  }>(
    db,
    sql`select p.id, p.title, ${headline} as headline, p.url, p.platform, p.language, p.author_handle, s.name as source_name, p.published_at,
          (select json_agg(json_build_object('slug', pn.slug, 'stance', pn.stance) order by pn.score desc) from post_narratives pn where pn.post_id = p.id) as narratives,
          (select pt.level from post_threats pt where pt.post_id = p.id) as threat_level
        from posts p join sources s on s.id = p.source_id ${where}
        order by coalesce(p.published_at, p.fetched_at) desc, p.id desc
        limit ${search.pageSize + 1} offset ${(search.page - 1) * search.pageSize}`,
  );
  const hits = rows.slice(0, search.pageSize).map((r) => ({
    id: Number(r.id),
    title: r.title,
    headline: r.headline,
    url: r.url,
    platform: r.platform,
    language: r.language,
    authorHandle: r.author_handle,
    sourceName: r.source_name,
    publishedAt: r.published_at ? new Date(r.published_at) : null,
    narratives: r.narratives ?? [],
    threatLevel: r.threat_level,
  }));
  return { hits, more: rows.length > search.pageSize };
}

export interface ThreatSignalRow {
  kind: string;
  text: string;
  start: number;
  end: number;
  rule?: string;
}

export interface PostDetail {
  post: { id: number; title: string | null; text: string; url: string | null; platform: string; language: string | null; authorHandle: string | null; sourceId: number; sourceName: string; publishedAt: Date | null; fetchedAt: Date };
  narratives: Array<{ slug: string; score: number; stance: string; explanation: Record<string, unknown> }>;
  threat: { level: string; categories: string[]; signals: ThreatSignalRow[] } | null;
}

export async function getPost(db: Db, id: number, hideThreats: boolean): Promise<PostDetail | null> {
  const [row] = await queryRows<{ id: number; title: string | null; text: string; url: string | null; platform: string; language: string | null; author_handle: string | null; source_id: number; source_name: string; published_at: string | null; fetched_at: string }>(
    db,
    sql`select p.id, p.title, p.text, p.url, p.platform, p.language, p.author_handle, p.source_id, s.name as source_name, p.published_at, p.fetched_at
        from posts p join sources s on s.id = p.source_id where p.id = ${id} ${hideThreats ? sql`and ${HIDDEN_THREAT_SQL}` : sql``}`,
  );
  if (!row) return null;
  const narratives = await queryRows<{ slug: string; score: number; stance: string; explanation: Record<string, unknown> }>(
    db,
    sql`select slug, score, stance, explanation from post_narratives where post_id = ${id} order by score desc`,
  );
  const [threat] = await queryRows<{ level: string; categories: string[]; signals: ThreatSignalRow[] }>(
    db,
    sql`select level, categories, signals from post_threats where post_id = ${id}`,
  );
  return {
    post: {
      id: Number(row.id), title: row.title, text: row.text, url: row.url, platform: row.platform, language: row.language, authorHandle: row.author_handle,
      sourceId: row.source_id, sourceName: row.source_name, publishedAt: row.published_at ? new Date(row.published_at) : null, fetchedAt: new Date(row.fetched_at),
    },
    narratives: narratives.map((n) => ({ ...n, score: Number(n.score) })),
    threat: threat ?? null,
  };
}
