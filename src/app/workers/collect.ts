import { UnrecoverableError, type Processor } from 'bullmq';
import { collectDeps, type App } from '../context.js';
import { isPermanent } from '../../errors/index.js';
import { collectSource } from '../../pipeline/index.js';
import type { CollectJobData } from '../../queue/index.js';

/** One source run per job. Transient failures throw to retry with back-off; permanent ones stop retrying. */
export function collectProcessor(app: App): Processor<CollectJobData> {
  const deps = collectDeps(app);
  return async (job) => {
    const summary = await collectSource(deps, job.data.sourceId, job.id ?? null);
    if (summary.status === 'failed') {
      const error = summary.error instanceof Error ? summary.error : new Error(String(summary.error));
      throw isPermanent(error) ? new UnrecoverableError(error.message) : error;
    }
    return { status: summary.status, new: summary.itemsNew, updated: summary.itemsUpdated, skipped: summary.skippedReason ?? null };
  };
}
