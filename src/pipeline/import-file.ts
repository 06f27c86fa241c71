import type { Db } from '../db/index.js';
import { upsertPosts, type PostRow } from '../db/queries/index.js';
import { emptyImportSummary, readImportFile, summariseImport, type ImportFormat, type ImportOptions, type ImportSummary } from '../import/index.js';
import { IMPORT_SOURCE_KIND } from '../sources/index.js';
import { contentHash } from './content-hash.js';
import { ensureUnscheduledSource } from './source-admin.js';

export interface ImportFileSummary extends ImportSummary {
  stored: number;
  updated: number;
  duplicates: number;
  /** Retweets stored as their original (listed in its `sharedBy`), not as posts of their own. */
  retweets: number;
  /** Stored originals that gained retweets from this import. */
  originalsShared: number;
}

export interface ImportFileDeps {
  db: Db;
  now: () => Date;
  batchSize: number;
  enqueueClassify(postIds: number[]): Promise<unknown>;
}

/**
 * Streams an export file into posts: rows are upserted in batches under one disabled `import` source per
 * platform, so a re-import stores nothing twice and counts the repeats as duplicates.
 */
export async function importFile(deps: ImportFileDeps, path: string, format: ImportFormat, options: ImportOptions = {}): Promise<ImportFileSummary> {
  const summary: ImportFileSummary = { ...emptyImportSummary(), stored: 0, updated: 0, duplicates: 0, retweets: 0, originalsShared: 0 };
  const pending = new Map<string, PostRow[]>();
  const sourceIds = new Map<string, number>();
  let buffered = 0;

  const flush = async () => {
    for (const [platform, rows] of pending) {
      if (rows.length === 0) continue;
      const sourceId = sourceIds.get(platform) ?? (await importSourceId(deps, platform, sourceIds));
      const outcome = await upsertPosts(deps.db, { sourceId, platform, fetchRunId: null, now: deps.now() }, rows, deps.batchSize);
      summary.stored += outcome.inserted.length;
      summary.updated += outcome.updated.length;
      summary.originalsShared += outcome.shared.length;
      summary.duplicates += rows.length - outcome.inserted.length - outcome.updated.length - outcome.shared.length;
      await deps.enqueueClassify([...outcome.inserted, ...outcome.updated]);
    }
    pending.clear();
    buffered = 0;
  };

  for await (const row of readImportFile(path, format, options)) {
    summariseImport(summary, row);
    if (!('item' in row)) continue;
    const { platform, ...item } = row.item;
    if (Array.isArray(item.metadata.sharedBy)) summary.retweets += 1;
    const rows = pending.get(platform) ?? [];
    pending.set(platform, rows);
    rows.push({ ...item, contentHash: contentHash(item) });
    if (++buffered >= deps.batchSize) await flush();
  }
  await flush();
  return summary;
}

async function importSourceId(deps: ImportFileDeps, platform: string, cache: Map<string, number>): Promise<number> {
  const id = await ensureUnscheduledSource(deps.db, { kind: IMPORT_SOURCE_KIND, name: `import: ${platform}`, url: `import://${encodeURIComponent(platform)}`, config: { platform } });
  cache.set(platform, id);
  return id;
}
