import type { Processor } from 'bullmq';
import type { App } from '../src/app/context.js';
import { findUnclassifiedPostIds } from '../src/db/queries/index.js';
import type { MaintenanceJobData } from '../src/queue/index.js';
import { purgeDismissedCases, threatSettings } from '../src/threat-cases/index.js';

/** Posts older than this without a classification lost their enqueue (crash between store and enqueue). */
const STALE_AFTER_MS = 10 * 60_000;
const SWEEP_LIMIT = 50_000;

/** Housekeeping on a schedule: re-enqueue lost classify work, apply the threat-case retention period. */
export function maintenanceProcessor(app: App): Processor<MaintenanceJobData> {
  return async (job) => {
    if (job.data.task === 'threat-retention') {
      const outcome = await purgeDismissedCases(app.database.db, { olderThanDays: threatSettings(app.config).dismissedRetentionDays, now: app.now() });
      return { task: 'threat-retention', ...outcome };
    }
    if (!app.queues) return { swept: 0 };
    // A backlog still being worked through is not lost: sweeping it would only queue the same ids twice.
    const counts = await app.queues.classify.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return { swept: 0, backlog: counts };
    const ids = await findUnclassifiedPostIds(app.database.db, new Date(app.now().getTime() - STALE_AFTER_MS), SWEEP_LIMIT);
    await app.queues.enqueueClassify(ids);
    if (ids.length > 0) app.log.warn({ posts: ids.length }, 're-enqueued posts left unclassified');
    return { swept: ids.length };
  };
}
