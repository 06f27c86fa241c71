import { and, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { posts } from '../schema/index.js';

export interface PostRow {
  externalId: string;
  url: string | null;
  authorHandle: string | null;
  title: string | null;
  text: string;
  language: string | null;
  publishedAt: Date | null;
  contentHash: string;
  metadata: Record<string, unknown>;
}

export interface UpsertOutcome {
  /** Ids of rows created by this call. */
  inserted: number[];
  /** Ids of rows whose content hash changed (edited items). */
  updated: number[];
}

/**
 * Stores posts with one multi-row statement per batch. The unique (source_id, external_id) key makes a re-fetch,
 * a retried job or two workers racing on the same item write one row; an unchanged item is not touched at all
 * (the WHERE on the conflict update), an edited one is updated in place and marked for classification again.
 */
export async function upsertPosts(
  db: Db,
  target: { sourceId: number; platform: string; fetchRunId: number | null; now: Date },
  rows: PostRow[],
  batchSize = 1000,
): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { inserted: [], updated: [] };
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = dedupeByExternalId(rows.slice(i, i + batchSize));
    const values = batch.map((row) => ({
      ...row,
      sourceId: target.sourceId,
      platform: target.platform,
      fetchRunId: target.fetchRunId,
      fetchedAt: target.now,
      updatedAt: target.now,
    }));
    const written = await db
      .insert(posts)
      .values(values)
      .onConflictDoUpdate({
        target: [posts.sourceId, posts.externalId],
        set: {
          url: sql`excluded.url`,
          authorHandle: sql`excluded.author_handle`,
          title: sql`excluded.title`,
          text: sql`excluded.text`,
          language: sql`excluded.language`,
          publishedAt: sql`coalesce(excluded.published_at, ${posts.publishedAt})`,
          contentHash: sql`excluded.content_hash`,
          metadata: sql`excluded.metadata`,
          fetchRunId: sql`excluded.fetch_run_id`,
          updatedAt: sql`excluded.updated_at`,
          classifiedAt: sql`null`,
        },
        setWhere: sql`${posts.contentHash} <> excluded.content_hash`,
      })
      // xmax is 0 for a freshly inserted tuple and non-zero for one updated by ON CONFLICT.
      .returning({ id: posts.id, inserted: sql<boolean>`(xmax = 0)` });
    for (const row of written) (row.inserted ? outcome.inserted : outcome.updated).push(Number(row.id));
  }
  return outcome;
}

/** Postgres refuses one statement that touches a row twice; a feed listing an item twice keeps its last copy. */
function dedupeByExternalId(rows: PostRow[]): PostRow[] {
  const byId = new Map<string, PostRow>();
  for (const row of rows) byId.set(row.externalId, row);
  return [...byId.values()];
}

/** Posts still waiting for classification that were fetched before `olderThan` (lost enqueues, crashed runs). */
export async function findUnclassifiedPostIds(db: Db, olderThan: Date, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: posts.id })
    .from(posts)
    .where(and(isNull(posts.classifiedAt), lt(posts.fetchedAt, olderThan)))
    .orderBy(posts.id)
    .limit(limit);
  return rows.map((r) => Number(r.id));
}

export async function markClassified(db: Db, ids: number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(posts).set({ classifiedAt: at }).where(inArray(posts.id, ids));
}
