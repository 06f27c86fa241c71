import type { Processor } from 'bullmq';
import { recoveryDeps, type App } from '../src/app/context.js';
import type { MaintenanceJobData } from '../src/queue/index.js';
import { recoverLostWork } from '../src/pipeline/index.js';
import { runRetention } from '../src/privacy/index.js';

/** Housekeeping on a schedule: close runs of dead processes, queue lost classify work, apply retention (issue 20). */
export function maintenanceProcessor(app: App): Processor<MaintenanceJobData> {
  return async (job) => {
    if (job.data.task === 'threat-retention') {
      const outcome = await runRetention(app.database.db, app.config, app.now());
      app.log.info({ ...outcome.counts, unfinished: outcome.unfinished }, 'retention applied');
      return { task: 'threat-retention', ...outcome.counts, unfinished: outcome.unfinished };
    }
    const deps = recoveryDeps(app);
    if (!deps) return { swept: 0 };
    const recovered = await recoverLostWork(deps);
    if (recovered.abandonedRuns + recovered.requeuedPosts > 0) app.log.warn(recovered, 'recovered work of dead processes or a lost queue');
    return { swept: recovered.requeuedPosts, abandonedRuns: recovered.abandonedRuns };
  };
}
