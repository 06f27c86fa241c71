import type { Command } from 'commander';
import { openApp, sourceAdminDeps, type App } from '../../app/context.js';
import { seedCatalogue, seedDemoSources, seedThreatRules } from '../../app/seed.js';
import { syncAllSchedules } from '../../pipeline/index.js';
import { isQueueName, QUEUE_NAMES, type QueueName } from '../../queue/index.js';
import { startWorkers } from '../../../workers/index.js';
import { ensureFirstRecipient, unreachedRoles } from '../../alerts/index.js';
import { alertDepsFromApp } from '../../app/alert-deps.js';
import { commandContext, println, type CliIo, UsageError } from '../io.js';
import { startWeb } from './serve.js';

export function registerStart(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('Run everything in one process: migrations, schedules from the sources table, and every queue worker')
    .option('--log-level <level>', 'override log.level')
    .action(async (opts: { logLevel?: string }) => {
      const { config, log } = commandContext(io, opts.logLevel);
      const app = await openApp(config, log, { redis: 'required', migrate: true });
      const seeded = config.collect.seedDemoSources ? await seedDemoSources(app) : 0;
      const narratives = await seedCatalogue(app);
      await seedThreatRules(app);
      const schedules = await syncAllSchedules(sourceAdminDeps(app));
      await app.queues!.scheduleAlertJobs(config.alerts.tickSeconds, config.mail.sweepEverySeconds);
      log.info({ database: app.database.kind, seededSources: seeded, seededNarratives: narratives, ...schedules, queues: QUEUE_NAMES }, 'vaksam started');
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
      const { config, log } = commandContext(io, opts.logLevel);
      const app = await openApp(config, log, { redis: 'required', migrate: true });
      log.info({ database: app.database.kind, queues }, 'vaksam worker started');
      await runUntilStopped(app, queues, io);
    });
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

/** Works until SIGINT/SIGTERM, then stops taking jobs, lets running ones finish, and closes every connection. */
async function runUntilStopped(app: App, queues: readonly QueueName[], io: CliIo, web: { close(): Promise<void> } | null = null): Promise<void> {
  const running = startWorkers(app, queues);
  const signal = await io.stopSignal;
  app.log.info({ signal }, 'stopping: finishing running jobs');
  await web?.close();
  await running.close();
  await app.close();
  app.log.info('stopped');
}
