import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { at, PUBLIC_POSTS, SEEN_AT } from '../../db/queries/index.js';

/** Which posts a campaign page shows: a period, and optionally one narrative and stance. */
export interface CampaignFilter {
  from: Date;
  to: Date;
  slug: string | null;
  stance: string | null;
}

export interface ClusterSummary {
  id: number;
  posts: number;
  accounts: number;
  firstAt: Date;
  lastAt: Date;
  facePostId: number | null;
  faceText: string;
  faceAuthor: string | null;
  facePlatform: string | null;
}

const MAX_CLUSTERS = 100;
const MAX_MEMBERS = 500;

function narrativeFilter(f: CampaignFilter): SQL {
  if (f.slug === null && f.stance === null) return sql``;
  return sql`and exists (select 1 from post_narratives pn where pn.post_id = p.id
    ${f.slug === null ? sql`` : sql`and pn.slug = ${f.slug}`} ${f.stance === null ? sql`` : sql`and pn.stance = ${f.stance}`})`;
}

/** The largest clusters of the period: posts (with their stored shares), accounts, first and last post, the face. */
export async function listClusters(db: Db, f: CampaignFilter): Promise<ClusterSummary[]> {
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`with chosen as (
          select p.id, p.author_handle, cp.cluster_id, ${SEEN_AT} as at, coalesce((p.metadata->>'shareCount')::int, 0) as shares
          from posts p join cluster_posts cp on cp.post_id = p.id
          where ${SEEN_AT} >= ${at(f.from)} and ${SEEN_AT} < ${at(f.to)} and ${PUBLIC_POSTS} ${narrativeFilter(f)}
        )
        select c.cluster_id as id, (count(*) + sum(c.shares))::int as posts, count(distinct c.author_handle)::int as accounts,
          min(c.at) as "firstAt", max(c.at) as "lastAt", pc.face_post_id as "facePostId",
          coalesce(left(fp.text, 400), '') as "faceText", fp.author_handle as "faceAuthor", fp.platform as "facePlatform"
        from chosen c join post_clusters pc on pc.id = c.cluster_id left join posts fp on fp.id = pc.face_post_id
        group by c.cluster_id, pc.face_post_id, fp.text, fp.author_handle, fp.platform
        order by 2 desc, 1 limit ${MAX_CLUSTERS}`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    posts: Number(r.posts),
    accounts: Number(r.accounts),
    firstAt: new Date(r.firstAt as string),
    lastAt: new Date(r.lastAt as string),
    facePostId: r.facePostId === null ? null : Number(r.facePostId),
    faceText: String(r.faceText),
    faceAuthor: (r.faceAuthor as string | null) ?? null,
    facePlatform: (r.facePlatform as string | null) ?? null,
  }));
}

export interface ClusterMember {
  postId: number;
  authorHandle: string | null;
  platform: string;
  url: string | null;
  at: Date;
  similarity: number;
  shares: number;
  text: string;
}

/** One cluster: its face and its members in the order they appeared (the first MAX_MEMBERS), with the total. */
export async function clusterDetail(db: Db, id: number): Promise<{ id: number; facePostId: number | null; total: number; members: ClusterMember[] } | null> {
  const [cluster] = await queryRows<{ id: number; face: number | null; total: number }>(
    db,
    sql`select c.id, c.face_post_id as face, (select count(*)::int from cluster_posts m where m.cluster_id = c.id) as total
        from post_clusters c where c.id = ${id}`,
  );
  if (cluster === undefined) return null;
  const members = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.id as "postId", p.author_handle as "authorHandle", p.platform, p.url, m.seen_at as at, m.similarity,
          coalesce((p.metadata->>'shareCount')::int, 0) as shares, left(p.text, 400) as text
        from cluster_posts m join posts p on p.id = m.post_id
        where m.cluster_id = ${id} order by m.seen_at, m.post_id limit ${MAX_MEMBERS}`,
  );
  return {
    id: Number(cluster.id),
    facePostId: cluster.face === null ? null : Number(cluster.face),
    total: Number(cluster.total),
    members: members.map((m) => ({
      postId: Number(m.postId),
      authorHandle: (m.authorHandle as string | null) ?? null,
      platform: String(m.platform),
      url: (m.url as string | null) ?? null,
      at: new Date(m.at as string),
      similarity: Number(m.similarity),
      shares: Number(m.shares),
      text: String(m.text),
    })),
  };
}
