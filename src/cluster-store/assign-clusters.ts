import { sql } from 'drizzle-orm';
import { ClusterIndex, fingerprintShingles, fingerprintText, type Assignment, type ClusterSettings, type TextFingerprint } from '../clusters/index.js';
import { queryRows, type Db } from '../db/index.js';
import { summariseError } from '../errors/index.js';
import { assessedText } from '../text/index.js';

/** Platforms whose posts are reports to us, not public activity: never clustered or counted (src/tipline). */
export const REPORT_PLATFORMS: readonly string[] = ['tipline'];

/**
 * Serialises assignment across workers: two workers must not open two clusters for two copies of one text. It also
 * makes cluster ids grow in commit order, which is what lets a worker catch up with `id > watermark`.
 */
const ASSIGN_LOCK = 1_842_018;

const FOREIGN_KEY_VIOLATION = '23503';

export interface ClusterOutcome {
  /** Posts assigned in this call (new, or edited since they were assigned). */
  assigned: number;
  /** Clusters opened. */
  created: number;
}

/** A post as assignment needs it; the classify stage hands over the posts it read. */
export interface ClusterPost {
  id: number;
  title: string | null;
  text: string;
  platform: string;
  contentHash: string;
  /** When it appeared (published, never later than fetched): the first seen is a cluster's face. */
  seenAt: Date;
}

type FingerprintedPost = ClusterPost & { fingerprint: TextFingerprint };

/**
 * Assigns posts to near-duplicate clusters, incrementally, with an LSH index of cluster faces kept in memory for as
 * long as the assigner lives (one per classify worker). Each batch, under a transaction-wide lock:
 * 1. the posts not yet assigned in their current version are picked (a re-delivered batch changes nothing; an
 *    edited post leaves its old cluster and is assigned again);
 * 2. the index catches up with clusters other workers opened since it last looked (`id > watermark`);
 * 3. posts are assigned in the order they appeared, so the first seen is the face;
 * 4. opened clusters and memberships are written in one statement.
 * A cluster may leave the database while an index remembers it (retention deleted its posts, an edit emptied it).
 * Those an edit in the batch empties are dropped at once; for others the membership's foreign key fails, and the
 * batch is assigned once more, its posts read again (one may have been deleted too) and the index rebuilt from the
 * database.
 * If anything fails the index is dropped and rebuilt from the database on the next batch, so it never holds a
 * cluster that was rolled back. The index holds the `indexedClusters` most recently used clusters; the database
 * holds all of them.
 */
export class ClusterAssigner {
  private index: ClusterIndex | null = null;
  /** The highest cluster id the index has caught up with. */
  private watermark = 0;

  constructor(private readonly settings: ClusterSettings) {}

  /** Assigns posts already read (by the classify stage); tipline reports are left out. */
  async assign(db: Db, posts: readonly ClusterPost[], now: Date): Promise<ClusterOutcome> {
    const assignable = posts.filter((p) => !REPORT_PLATFORMS.includes(p.platform));
    if (!this.settings.enabled || assignable.length === 0) return { assigned: 0, created: 0 };
    try {
      return await this.inTransaction(db, assignable, now);
    } catch (error) {
      if (summariseError(error).sqlState !== FOREIGN_KEY_VIOLATION) throw error;
      const again = (await readClusterPosts(db, assignable.map((p) => p.id))).filter((p) => !REPORT_PLATFORMS.includes(p.platform));
      return again.length === 0 ? { assigned: 0, created: 0 } : this.inTransaction(db, again, now);
    }
  }

  /** Reads the posts, then assigns them. */
  async assignIds(db: Db, postIds: readonly number[], now: Date): Promise<ClusterOutcome> {
    if (!this.settings.enabled || postIds.length === 0) return { assigned: 0, created: 0 };
    return this.assign(db, await readClusterPosts(db, postIds), now);
  }

  private async inTransaction(db: Db, posts: readonly ClusterPost[], now: Date): Promise<ClusterOutcome> {
    try {
      return await db.transaction(async (tx) => {
        try {
          return await this.assignLocked(tx as unknown as Db, posts, now);
        } catch (error) {
          // Dropped before the rollback frees the lock, so a job waiting for it never sees this batch's clusters.
          this.index = null;
          throw error;
        }
      });
    } catch (error) {
      this.index = null;
      throw error;
    }
  }

