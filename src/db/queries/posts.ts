import { inArray, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';
import { fetchRuns, posts } from '../schema/index.js';

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
 * Stores posts with one statement per batch. The unique (source_id, external_id) key makes a re-fetch, a retried
 * job or two workers racing on the same item write one row; an unchanged item is not touched at all (the WHERE on
 * the conflict update), an edited one is updated in place and marked for classification again.
 * Rows travel as one array per column through `unnest`: a constant 13 parameters however large the batch, so the
 * statement is small to build and to parse (a row-per-VALUES insert spends more time in the query builder than in
 * Postgres).
 */
export async function upsertPosts(
  db: Db,
  target: { sourceId: number; platform: string; fetchRunId: number | null; now: Date },
  rows: PostRow[],
  batchSize = 1000,
): Promise<UpsertOutcome> {
  const outcome: UpsertOutcome = { inserted: [], updated: [] };
  const now = target.now.toISOString();
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = dedupeByExternalId(rows.slice(i, i + batchSize));
    const column = <T>(pick: (row: PostRow) => T) => sql.param(batch.map(pick));
    const written = await queryRows<{ id: number | string; inserted: boolean }>(
      db,
      sql`insert into ${posts} (source_id, platform, external_id, url, author_handle, title, text, language, published_at,
            fetched_at, updated_at, content_hash, fetch_run_id, metadata)
          select ${target.sourceId}::integer, ${target.platform}::text, u.external_id, u.url, u.author_handle, u.title, u.text,
            u.language, u.published_at::timestamptz, ${now}::timestamptz, ${now}::timestamptz, u.content_hash,
            ${target.fetchRunId}::bigint, u.metadata::jsonb
          from unnest(${column((r) => r.externalId)}::text[], ${column((r) => r.url)}::text[], ${column((r) => r.authorHandle)}::text[],
            ${column((r) => r.title)}::text[], ${column((r) => r.text)}::text[], ${column((r) => r.language)}::text[],
            ${column((r) => r.publishedAt?.toISOString() ?? null)}::text[], ${column((r) => r.contentHash)}::text[],
            ${column((r) => JSON.stringify(r.metadata))}::text[])
            as u(external_id, url, author_handle, title, text, language, published_at, content_hash, metadata)
          on conflict (source_id, external_id) do update set
            url = excluded.url, author_handle = excluded.author_handle, title = excluded.title, text = excluded.text,
            language = excluded.language, published_at = coalesce(excluded.published_at, ${posts}.published_at),
            content_hash = excluded.content_hash, metadata = excluded.metadata, fetch_run_id = excluded.fetch_run_id,
            updated_at = excluded.updated_at, classified_at = null
          where ${posts}.content_hash <> excluded.content_hash
          -- xmax is 0 for a freshly inserted tuple and non-zero for one updated by ON CONFLICT.
          returning id, (xmax = 0) as inserted`,
    );
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

/**
 * Posts waiting for classification whose enqueue may have been lost (a crash between storing and enqueuing, a Redis
 * that lost its queues): posts of runs that are no longer running, and imported posts (no run) stored before
 * `importsSettledBefore`. Ids in `exclude` (already queued) are skipped.
 */
export async function findLostClassifications(db: Db, options: { importsSettledBefore: Date; exclude: Iterable<number>; limit: number }): Promise<number[]> {
  const exclude = [...options.exclude];
  const rows = await queryRows<{ id: number | string }>(
    db,
    sql`select p.id from ${posts} p left join ${fetchRuns} r on r.id = p.fetch_run_id
        where p.classified_at is null
          and r.status is distinct from 'running'
          and (p.fetch_run_id is not null or p.fetched_at < ${options.importsSettledBefore.toISOString()}::timestamptz)
          and p.id <> all(${sql.param(exclude)}::bigint[])
        order by p.id limit ${options.limit}`,
  );
  return rows.map((r) => Number(r.id));
}

export async function markClassified(db: Db, ids: number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.update(posts).set({ classifiedAt: at }).where(inArray(posts.id, ids));
}
