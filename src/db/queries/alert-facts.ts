import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';

/** When a post appeared: its publication time, but never later than when we first saw it (clocks lie). */
export const SEEN_AT = sql`least(coalesce(p.published_at, p.fetched_at), p.fetched_at)`;

export interface ChannelFilter {
  newsPlatforms: string[];
  channel: 'social' | 'news';
}

/** A timestamp parameter: drizzle hands raw-SQL parameters to postgres.js unserialised, so Dates go as ISO text. */
export function at(instant: Date): SQL {
  return sql`${instant.toISOString()}::timestamptz`;
}

/** `(a, b, c)` with each value bound as a parameter. */
export function sqlList(values: readonly (string | number)[]): SQL {
  return sql`(${sql.join(values.map((v) => sql`${v}`), sql`, `)})`;
}

/** Staff tipline reports are reports to us, not public activity: never in surge or campaign figures (issue 18). */
export const PUBLIC_POSTS = sql`p.platform <> 'tipline'`;

/** The posts of one surge channel (social or news), public posts only. */
export function channelSql(filter: ChannelFilter): SQL {
  if (filter.newsPlatforms.length === 0) return filter.channel === 'news' ? sql`false` : PUBLIC_POSTS;
  return filter.channel === 'news'
    ? sql`p.platform in ${sqlList(filter.newsPlatforms)} and ${PUBLIC_POSTS}`
    : sql`p.platform not in ${sqlList(filter.newsPlatforms)} and ${PUBLIC_POSTS}`;
}

/** What a surge counts (alerts.surge.countBy): rows, distinct texts (clusters) or distinct accounts. */
export type SurgeCountBy = 'posts' | 'texts' | 'accounts';

function countOf(by: SurgeCountBy | undefined, filter: SQL): SQL {
  if (by === 'texts') return sql`count(distinct coalesce(cp.cluster_id::text, 'post:' || p.id)) filter (where ${filter})`;
  if (by === 'accounts') return sql`count(distinct coalesce(p.author_handle, 'post:' || p.id)) filter (where ${filter})`;
  return sql`count(*) filter (where ${filter})`;
}

export interface SurgeCountRow {
  slug: string;
  window: number;
  baseline: number;
}

/**
 * Spreading posts per narrative in the window [windowStart, now) and the baseline [baselineStart, windowStart).
 * post_narratives.classified_at is never earlier than the post was seen, so it bounds the scan by its index.
 */
export async function countSpreading(
  db: Db,
  q: ChannelFilter & { now: Date; windowStart: Date; baselineStart: Date; countBy?: SurgeCountBy },
): Promise<SurgeCountRow[]> {
  const rows = await queryRows<{ slug: string; window: string; baseline: string }>(
    db,
    sql`select pn.slug,
          ${countOf(q.countBy, sql`${SEEN_AT} >= ${at(q.windowStart)}`)} as window,
          ${countOf(q.countBy, sql`${SEEN_AT} < ${at(q.windowStart)}`)} as baseline
        from post_narratives pn join posts p on p.id = pn.post_id left join cluster_posts cp on cp.post_id = p.id
        where pn.stance = 'spreading' and pn.classified_at >= ${at(q.baselineStart)} and ${channelSql(q)}
          and ${SEEN_AT} >= ${at(q.baselineStart)} and ${SEEN_AT} < ${at(q.now)}
        group by pn.slug`,
  );
  return rows.map((r) => ({ slug: r.slug, window: Number(r.window), baseline: Number(r.baseline) }));
}

export interface NewChannelRow {
  slug: string;
  kind: 'platform' | 'language';
  value: string;
}

/** Platforms and languages with at least `minPosts` spreading posts in the window and none in the look-back before it. */
export async function findNewChannels(
  db: Db,
  q: ChannelFilter & { now: Date; windowStart: Date; lookbackStart: Date; minPosts: number },
): Promise<NewChannelRow[]> {
  const select = (kind: 'platform' | 'language', column: SQL) => sql`
    select pn.slug, ${kind}::text as kind, ${column} as value
    from post_narratives pn join posts p on p.id = pn.post_id
    where pn.stance = 'spreading' and pn.classified_at >= ${at(q.lookbackStart)} and ${channelSql(q)} and ${column} is not null
      and ${SEEN_AT} >= ${at(q.lookbackStart)} and ${SEEN_AT} < ${at(q.now)}
    group by pn.slug, ${column}
    having count(*) filter (where ${SEEN_AT} >= ${at(q.windowStart)}) >= ${q.minPosts}
       and count(*) filter (where ${SEEN_AT} < ${at(q.windowStart)}) = 0`;
  return queryRows<NewChannelRow>(db, sql`${select('platform', sql`p.platform`)} union all ${select('language', sql`p.language`)}`);
}

export interface PostFactsRow {
  id: number;
  platform: string;
  url: string | null;
  title: string | null;
  text: string;
  language: string | null;
  authorHandle: string | null;
  at: string;
}

export const POST_COLUMNS = sql`p.id::int as id, p.platform, p.url, p.title, p.text, p.language, p.author_handle as "authorHandle", ${SEEN_AT} as at`;

export function normalizePost(r: PostFactsRow): PostFactsRow {
  return { ...r, id: Number(r.id), at: new Date(r.at).toISOString() };
}

/** Platforms, languages and the strongest example posts of one narrative's window, for the surge email. */
export async function surgeDetails(db: Db, q: ChannelFilter & { slug: string; windowStart: Date; now: Date; examples: number }) {
  const base = sql`from post_narratives pn join posts p on p.id = pn.post_id
    where pn.slug = ${q.slug} and pn.stance = 'spreading' and pn.classified_at >= ${at(q.windowStart)} and ${channelSql(q)}
      and ${SEEN_AT} >= ${at(q.windowStart)} and ${SEEN_AT} < ${at(q.now)}`;
  const tally = async (column: SQL) =>
    (await queryRows<{ name: string; count: string }>(db, sql`select ${column} as name, count(*) as count ${base} group by 1 order by 2 desc, 1`)).map(
      (r) => ({ name: r.name, count: Number(r.count) }),
    );
  const platforms = await tally(sql`p.platform`);
  const languages = await tally(sql`coalesce(p.language, '?')`);
  const examples = await queryRows<PostFactsRow>(db, sql`select ${POST_COLUMNS} ${base} order by pn.score desc, ${SEEN_AT} desc, p.id limit ${q.examples}`);
  return { platforms, languages, examples: examples.map(normalizePost) };
}

export interface NarrativeDefinitionRow {
  slug: string;
  definition: Record<string, unknown>;
}

/** The definition in force of each narrative (titles, counter-facts). */
export async function narrativeDefinitions(db: Db, slugs: readonly string[]): Promise<NarrativeDefinitionRow[]> {
  if (slugs.length === 0) return [];
  return queryRows<NarrativeDefinitionRow>(
    db,
    sql`select n.slug, v.definition from narratives n
        join narrative_versions v on v.narrative_id = n.id and v.version = n.current_version
        where n.slug in ${sqlList(slugs)}`,
  );
}
