import { inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client.js';
import { fetchRuns, posts } from '../schema/index.js';

/** A post as stored (sources/types.ts: what an adapter hands over is this without the content hash). */
export interface PostRow {
  /** Stable id within the source (guid, status id, at-uri...). Never empty. */
  externalId: string;
  url: string | null;
  authorHandle: string | null;
  title: string | null;
  /** Plain text with paragraph breaks as "\n\n". */
  text: string;
  /** BCP-47-ish language code when the source says (sv, ar, en...), else null. */
  language: string | null;
  publishedAt: Date | null;
  contentHash: string;
  /** Platform-specific extras kept for evidence and debugging (categories, enclosures, counts...). */
  metadata: Record<string, unknown>;
}

export interface UpsertOutcome {
  /** Ids of rows created by this call. */
  inserted: number[];
  /** Ids of rows whose content hash changed (edited items). */
  updated: number[];
  /** Ids of unchanged rows that gained shares (`metadata.sharedBy`): not classified again. */
  shared: number[];
}

/** Shares listed in one post's `metadata.sharedBy` at most; later ones are neither listed nor counted. */
export const MAX_LISTED_SHARES = 1_000;

/**
 * Stores posts with one statement per batch. The unique (source_id, external_id) key makes a re-fetch, a retried
 * job or two workers racing on the same item write one row; an unchanged item is not touched at all (the WHERE on
 * the conflict update), an edited one is updated in place and marked for classification again.
 * A row whose metadata lists shares (`sharedBy`: `[{ id, by, at }]`, retweets stored as their original) merges them
 * into the stored row's list, by share id, and sets `shareCount` to its length, without classifying it again; so
 * every retweet of one original, in any batch or import, counts once.
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
  const outcome: UpsertOutcome = { inserted: [], updated: [], shared: [] };
  const now = target.now.toISOString();
  const changed = sql`${posts}.content_hash <> excluded.content_hash`;
  const keep = (column: string) => sql`case when ${changed} then excluded.${sql.raw(column)} else ${posts}.${sql.raw(column)} end`;
  for (let i = 0; i < rows.length; i += batchSize) {
    const batch = dedupeByExternalId(rows.slice(i, i + batchSize));
    const column = <T>(pick: (row: PostRow) => T) => sql.param(batch.map(pick));
    const written = await queryRows<{ id: number | string; inserted: boolean; changed: boolean }>(
      db,
      sql`with incoming as (
            select * from unnest(${column((r) => r.externalId)}::text[], ${column((r) => r.url)}::text[], ${column((r) => r.authorHandle)}::text[],
              ${column((r) => r.title)}::text[], ${column((r) => r.text)}::text[], ${column((r) => r.language)}::text[],
              ${column((r) => r.publishedAt?.toISOString() ?? null)}::text[], ${column((r) => r.contentHash)}::text[],
              ${column((r) => JSON.stringify(r.metadata))}::text[])
              as u(external_id, url, author_handle, title, text, language, published_at, content_hash, metadata)
          ),
          -- Read in the statement's snapshot, before the insert: tells an edit from a row that only gained shares.
          previous as (
            select external_id, content_hash from ${posts}
            where source_id = ${target.sourceId}::integer and external_id in (select external_id from incoming)
          ),
          written as (
            insert into ${posts} (source_id, platform, external_id, url, author_handle, title, text, language, published_at,
              fetched_at, updated_at, content_hash, fetch_run_id, metadata)
            select ${target.sourceId}::integer, ${target.platform}::text, u.external_id, u.url, u.author_handle, u.title, u.text,
              u.language, u.published_at::timestamptz, ${now}::timestamptz, ${now}::timestamptz, u.content_hash,
              ${target.fetchRunId}::bigint, u.metadata::jsonb
            from incoming u
            on conflict (source_id, external_id) do update set
              url = excluded.url, author_handle = ${keep('author_handle')}, title = excluded.title, text = excluded.text,
              language = ${keep('language')}, published_at = coalesce(${keep('published_at')}, ${posts}.published_at),
              content_hash = excluded.content_hash, fetch_run_id = ${keep('fetch_run_id')}, updated_at = ${keep('updated_at')},
              classified_at = case when ${changed} then null else ${posts}.classified_at end,
              metadata = ${mergedShares(sql`case when ${changed} then excluded.metadata else ${posts}.metadata end`)}
            where ${changed} or ${hasNewShares}
            -- xmax is 0 for a freshly inserted tuple and non-zero for one updated by ON CONFLICT.
            returning id, external_id, content_hash, (xmax = 0) as inserted
          )
          select w.id, w.inserted, (p.content_hash is distinct from w.content_hash) as changed
          from written w left join previous p on p.external_id = w.external_id`,
    );
    for (const row of written) (row.inserted ? outcome.inserted : row.changed ? outcome.updated : outcome.shared).push(Number(row.id));
  }
  return outcome;
}

/** The incoming row lists a share the stored row does not (and the stored list has room). */
const hasNewShares = sql`(excluded.metadata -> 'sharedBy') is not null
  and jsonb_array_length(coalesce(${posts}.metadata -> 'sharedBy', '[]'::jsonb)) < ${MAX_LISTED_SHARES}
  and not (coalesce(${posts}.metadata -> 'sharedBy', '[]'::jsonb) @> (excluded.metadata -> 'sharedBy'))`;

/** `base` with `sharedBy` the union (by share id, oldest first, capped) of the stored and incoming lists. */
function mergedShares(base: SQL): SQL {
  return sql`case when (${posts}.metadata -> 'sharedBy') is null and (excluded.metadata -> 'sharedBy') is null then ${base}
    else ${base} || (
      select jsonb_build_object('sharedBy', coalesce(jsonb_agg(share order by share ->> 'at', share ->> 'id'), '[]'::jsonb), 'shareCount', count(*))
      from (
        select share from (
          select distinct on (share ->> 'id') share
          from jsonb_array_elements(coalesce(${posts}.metadata -> 'sharedBy', '[]'::jsonb) || coalesce(excluded.metadata -> 'sharedBy', '[]'::jsonb)) as share
          order by share ->> 'id'
        ) distinct_shares
        order by share ->> 'at', share ->> 'id'
        limit ${MAX_LISTED_SHARES}
      ) listed
    ) end`;
}

/**
 * Postgres refuses one statement that touches a row twice; a feed listing an item twice keeps its last copy, with
 * the shares of every copy (several retweets of one original in a batch).
 */
function dedupeByExternalId(rows: PostRow[]): PostRow[] {
  const byId = new Map<string, PostRow>();
  for (const row of rows) {
    const earlier = byId.get(row.externalId);
    const shares = [...sharesOf(earlier), ...sharesOf(row)];
    const merged = shares.length === 0 ? row : { ...row, metadata: { ...row.metadata, sharedBy: uniqueShares(shares), shareCount: uniqueShares(shares).length } };
    byId.set(row.externalId, merged);
  }
  return [...byId.values()];
}

function sharesOf(row: PostRow | undefined): Array<{ id?: unknown }> {
  const shares = row?.metadata.sharedBy;
  return Array.isArray(shares) ? (shares as Array<{ id?: unknown }>) : [];
}

function uniqueShares(shares: Array<{ id?: unknown }>): Array<{ id?: unknown }> {
  return [...new Map(shares.map((share) => [String(share.id), share])).values()];
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
