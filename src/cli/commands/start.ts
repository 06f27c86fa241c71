import type { Command } from 'commander';
import { openApp, recoveryDeps, scheduleDeps, type App } from '../../app/context.js';
import { settlesWithin } from '../../app/deadline.js';
import { seedCatalogue, seedDemoSources, seedThreatRules } from '../../app/seed.js';
import { recoverLostWork, ScheduleReconciler } from '../../pipeline/index.js';
import { isQueueName, QUEUE_NAMES, type QueueName } from '../../queue/index.js';
import { startWorkers } from '../../../workers/index.js';
import { ensureFirstRecipient, unreachedRoles } from '../../alerts/index.js';
import { alertDepsFromApp } from '../../app/alert-deps.js';
import { commandContext, EXIT_JOBS_UNFINISHED, println, SilentFailure, type CliIo, UsageError } from '../io.js';
import { closeApp } from '../shutdown.js';
import { startWeb } from './serve.js';

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('Run everything in one process: migrations, schedules from the sources table, and every queue worker')
    .option('--log-level <level>', 'override log.level')
    .action(async (opts: { logLevel?: string }) => {
      const { config, log, command } = commandContext(io, opts.logLevel);
      const app = await openApp(config, log, { redis: 'required', migrate: true, command, embeddedRole: 'own' });
      const seeded = config.collect.seedDemoSources ? await seedDemoSources(app) : 0;
      const narratives = await seedCatalogue(app);
      await seedThreatRules(app);
      // A process that died mid-run left its runs `running` and maybe posts never queued: recover before working.
      const recovered = await recoverLostWork(recoveryDeps(app)!);
      const schedules = await keepSchedules(app);
      log.info({ database: app.database.kind, seededSources: seeded, seededNarratives: narratives, ...schedules, ...recovered, queues: QUEUE_NAMES }, 'vaksam started');
      const web = config.http.enabled ? await startWeb(app, io) : null;
      await checkRecipients(app, io);
      await runUntilStopped(app, QUEUE_NAMES, io, web);
    });

  program
    .command('worker')
    .description('Run workers for some queues only (scale out: start more of these on other machines)')
    .requiredOption('--queues <names>', `comma-separated queue names: ${QUEUE_NAMES.join(', ')}`)
    .option('--log-level <level>', 'override log.level')
    .action(async (opts: { queues: string; logLevel?: string }) => {
      const queues = parseQueueList(opts.queues);
      const { config, log, command } = commandContext(io, opts.logLevel);
      const app = await openApp(config, log, { redis: 'required', migrate: true, command, embeddedRole: 'own' });
      log.info({ database: app.database.kind, queues }, 'vaksam worker started');
      await runUntilStopped(app, queues, io);
    });
}

/** Reconciles the schedules now, then on every Redis reconnect and every workers.scheduleReconcileSeconds. */
async function keepSchedules(app: App) {
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

/**
 * First run: VAKSAM_ADMIN_EMAIL becomes the first recipient; a role nobody receives alerts for is warned about once
 * (its alerts wait and go to the first recipient added for it), with the command that fixes it.
 */
async function checkRecipients(app: App, io: CliIo): Promise<void> {
  const deps = alertDepsFromApp(app);
  const first = await ensureFirstRecipient(deps, app.config.alerts.adminEmail);
  if (first) println(io.stdout, `Alerts go to ${first.recipient.email} (VAKSAM_ADMIN_EMAIL)${first.delivered.length > 0 ? `; ${first.delivered.length} waiting alert(s) sent` : ''}.`);
  const roles = await unreachedRoles(deps);
  if (roles.length === 0) return;
  app.log.warn({ roles }, 'no recipient for these roles: their alerts wait until one is added (vaksam recipients add)');
  io.stderr.write(
    `\nNobody receives ${roles.join(', ')} alerts yet: they wait and are sent to the first recipient you add.\n` +
      `  npx vaksam recipients add --name "Your Name" --email you@example.org --roles ${roles.join(',')}\n` +
      '  or start with VAKSAM_ADMIN_EMAIL=you@example.org to receive everything yourself.\n\n',
  );
}

export function parseQueueList(raw: string): QueueName[] {
  const names = raw.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !isQueueName(n));
  if (names.length === 0 || unknown.length > 0) {
    throw new UsageError(`unknown queue ${unknown.map((u) => `'${u}'`).join(', ') || "''"}; known queues: ${QUEUE_NAMES.join(', ')}`);
  }
  return [...new Set(names)] as QueueName[];
}

/**
 * Works until SIGINT/SIGTERM, then stops taking jobs and lets running ones finish within `workers.shutdownGraceMs`.
 * Jobs still running after it are left to BullMQ's stalled-job recovery: the process exits with
 * EXIT_JOBS_UNFINISHED at once, without closing the connections those jobs use.
 */
async function runUntilStopped(app: App, queues: readonly QueueName[], io: CliIo, web: { close(): Promise<void> } | null = null): Promise<void> {
  const running = startWorkers(app, queues);
  const signal = await io.stopSignal;
  const graceMs = app.config.workers.shutdownGraceMs;
  app.log.info({ signal, graceMs }, 'stopping: finishing running jobs');
  await app.reconciler?.stop();
  if (web) await settlesWithin(web.close(), graceMs);
  const { unfinished } = await running.close();
  if (unfinished.length > 0) {
    app.log.warn({ jobs: unfinished, graceMs }, 'jobs still running after workers.shutdownGraceMs: exiting; BullMQ runs them again once their locks expire');
    throw new SilentFailure(EXIT_JOBS_UNFINISHED);
  }
  await closeApp(app);
  app.log.info('stopped');
}