  private async assignLocked(tx: Db, posts: readonly ClusterPost[], now: Date): Promise<ClusterOutcome> {
    // The lock and the reads go out together (the server runs them in order, each read after the lock is held, with
    // its own snapshot), and the texts are fingerprinted while the database works on them.
    const cold = this.index === null;
    const reads = Promise.all([
      tx.execute(sql`select pg_advisory_xact_lock(${ASSIGN_LOCK}::bigint)`),
      assignedVersions(tx, posts),
      cold ? this.newest(tx) : storedClusters(tx, sql`id > ${this.watermark} order by id`),
    ]);
    const fingerprints = new Map(posts.map((p) => [p.id, fingerprintText(assessedText(p), this.settings)]));
    const [, assigned, stored] = await reads;
    const pending = posts
      .filter((p) => assigned.get(p.id) !== p.contentHash)
      .sort((a, b) => a.seenAt.getTime() - b.seenAt.getTime() || a.id - b.id)
      .map((p) => ({ ...p, fingerprint: fingerprints.get(p.id)! }));
    if (pending.length === 0) return { assigned: 0, created: 0 };
    const index = cold ? this.rebuild(stored) : this.index !== null ? this.extend(this.index, stored) : this.rebuild(await this.newest(tx));
    const edited = pending.filter((p) => assigned.has(p.id)).map((p) => p.id);
    if (edited.length > 0) for (const id of await leaveClusters(tx, edited)) index.remove(id);

    const assignments = pending.map((p) => index.assign(p.fingerprint, this.settings.threshold));
    const realIds = await writeAssignments(tx, pending, assignments, now);
    for (const [temporaryId, id] of realIds) index.rename(temporaryId, id);
    if (realIds.size > 0) this.watermark = Math.max(this.watermark, ...realIds.values());
    return { assigned: pending.length, created: realIds.size };
  }

  /** The most recent `indexedClusters` stored clusters, newest first. */
  private async newest(tx: Db): Promise<StoredCluster[]> {
    return storedClusters(tx, sql`true order by id desc limit ${this.settings.indexedClusters}`);
  }

  /** An index of the stored clusters given newest first (as {@link newest} reads them), replacing the one held. */
  private rebuild(newestFirst: readonly StoredCluster[]): ClusterIndex {
    const index = new ClusterIndex(this.settings.indexedClusters);
    for (let i = newestFirst.length - 1; i >= 0; i--) index.add(newestFirst[i]!.id, fingerprintShingles(newestFirst[i]!.shingles));
    this.watermark = newestFirst[0]?.id ?? 0;
    this.index = index;
    return index;
  }

  /**
   * The index extended with the clusters opened since it last looked, by this worker's other jobs or by other
   * workers (read before the lock was held by this job, so some may be in it already).
   */
  private extend(index: ClusterIndex, opened: readonly StoredCluster[]): ClusterIndex {
    for (const row of opened) {
      if (!index.has(row.id)) index.add(row.id, fingerprintShingles(row.shingles));
      this.watermark = Math.max(this.watermark, row.id);
    }
    return index;
  }
}

/** Assigns posts with an index built for this call alone (the CLI, tests); workers keep a {@link ClusterAssigner}. */
export async function assignClusters(db: Db, postIds: readonly number[], settings: ClusterSettings, now: Date): Promise<ClusterOutcome> {
  return new ClusterAssigner(settings).assignIds(db, postIds, now);
}

/** Posts as assignment needs them, read by id (classify hands over the ones it read; this is for everyone else). */
export async function readClusterPosts(db: Db, postIds: readonly number[]): Promise<ClusterPost[]> {
  const rows = await queryRows<Omit<ClusterPost, 'id' | 'seenAt'> & { id: string | number; seenAt: string | Date }>(
    db,
    sql`select id, title, text, platform, content_hash as "contentHash", least(coalesce(published_at, fetched_at), fetched_at) as "seenAt"
        from posts where id = any(${sql.param([...postIds])}::bigint[])`,
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), seenAt: new Date(r.seenAt) }));
}

/** The content hash each post was last assigned in, for the posts that have been. */
async function assignedVersions(tx: Db, posts: readonly ClusterPost[]): Promise<Map<number, string>> {
  const rows = await queryRows<{ id: string | number; hash: string }>(
    tx,
    sql`select post_id as id, content_hash as hash from cluster_posts where post_id = any(${sql.param(posts.map((p) => p.id))}::bigint[])`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.hash]));
}

