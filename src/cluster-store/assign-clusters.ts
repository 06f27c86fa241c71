import { sql } from 'drizzle-orm';
import { ClusterIndex, fingerprintText, MAX_COMPARED, MAX_PER_BAND, type ClusterSettings, type TextFingerprint } from '../clusters/index.js';
import { queryRows, type Db } from '../db/index.js';
import { assessedText } from '../text/index.js';

/** Platforms whose posts are reports to us, not public activity: never clustered or counted (src/tipline). */
export const REPORT_PLATFORMS: readonly string[] = ['tipline'];

/** Serialises assignment across workers: two workers must not open two clusters for two copies of one text. */
const ASSIGN_LOCK = 1_842_018;

export interface ClusterOutcome {
  /** Posts assigned in this call (new, or edited since they were assigned). */
  assigned: number;
  /** Clusters opened. */
  created: number;
}

interface PendingPost {
  id: number;
  title: string | null;
  text: string;
  contentHash: string;
  seenAt: string;
  assignedHash: string | null;
}

/**
 * Assigns posts to near-duplicate clusters, incrementally: each post is compared with the faces of the stored
 * clusters that share an LSH band with it (and with the clusters opened earlier in the batch), joins the most similar
 * at or above `settings.threshold`, or opens a cluster as its face. Posts are taken in the order they appeared, so the
 * first seen is the face. A post already assigned in its current version is left as it is (a re-delivered batch
 * changes nothing); an edited one is assigned again. Reads and writes are a constant number of statements per batch.
 */
