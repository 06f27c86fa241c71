import type { Db } from '../db/index.js';
import {
  finishFetchRun,
  getSource,
  insertQuarantine,
  startFetchRun,
  updateSourceAfterRun,
  upsertPosts,
  type FetchRunOutcome,
  type QuarantineRow,
  type SourceRow,
} from '../db/queries/index.js';
import { summariseError, VaksamError } from '../errors/index.js';
import { storableJson } from '../text/index.js';
import type { Fetcher } from '../fetch/index.js';
import type { Logger } from '../log/index.js';
import type { SourceRegistry } from '../sources/index.js';
import type { CollectResult, SourceRecord } from '../sources/index.js';
import { toPostRow } from './post-row.js';
import { healthAfterFailure, healthAfterSuccess, isBackedOff, type HealthSettings } from './health.js';
import { RecordingFetcher } from './recording-fetcher.js';

export interface CollectDeps {
  db: Db;
  fetcher: Fetcher;
  registry: SourceRegistry;
  log: Logger;
  now: () => Date;
  health: HealthSettings;
  upsertBatchSize: number;
  jobTimeoutMs: number;
  /** Hands new and edited post ids to the classify queue. */
  enqueueClassify(postIds: number[]): Promise<unknown>;
}

export type CollectStatus = 'ok' | 'not_modified' | 'skipped' | 'failed';

/** What a collect did: the counts its fetch run records, and why it did nothing or failed. */
export interface CollectSummary extends Pick<FetchRunOutcome, 'itemsSeen' | 'itemsNew' | 'itemsUpdated' | 'itemsQuarantined' | 'bytes' | 'durationMs' | 'warnings'> {
  sourceId: number;
  status: CollectStatus;
  fetchRunId: number | null;
  /** Set when status is failed: the error, rethrown by the caller that wants the job to retry. */
  error?: unknown;
  skippedReason?: 'disabled' | 'backed-off' | 'missing';
}

export class SourceNotFoundError extends VaksamError {
  constructor(sourceId: number) {
    super('SOURCE_NOT_FOUND', `source ${sourceId} does not exist`, { details: { sourceId } });
  }
}

/**
 * One run of one source: fetch through the adapter, store items idempotently, quarantine rejects, advance the
 * cursor only after the items are written, record the run and the source's health, enqueue classification.
 * Errors are recorded, then returned in the summary so the caller decides about retrying.
 */
export async function collectSource(deps: CollectDeps, sourceId: number, jobId: string | null = null): Promise<CollectSummary> {
  const source = await getSource(deps.db, sourceId);
  const started = deps.now();
  if (!source) return skipped(sourceId, 'missing');
  if (!source.enabled) return skipped(sourceId, 'disabled');
  if (isBackedOff(source.backoffUntil, started)) return skipped(sourceId, 'backed-off');

  const log = deps.log.child({ sourceId, kind: source.kind, jobId });
  const runId = await startFetchRun(deps.db, sourceId, jobId, started);
  const recorder = new RecordingFetcher(deps.fetcher, deps.now);
  try {
    const result = await runAdapter(deps, source, recorder, log, false);
    const stored = await storeResult(deps, source, runId, result);
    // Enqueued before the run is marked finished: the sweep takes unclassified posts of runs no longer running.
    await deps.enqueueClassify([...stored.inserted, ...stored.updated]);
    const finished = deps.now();
    const durationMs = finished.getTime() - started.getTime();
    const status: CollectStatus = result.notModified ? 'not_modified' : 'ok';
    const warnings = stored.removedCodePoints > 0 ? [removedWarning(stored.removedCodePoints), ...result.warnings] : result.warnings;
    await finishFetchRun(deps.db, runId, {
      status,
      finishedAt: finished,
      httpStatus: result.httpStatus ?? recorder.lastStatus,
      itemsSeen: result.items.length,
      itemsNew: stored.inserted.length,
      itemsUpdated: stored.updated.length,
      itemsQuarantined: result.quarantined.length,
      bytes: Math.max(result.bytes, recorder.bytes),
      durationMs,
      errorCode: null,
      error: null,
      warnings: storableJson(warnings.slice(0, 100)).value as string[],
      removedCodePoints: stored.removedCodePoints,
      exchanges: recorder.exchanges,
    });
    await updateSourceAfterRun(
      deps.db,
      sourceId,
      {
        ...healthAfterSuccess(),
        lastRunAt: finished,
        lastSuccessAt: finished,
        ...(stored.inserted.length > 0 ? { lastItemsAt: finished } : {}),
        ...(result.cursor ? { cursor: result.cursor } : {}),
      },
      { items: stored.inserted.length, quarantined: result.quarantined.length },
      finished,
    );
    log.info(
      { runId, status, seen: result.items.length, new: stored.inserted.length, updated: stored.updated.length, quarantined: result.quarantined.length, removedCodePoints: stored.removedCodePoints, durationMs },
      'source collected',
    );
    return {
      sourceId,
      status,
      fetchRunId: runId,
      itemsSeen: result.items.length,
      itemsNew: stored.inserted.length,
      itemsUpdated: stored.updated.length,
      itemsQuarantined: result.quarantined.length,
      bytes: recorder.bytes,
      durationMs,
      warnings,
    };
  } catch (error) {
    return recordFailure(deps, source, runId, recorder, started, error, log);
  }
}