interface StoredCluster {
  id: number;
  shingles: Int32Array;
}

async function storedClusters(tx: Db, where: ReturnType<typeof sql>): Promise<StoredCluster[]> {
  const rows = await queryRows<{ id: string | number; shingles: Uint8Array }>(tx, sql`select id, shingles from post_clusters where ${where}`);
  return rows.map((r) => ({ id: Number(r.id), shingles: shinglesFromBytes(r.shingles) }));
}

/** Takes edited posts out of their clusters; returns the clusters that left the database with them (emptied). */
async function leaveClusters(tx: Db, postIds: readonly number[]): Promise<number[]> {
  const left = await queryRows<{ id: string | number }>(tx, sql`delete from cluster_posts where post_id = any(${sql.param([...postIds])}::bigint[]) returning cluster_id as id`);
  const ids = [...new Set(left.map((r) => Number(r.id)))];
  const kept = await queryRows<{ id: string | number }>(tx, sql`select id from post_clusters where id = any(${sql.param(ids)}::bigint[])`);
  const present = new Set(kept.map((r) => Number(r.id)));
  return ids.filter((id) => !present.has(id));
}

function shinglesFromBytes(bytes: Uint8Array): Int32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Int32Array(copy.buffer, 0, copy.byteLength >> 2);
}

function shinglesToHex(shingles: Int32Array): string {
  return Buffer.from(shingles.buffer, shingles.byteOffset, shingles.byteLength).toString('hex');
}

/**
 * Writes a batch's clusters and memberships in one statement: the clusters it opened (faces in the order they were
 * seen) and every post's membership, those of opened clusters joined to their new ids by face. A plain insert of
 * memberships: under the lock no pending post has one left (new, or its old one deleted above). Returns the stored id
 * of each cluster opened, by its temporary id.
 */
async function writeAssignments(tx: Db, pending: readonly FingerprintedPost[], assignments: readonly Assignment[], now: Date): Promise<Map<number, number>> {
  /** Temporary cluster id → the post that opened it (its face). */
  const faceOf = new Map<number, number>();
  pending.forEach((post, i) => {
    if (assignments[i]!.created) faceOf.set(assignments[i]!.clusterId, post.id);
  });
  const opened = pending.filter((_, i) => assignments[i]!.created);
  const stamp = now.toISOString();
  const rows = await queryRows<{ id: string | number; face: string | number }>(
    tx,
    sql`with opened as (
          insert into post_clusters (face_post_id, shingles, first_seen_at, created_at)
          select u.face, decode(u.shingles, 'hex'), u.seen_at::timestamptz, ${stamp}::timestamptz
          from unnest(${sql.param(opened.map((o) => o.id))}::bigint[], ${sql.param(opened.map((o) => shinglesToHex(o.fingerprint.shingles)))}::text[],
            ${sql.param(opened.map((o) => o.seenAt.toISOString()))}::text[]) with ordinality as u(face, shingles, seen_at, n)
          order by u.n
          returning id, face_post_id
        ), members as (
          insert into cluster_posts (post_id, cluster_id, similarity, content_hash, seen_at, assigned_at)
          select u.post_id, coalesce(u.cluster_id, o.id), u.similarity, u.content_hash, u.seen_at::timestamptz, ${stamp}::timestamptz
          from unnest(${sql.param(pending.map((p) => p.id))}::bigint[],
            ${sql.param(assignments.map((a) => (a.clusterId > 0 ? a.clusterId : null)))}::bigint[],
            ${sql.param(assignments.map((a) => faceOf.get(a.clusterId) ?? null))}::bigint[],
            ${sql.param(assignments.map((a) => a.similarity))}::real[], ${sql.param(pending.map((p) => p.contentHash))}::text[],
            ${sql.param(pending.map((p) => p.seenAt.toISOString()))}::text[]) as u(post_id, cluster_id, face, similarity, content_hash, seen_at)
          left join opened o on o.face_post_id = u.face
        )
        select id, face_post_id as face from opened`,
  );
  const byFace = new Map(rows.map((r) => [Number(r.face), Number(r.id)]));
  return new Map([...faceOf].map(([temporaryId, face]) => [temporaryId, byFace.get(face) as number]));
}
