import type { Processor } from 'bullmq';
import { recoveryDeps, type App } from '../src/app/context.js';
import type { MaintenanceJobData } from '../src/queue/index.js';
import { recoverLostWork } from '../src/pipeline/index.js';
import { purgeDismissedCases } from '../src/threat-cases/index.js';

/** Housekeeping on a schedule: close runs of dead processes, queue lost classify work, apply the threat-case retention. */
export function maintenanceProcessor(app: App): Processor<MaintenanceJobData> {
  return async (job) => {
    if (job.data.task === 'threat-retention') {
      const outcome = await purgeDismissedCases(app.database.db, { olderThanDays: app.config.threats.dismissedRetentionDays, now: app.now() });
      return { task: 'threat-retention', ...outcome };
    }
    const deps = recoveryDeps(app);
    if (!deps) return { swept: 0 };
    const recovered = await recoverLostWork(deps);
    if (recovered.abandonedRuns + recovered.requeuedPosts > 0) app.log.warn(recovered, 'recovered work of dead processes or a lost queue');
    return { swept: recovered.requeuedPosts, abandonedRuns: recovered.abandonedRuns };
  };
}
