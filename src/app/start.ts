import { ensureFirstRecipient, unreachedRoles } from '../alerts/index.js';
import { recoverLostWork, ScheduleReconciler } from '../pipeline/index.js';
import { alertDepsFromApp } from './alert-deps.js';
import { recoveryDeps, scheduleDeps, type App } from './context.js';
import { seedCatalogue, seedDemoSources, seedThreatRules } from './seed.js';

/**
 * What `start` does before it takes jobs: seeds (demo sources, catalogue, threat rules), recovers the work of a
 * process that died mid-run (runs left `running`, posts never queued), and keeps the job schedulers.
 */
export async function prepareStart(app: App) {
  const seededSources = app.config.collect.seedDemoSources ? await seedDemoSources(app) : 0;
  const seededNarratives = await seedCatalogue(app);
  await seedThreatRules(app);
  const recovered = await recoverLostWork(recoveryDeps(app)!);
  const schedules = await keepSchedules(app);
  return { seededSources, seededNarratives, ...schedules, ...recovered };
}

/** Reconciles the schedules now, then on every Redis reconnect and every workers.scheduleReconcileSeconds. */
export async function keepSchedules(app: App) {
  const recovery = recoveryDeps(app)!;
  app.reconciler = new ScheduleReconciler({
    ...scheduleDeps(app)!,
    redis: app.redis!,
    log: app.log,
    everyMs: app.config.workers.scheduleReconcileSeconds * 1000,
    recoverLostJobs: () => recoverLostWork(recovery),
  });
  return app.reconciler.start();
}

export type RecipientCheck = { first: Awaited<ReturnType<typeof ensureFirstRecipient>>; unreachedRoles: Awaited<ReturnType<typeof unreachedRoles>> };

/**
 * First run: VAKSAM_ADMIN_EMAIL becomes the first recipient; a role nobody receives alerts for is warned about once
 * (its alerts wait and go to the first recipient added for it).
 */
export async function checkRecipients(app: App): Promise<RecipientCheck> {
  const deps = alertDepsFromApp(app);
  const first = await ensureFirstRecipient(deps, app.config.alerts.adminEmail);
  const roles = await unreachedRoles(deps);
  if (roles.length > 0) app.log.warn({ roles }, 'no recipient for these roles: their alerts wait until one is added (vaksam recipients add)');
  return { first, unreachedRoles: roles };
}