/** A dry run for `sources test`: fetch and parse, store nothing, advance nothing. */
export async function testSource(deps: Pick<CollectDeps, 'db' | 'fetcher' | 'registry' | 'log' | 'now' | 'jobTimeoutMs'>, sourceId: number): Promise<CollectResult> {
  const source = await getSource(deps.db, sourceId);
  if (!source) throw new SourceNotFoundError(sourceId);
  return runAdapter(deps, source, deps.fetcher, deps.log.child({ sourceId, dryRun: true }), true);
}

async function runAdapter(
  deps: Pick<CollectDeps, 'registry' | 'now' | 'jobTimeoutMs'>,
  source: SourceRow,
  fetcher: Fetcher,
  log: Logger,
  dryRun: boolean,
): Promise<CollectResult> {
  const adapter = deps.registry.get(source.kind);
  const config = deps.registry.parseConfig(source.kind, source.config, source.name);
  const record: SourceRecord = {
    id: source.id,
    kind: source.kind,
    name: source.name,
    url: source.url,
    config: source.config,
    cursor: source.cursor,
  };
  const signal = AbortSignal.timeout(deps.jobTimeoutMs);
  return adapter.collect({ source: record, fetcher, log, now: deps.now(), signal, dryRun }, config);
}

async function storeResult(deps: CollectDeps, source: SourceRow, runId: number, result: CollectResult) {
  let removedCodePoints = 0;
  const rows = result.items.map((item) => {
    const { row, removed } = toPostRow(item);
    removedCodePoints += removed;
    return row;
  });
  const stored = await upsertPosts(
    deps.db,
    { sourceId: source.id, platform: source.kind, fetchRunId: runId, now: deps.now() },
    rows,
    deps.upsertBatchSize,
  );
  // Quarantined items are kept raw, as fetched: only what PostgreSQL cannot store is dropped.
  await insertQuarantine(deps.db, source.id, runId, storableJson(result.quarantined).value as QuarantineRow[]);
  return { ...stored, removedCodePoints };
}

function removedWarning(count: number): string {
  return `removed ${count} character(s) PostgreSQL cannot store (NUL or unpaired surrogates)`;
}

/**
 * Marks the run failed and the source failing with the error's code. Never throws: a failure to record (the database
 * itself failing) is logged, and a run left `running` is closed as abandoned at the next start or sweep.
 */
async function recordFailure(
  deps: CollectDeps,
  source: SourceRow,
  runId: number,
  recorder: RecordingFetcher,
  started: Date,
  error: unknown,
  log: Logger,
): Promise<CollectSummary> {
  const finished = deps.now();
  const { code, message } = summariseError(error);
  const durationMs = finished.getTime() - started.getTime();
  const health = healthAfterFailure(source.consecutiveFailures, source.everyMinutes, finished, deps.health);
  try {
    await finishFetchRun(deps.db, runId, {
      status: 'failed',
      finishedAt: finished,
      httpStatus: recorder.lastStatus ?? numericDetail(error, 'status'),
      itemsSeen: 0,
      itemsNew: 0,
      itemsUpdated: 0,
      itemsQuarantined: 0,
      bytes: recorder.bytes,
      durationMs,
      errorCode: code,
      error: message,
      warnings: [],
      removedCodePoints: 0,
      exchanges: recorder.exchanges,
    });
    await updateSourceAfterRun(
      deps.db,
      source.id,
      { ...health, lastRunAt: finished, lastErrorAt: finished, lastErrorCode: code, lastError: message },
      { items: 0, quarantined: 0 },
      finished,
    );
  } catch (recordError) {
    log.error({ runId, code, err: recordError }, 'could not record the failed run');
  }
  const level = health.health === 'unhealthy' ? 'error' : 'warn';
  log[level]({ runId, code, err: message, failures: health.consecutiveFailures, health: health.health }, 'source run failed');
  return { ...emptySummary(source.id, 'failed'), fetchRunId: runId, bytes: recorder.bytes, durationMs, error };
}

function numericDetail(error: unknown, key: string): number | null {
  const value = error instanceof VaksamError ? error.details[key] : (error as Record<string, unknown> | null)?.[key];
  return typeof value === 'number' ? value : null;
}

function skipped(sourceId: number, reason: CollectSummary['skippedReason']): CollectSummary {
  return { ...emptySummary(sourceId, 'skipped'), skippedReason: reason };
}

/** A run that stored nothing: the base of skipped and failed summaries. */
function emptySummary(sourceId: number, status: CollectStatus): CollectSummary {
  return { sourceId, status, fetchRunId: null, itemsSeen: 0, itemsNew: 0, itemsUpdated: 0, itemsQuarantined: 0, bytes: 0, durationMs: 0, warnings: [] };
}
