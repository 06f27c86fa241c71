import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';
import { at, PUBLIC_POSTS, SEEN_AT } from './alert-facts.js';

/** Posts, their stored shares, distinct texts (clusters; an unclustered post is its own) and distinct accounts. */
export interface Voices {
  posts: number;
  texts: number;
  accounts: number;
}

export interface VoicesRow extends Voices {
  slug: string;
}

/**
 * Voices per narrative for the posts of `stance` (all stances when null) seen in [from, to). `extra` narrows the
 * posts further (a channel). Shares count as posts and their sharers as accounts.
 */
export async function narrativeVoices(
  db: Db,
  q: { from: Date; to: Date; stance: string | null; slugs?: readonly string[]; extra?: SQL },
): Promise<VoicesRow[]> {
  const rows = await queryRows<{ slug: string; posts: number; texts: number; accounts: number }>(
    db,
    sql`with chosen as (
          select pn.slug, p.id, p.author_handle, p.metadata, cp.cluster_id,
            coalesce((p.metadata->>'shareCount')::int, 0) as shares
          from post_narratives pn join posts p on p.id = pn.post_id left join cluster_posts cp on cp.post_id = p.id
          where pn.classified_at >= ${at(q.from)} and ${SEEN_AT} >= ${at(q.from)} and ${SEEN_AT} < ${at(q.to)} and ${PUBLIC_POSTS}
            ${q.stance === null ? sql`` : sql`and pn.stance = ${q.stance}`}
            ${q.slugs === undefined ? sql`` : sql`and pn.slug = any(${sql.param([...q.slugs])}::text[])`}
            ${q.extra === undefined ? sql`` : sql`and ${q.extra}`}
        )
        select c.slug, (count(*) + sum(c.shares))::int as posts,
          count(distinct coalesce(c.cluster_id::text, 'post:' || c.id))::int as texts,
          (select count(distinct a)::int from chosen c2
             cross join lateral unnest(array[c2.author_handle] || ${sharersOf(sql`c2`)}) as a
             where c2.slug = c.slug and a is not null) as accounts
        from chosen c group by c.slug`,
  );
  return rows.map((r) => ({ slug: r.slug, posts: Number(r.posts), texts: Number(r.texts), accounts: Number(r.accounts) }));
}

function sharersOf(alias: SQL): SQL {
  return sql`(select coalesce(array_agg(s->>'by') filter (where s->>'by' is not null), '{}')
    from jsonb_array_elements(case when jsonb_typeof(${alias}.metadata->'sharedBy') = 'array' then ${alias}.metadata->'sharedBy' else '[]'::jsonb end) s)`;
}

/** One post, or one boost/retweet of it, as coordination detection reads it. */
export interface ShareRow {
  postId: number;
  account: string;
  at: string;
  clusterId: number | null;
  text: string;
  /** True for a boost or retweet listed on the original. */
  isShare: boolean;
}

/**
 * The posts (with an author) seen in [from, to) and the boosts/retweets stored on them, of one narrative and stance
 * when given, tipline reports left out; at most `limit` posts, the earliest first.
 */
export async function shareRows(db: Db, q: { from: Date; to: Date; slug: string | null; stance: string | null; limit: number }): Promise<ShareRow[]> {
  const narrative =
    q.slug === null && q.stance === null
      ? sql``
      : sql`and exists (select 1 from post_narratives pn where pn.post_id = p.id
          ${q.slug === null ? sql`` : sql`and pn.slug = ${q.slug}`} ${q.stance === null ? sql`` : sql`and pn.stance = ${q.stance}`})`;
  const rows = await queryRows<{ id: string | number; author: string | null; at: string | Date; cluster: string | number | null; text: string; shares: unknown }>(
    db,
    sql`select p.id, p.author_handle as author, ${SEEN_AT} as at, cp.cluster_id as cluster, p.text,
          case when jsonb_typeof(p.metadata->'sharedBy') = 'array' then p.metadata->'sharedBy' else '[]'::jsonb end as shares
        from posts p left join cluster_posts cp on cp.post_id = p.id
        where ${SEEN_AT} >= ${at(q.from)} and ${SEEN_AT} < ${at(q.to)} and ${PUBLIC_POSTS} ${narrative}
        order by ${SEEN_AT}, p.id limit ${q.limit}`,
  );
  const out: ShareRow[] = [];
  for (const r of rows) {
    const base = { postId: Number(r.id), clusterId: r.cluster === null ? null : Number(r.cluster), text: r.text };
    if (r.author !== null) out.push({ ...base, account: r.author, at: new Date(r.at).toISOString(), isShare: false });
    for (const share of Array.isArray(r.shares) ? (r.shares as { by?: unknown; at?: unknown }[]) : []) {
      if (typeof share.by !== 'string' || typeof share.at !== 'string' || Number.isNaN(Date.parse(share.at))) continue;
      out.push({ ...base, account: share.by, at: new Date(share.at).toISOString(), isShare: true });
    }
  }
  return out;
}