export async function assignClusters(db: Db, postIds: readonly number[], settings: ClusterSettings, now: Date): Promise<ClusterOutcome> {
  if (!settings.enabled || postIds.length === 0) return { assigned: 0, created: 0 };
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(${ASSIGN_LOCK}::bigint)`);
    const pending = (await pendingPosts(tx, postIds)).filter((p) => p.assignedHash !== p.contentHash);
    if (pending.length === 0) return { assigned: 0, created: 0 };
    const edited = pending.filter((p) => p.assignedHash !== null).map((p) => p.id);
    if (edited.length > 0) await tx.execute(sql`delete from cluster_posts where post_id = any(${sql.param(edited)}::bigint[])`);

    const fingerprints = pending.map((p) => fingerprintText(assessedText(p), settings));
    const index = await storedCandidates(tx, fingerprints);
    const assignments = fingerprints.map((f) => index.assign(f, settings.threshold));

    const opened = pending.flatMap((post, i) => (assignments[i]!.created ? [{ post, fingerprint: fingerprints[i]!, temporaryId: assignments[i]!.clusterId }] : []));
    const realIds = await insertClusters(tx, opened, now);
    const clusterOf = (id: number) => (id < 0 ? (realIds.get(id) as number) : id);
    await insertBands(tx, opened.flatMap((o) => o.fingerprint.bands.map((band) => ({ band, clusterId: clusterOf(o.temporaryId) }))));
    await tx.execute(sql`
      insert into cluster_posts (post_id, cluster_id, similarity, content_hash, seen_at, assigned_at)
      select u.post_id, u.cluster_id, u.similarity, u.content_hash, u.seen_at::timestamptz, ${now.toISOString()}::timestamptz
      from unnest(${sql.param(pending.map((p) => p.id))}::bigint[], ${sql.param(assignments.map((a) => clusterOf(a.clusterId)))}::bigint[],
        ${sql.param(assignments.map((a) => a.similarity))}::real[], ${sql.param(pending.map((p) => p.contentHash))}::text[],
        ${sql.param(pending.map((p) => p.seenAt))}::text[]) as u(post_id, cluster_id, similarity, content_hash, seen_at)
      on conflict (post_id) do update set cluster_id = excluded.cluster_id, similarity = excluded.similarity,
        content_hash = excluded.content_hash, seen_at = excluded.seen_at, assigned_at = excluded.assigned_at`);
    return { assigned: pending.length, created: opened.length };
  });
}

async function pendingPosts(tx: Db, postIds: readonly number[]): Promise<PendingPost[]> {
  const rows = await queryRows<PendingPost & { id: string | number; seenAt: string | Date }>(
    tx,
    sql`select p.id, p.title, p.text, p.content_hash as "contentHash",
          least(coalesce(p.published_at, p.fetched_at), p.fetched_at) as "seenAt", cp.content_hash as "assignedHash"
        from posts p left join cluster_posts cp on cp.post_id = p.id
        where p.id = any(${sql.param([...postIds])}::bigint[]) and p.platform <> all(${sql.param([...REPORT_PLATFORMS])}::text[])`,
  );
  return rows
    .map((r) => ({ ...r, id: Number(r.id), seenAt: new Date(r.seenAt).toISOString() }))
    .sort((a, b) => a.seenAt.localeCompare(b.seenAt) || a.id - b.id);
}

/**
 * The stored clusters worth comparing with the batch, in an index ready for assignment: first the (band, cluster)
 * pairs of the batch's band keys (one index probe per key, the primary key leads with band_key, at most
 * MAX_PER_BAND clusters a key), then the shingles of only the clusters each post would compare with.
 */
async function storedCandidates(tx: Db, fingerprints: readonly TextFingerprint[]): Promise<ClusterIndex> {
  const index = new ClusterIndex();
  const keys = [...new Set(fingerprints.flatMap((f) => f.bands))];
  if (keys.length === 0) return index;
  const pairs = await queryRows<{ key: string | number; cluster: string | number }>(
    tx,
    sql`select k.key, h.cluster_id as cluster
        from unnest(${sql.param(keys)}::bigint[]) as k(key)
        cross join lateral (select b.cluster_id from cluster_bands b where b.band_key = k.key order by b.cluster_id limit ${MAX_PER_BAND}) h`,
  );
  if (pairs.length === 0) return index;
  const byKey = new Map<number, number[]>();
  for (const pair of pairs) {
    const key = Number(pair.key);
    (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(Number(pair.cluster));
  }
  const wanted = new Set<number>();
  for (const f of fingerprints) for (const id of topCandidates(f.bands, byKey)) wanted.add(id);
  const rows = await queryRows<{ id: string | number; shingles: Uint8Array }>(
    tx,
    sql`select id, shingles from post_clusters where id = any(${sql.param([...wanted])}::bigint[])`,
  );
  const clusters = new Map(rows.map((r) => [Number(r.id), { id: Number(r.id), shingles: shinglesFromBytes(r.shingles) }]));
  for (const [key, ids] of byKey) {
    for (const id of ids) {
      const cluster = clusters.get(id);
      if (cluster !== undefined) index.add(cluster, [key]);
    }
  }
  return index;
}

/** The clusters sharing the most bands with one text, as assignment will rank them. */
function topCandidates(bands: readonly number[], byKey: Map<number, number[]>): number[] {
  const hits = new Map<number, number>();
  for (const band of bands) for (const id of byKey.get(band) ?? []) hits.set(id, (hits.get(id) ?? 0) + 1);
  return [...hits].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, MAX_COMPARED).map(([id]) => id);
}

function shinglesFromBytes(bytes: Uint8Array): Int32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Int32Array(copy.buffer, 0, copy.byteLength >> 2);
}

function shinglesToHex(shingles: Int32Array): string {
  return Buffer.from(shingles.buffer, shingles.byteOffset, shingles.byteLength).toString('hex');
}

async function insertClusters(
  tx: Db,
  opened: readonly { post: PendingPost; fingerprint: TextFingerprint; temporaryId: number }[],
  now: Date,
): Promise<Map<number, number>> {
  const ids = new Map<number, number>();
  if (opened.length === 0) return ids;
  const rows = await queryRows<{ id: string | number; face: string | number }>(
    tx,
    sql`insert into post_clusters (face_post_id, shingles, first_seen_at, created_at)
        select u.face, decode(u.shingles, 'hex'), u.seen_at::timestamptz, ${now.toISOString()}::timestamptz
        from unnest(${sql.param(opened.map((o) => o.post.id))}::bigint[], ${sql.param(opened.map((o) => shinglesToHex(o.fingerprint.shingles)))}::text[],
          ${sql.param(opened.map((o) => o.post.seenAt))}::text[]) with ordinality as u(face, shingles, seen_at, n)
        order by u.n
        returning id, face_post_id as face`,
  );
  const byFace = new Map(rows.map((r) => [Number(r.face), Number(r.id)]));
  for (const o of opened) ids.set(o.temporaryId, byFace.get(o.post.id) as number);
  return ids;
}

async function insertBands(tx: Db, rows: readonly { band: number; clusterId: number }[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    insert into cluster_bands (band_key, cluster_id)
    select * from unnest(${sql.param(rows.map((r) => r.band))}::bigint[], ${sql.param(rows.map((r) => r.clusterId))}::bigint[])
    on conflict do nothing`);
}
