import type { MaintenanceJobData } from '../queue/index.js';
import { recoverLostWork } from '../pipeline/index.js';
import { runRetention } from '../privacy/index.js';
import { recoveryDeps, type App } from './context.js';

/** Housekeeping on a schedule: close runs of dead processes, queue lost classify work, apply retention (issue 20). */
export async function runMaintenance(app: App, task: MaintenanceJobData['task']) {
  if (task === 'threat-retention') {
    const outcome = await runRetention(app.database.db, app.config, app.now());
    app.log.info({ ...outcome.counts, unfinished: outcome.unfinished }, 'retention applied');
    return { task: 'threat-retention', ...outcome.counts, unfinished: outcome.unfinished };
  }
  const deps = recoveryDeps(app);
  if (!deps) return { swept: 0 };
  const recovered = await recoverLostWork(deps);
  if (recovered.abandonedRuns + recovered.requeuedPosts > 0) app.log.warn(recovered, 'recovered work of dead processes or a lost queue');
  return { swept: recovered.requeuedPosts, abandonedRuns: recovered.abandonedRuns };
}
