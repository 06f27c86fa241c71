import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { fetchRuns, quarantine, sources, type FetchExchange, type FetchRunStatus } from '../schema/index.js';

export type SourceRow = typeof sources.$inferSelect;
export type NewSource = Pick<typeof sources.$inferInsert, 'kind' | 'name' | 'url' | 'config' | 'everyMinutes' | 'identityKey'> & { enabled?: boolean };

/** Inserts a source; returns null when one with the same identity key or name exists. */
export async function insertSource(db: Db, source: NewSource): Promise<SourceRow | null> {
  const rows = await db.insert(sources).values(source).onConflictDoNothing().returning();
  return rows[0] ?? null;
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).orderBy(asc(sources.id));
}

export async function getSource(db: Db, id: number): Promise<SourceRow | null> {
  const rows = await db.select().from(sources).where(eq(sources.id, id));
  return rows[0] ?? null;
}

export async function countSources(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(sources);
  return Number(rows[0]?.n ?? 0);
}

export async function setSourceEnabled(db: Db, id: number, enabled: boolean, now: Date): Promise<SourceRow | null> {
  const rows = await db.update(sources).set({ enabled, updatedAt: now }).where(eq(sources.id, id)).returning();
  return rows[0] ?? null;
}

export async function deleteSource(db: Db, id: number): Promise<boolean> {
  const rows = await db.delete(sources).where(eq(sources.id, id)).returning({ id: sources.id });
  return rows.length > 0;
}

export type SourceHealthUpdate = Pick<
  typeof sources.$inferInsert,
  | 'health'
  | 'consecutiveFailures'
  | 'backoffUntil'
  | 'lastRunAt'
  | 'lastSuccessAt'
  | 'lastItemsAt'
  | 'lastErrorAt'
  | 'lastErrorCode'
  | 'lastError'
  | 'cursor'
>;

export async function updateSourceAfterRun(
  db: Db,
  id: number,
  update: SourceHealthUpdate,
  counts: { items: number; quarantined: number },
  now: Date,
): Promise<void> {
  await db
    .update(sources)
    .set({
      ...update,
      itemsTotal: sql`${sources.itemsTotal} + ${counts.items}`,
      quarantinedTotal: sql`${sources.quarantinedTotal} + ${counts.quarantined}`,
      updatedAt: now,
    })
    .where(eq(sources.id, id));
}

export async function startFetchRun(db: Db, sourceId: number, jobId: string | null, now: Date): Promise<number> {
  const rows = await db.insert(fetchRuns).values({ sourceId, jobId, startedAt: now }).returning({ id: fetchRuns.id });
  return Number(rows[0]!.id);
}

export interface FetchRunOutcome {
  status: FetchRunStatus;
  finishedAt: Date;
  httpStatus: number | null;
  itemsSeen: number;
  itemsNew: number;
  itemsUpdated: number;
  itemsQuarantined: number;
  bytes: number;
  durationMs: number;
  errorCode: string | null;
  error: string | null;
  warnings: string[];
  removedCodePoints: number;
  exchanges: FetchExchange[];
}

export async function finishFetchRun(db: Db, id: number, outcome: FetchRunOutcome): Promise<void> {
  await db.update(fetchRuns).set(outcome).where(eq(fetchRuns.id, id));
}

/** Runs still marked running: the live ones and those whose process died. */
export async function runningFetchRuns(db: Db): Promise<Array<{ id: number; jobId: string | null; startedAt: Date }>> {
  return db.select({ id: fetchRuns.id, jobId: fetchRuns.jobId, startedAt: fetchRuns.startedAt }).from(fetchRuns).where(eq(fetchRuns.status, 'running'));
}

/** Closes runs whose process died as `abandoned` (only if still running: a run finishing meanwhile keeps its outcome). */
export async function abandonFetchRuns(db: Db, ids: number[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await db
    .update(fetchRuns)
    .set({ status: 'abandoned', finishedAt: now, errorCode: 'RUN_ABANDONED', error: 'the process running it stopped before the run finished' })
    .where(and(inArray(fetchRuns.id, ids), eq(fetchRuns.status, 'running')))
    .returning({ id: fetchRuns.id });
  return rows.length;
}

export async function recentFetchRuns(db: Db, sourceId: number, limit: number) {
  return db
    .select()
    .from(fetchRuns)
    .where(eq(fetchRuns.sourceId, sourceId))
    .orderBy(sql`${fetchRuns.startedAt} desc`)
    .limit(limit);
}

export interface QuarantineRow {
  externalId: string | null;
  reason: string;
  raw: unknown;
}

export async function insertQuarantine(db: Db, sourceId: number, fetchRunId: number, rows: QuarantineRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(quarantine).values(rows.map((r) => ({ ...r, raw: r.raw ?? null, sourceId, fetchRunId })));
}
