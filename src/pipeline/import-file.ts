import type { Db } from '../db/index.js';
import { upsertPosts, type PostRow, type UpsertOutcome } from '../db/queries/index.js';
import { summariseError } from '../errors/index.js';
import { emptyImportSummary, readImportFile, rejectStoredRow, summariseImport, type ImportFormat, type ImportOptions, type ImportSummary } from '../import/index.js';
import { IMPORT_SOURCE_KIND } from '../sources/index.js';
import { storableText } from '../text/index.js';
import { toPostRow } from './post-row.js';
import { ensureUnscheduledSource } from './source-admin.js';

export interface ImportFileSummary extends ImportSummary {
  stored: number;
  updated: number;
  duplicates: number;
  /** Retweets stored as their original (listed in its `sharedBy`), not as posts of their own. */
  retweets: number;
  /** Stored originals that gained retweets from this import. */
  originalsShared: number;
  /** Characters PostgreSQL cannot store (NUL, unpaired surrogates) removed from the stored rows. */
  removedCodePoints: number;
  /** UTF-8 files: byte sequences that were not valid UTF-8, each stored as U+FFFD. */
  undecodableBytes: number;
}

export interface ImportFileDeps {
  db: Db;
  now: () => Date;
  batchSize: number;
  enqueueClassify(postIds: number[]): Promise<unknown>;
}

interface PendingRow {
  line: number;
  row: PostRow;
}

/**
 * Streams an export file into posts: rows are upserted in batches under one disabled `import` source per
 * platform, so a re-import stores nothing twice and counts the repeats as duplicates. A batch the database refuses is
 * stored row by row, so one bad row is reported with its line number and the others are kept.
 */
export async function importFile(deps: ImportFileDeps, path: string, format: ImportFormat, options: ImportOptions = {}): Promise<ImportFileSummary> {
  const summary: ImportFileSummary = { ...emptyImportSummary(), stored: 0, updated: 0, duplicates: 0, retweets: 0, originalsShared: 0, removedCodePoints: 0, undecodableBytes: 0 };
  const pending = new Map<string, PendingRow[]>();
  const sourceIds = new Map<string, number>();
  let buffered = 0;

  const flush = async () => {
    for (const [platform, rows] of pending) {
      if (rows.length === 0) continue;
      const sourceId = sourceIds.get(platform) ?? (await importSourceId(deps, platform, sourceIds));
      const target = { sourceId, platform, fetchRunId: null, now: deps.now() };
      const outcome = await upsertOrSplit(deps, target, rows, summary);
      summary.stored += outcome.inserted.length;
      summary.updated += outcome.updated.length;
      summary.originalsShared += outcome.shared.length;
      summary.duplicates += outcome.written - outcome.inserted.length - outcome.updated.length - outcome.shared.length;
      await deps.enqueueClassify([...outcome.inserted, ...outcome.updated]);
    }
    pending.clear();
    buffered = 0;
  };

  const onUndecodable = (count: number) => {
    summary.undecodableBytes += count;
    options.onUndecodable?.(count);
  };
  for await (const row of readImportFile(path, format, { ...options, onUndecodable })) {
    summariseImport(summary, row);
    if (!('item' in row)) continue;
    const { platform: rawPlatform, ...item } = row.item;
    if (Array.isArray(item.metadata.sharedBy)) summary.retweets += 1;
    const platform = storableText(rawPlatform).text;
    const { row: postRow, removed } = toPostRow(item);
    summary.removedCodePoints += removed;
    const rows = pending.get(platform) ?? [];
    pending.set(platform, rows);
    rows.push({ line: row.line, row: postRow });
    if (++buffered >= deps.batchSize) await flush();
  }
  await flush();
  return summary;
}

/** One statement for the batch; when the database refuses it, one per row, rejecting the rows it refuses. */
async function upsertOrSplit(
  deps: ImportFileDeps,
  target: Parameters<typeof upsertPosts>[1],
  rows: PendingRow[],
  summary: ImportFileSummary,
): Promise<UpsertOutcome & { written: number }> {
  try {
    const outcome = await upsertPosts(deps.db, target, rows.map((r) => r.row), deps.batchSize);
    return { ...outcome, written: rows.length };
  } catch (error) {
    if (summariseError(error).code !== 'DB_QUERY_FAILED') throw error;
  }
  const outcome = { inserted: [] as number[], updated: [] as number[], shared: [] as number[], written: 0 };
  for (const { line, row } of rows) {
    try {
      const one = await upsertPosts(deps.db, target, [row], 1);
      outcome.inserted.push(...one.inserted);
      outcome.updated.push(...one.updated);
      outcome.shared.push(...one.shared);
      outcome.written++;
    } catch (error) {
      const summaryOfError = summariseError(error);
      if (summaryOfError.code !== 'DB_QUERY_FAILED') throw error;
      rejectStoredRow(summary, line, summaryOfError.message);
    }
  }
  return outcome;
}

async function importSourceId(deps: ImportFileDeps, platform: string, cache: Map<string, number>): Promise<number> {
  const id = await ensureUnscheduledSource(deps.db, { kind: IMPORT_SOURCE_KIND, name: `import: ${platform}`, url: `import://${encodeURIComponent(platform)}`, config: { platform } });
  cache.set(platform, id);
  return id;
}
