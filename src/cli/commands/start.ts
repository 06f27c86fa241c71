import type { Command } from 'commander';
import { checkRecipients, openApp, prepareStart, settlesWithin, startWorkers, type App, type RecipientCheck } from '../../app/index.js';
import { isQueueName, QUEUE_NAMES, type QueueName } from '../../queue/index.js';
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
      const started = await prepareStart(app);
      log.info({ database: app.database.kind, ...started, queues: QUEUE_NAMES }, 'vaksam started');
      const web = config.http.enabled ? await startWeb(app, io) : null;
      printRecipients(io, await checkRecipients(app));
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

/** First run: says who gets alerts, or which roles nobody receives yet and the command that fixes it. */
function printRecipients(io: CliIo, check: RecipientCheck): void {
  const { first, unreachedRoles: roles } = check;
  if (first) println(io.stdout, `Alerts go to ${first.recipient.email} (VAKSAM_ADMIN_EMAIL)${first.delivered.length > 0 ? `; ${first.delivered.length} waiting alert(s) sent` : ''}.`);
  if (roles.length === 0) return;
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

