import { Worker, type Processor } from 'bullmq';
import type { App } from '../src/app/context.js';
import { VaksamError } from '../src/errors/index.js';
import { QUEUE, type QueueName } from '../src/queue/index.js';
import { classifyProcessor } from './classify.js';
import { collectProcessor } from './collect.js';
import { maintenanceProcessor } from './maintenance.js';
import { alertProcessor } from './alert.js';
import { mailProcessor } from './mail.js';
import { tiplineProcessor } from './tipline.js';

type ProcessorFactory = (app: App) => Processor;

/** Every queue and the processor that consumes it: `start` fails fast if a queue has none. */
const PROCESSORS: Record<QueueName, { create: ProcessorFactory; concurrency: (app: App) => number }> = {
  [QUEUE.collect]: { create: collectProcessor as ProcessorFactory, concurrency: (app) => app.config.collect.concurrency },
  [QUEUE.classify]: { create: classifyProcessor as ProcessorFactory, concurrency: (app) => app.config.classify.concurrency },
  [QUEUE.maintenance]: { create: maintenanceProcessor as ProcessorFactory, concurrency: () => 1 },
  // Safe in parallel: surge decisions take an advisory lock per narrative, every alert has a unique dedupe key.
  [QUEUE.alert]: { create: alertProcessor as ProcessorFactory, concurrency: () => 2 },
  [QUEUE.mail]: { create: mailProcessor as ProcessorFactory, concurrency: (app) => app.config.mail.concurrency },
  // One at a time: OCR and page capture are the heaviest work of a small server.
  [QUEUE.tipline]: { create: tiplineProcessor as ProcessorFactory, concurrency: () => 1 },
};

export interface RunningWorkers {
  workers: Worker[];
  /** Stops taking jobs, waits for the running ones to finish, closes the worker connections. */
  close(): Promise<void>;
}

export function startWorkers(app: App, queues: readonly QueueName[]): RunningWorkers {
  if (!app.redis) throw new VaksamError('REDIS_REQUIRED', 'workers need Redis (redis.url / REDIS_URL)');
  const workers = queues.map((name) => {
    const entry = PROCESSORS[name];
    const worker = new Worker(name, entry.create(app), {
      connection: app.redis!.duplicate({ maxRetriesPerRequest: null }),
      prefix: app.config.redis.prefix,
      concurrency: entry.concurrency(app),
      // A worker killed mid-job leaves a stalled job: another worker takes it over once its lock expires.
      lockDuration: app.config.workers.lockDurationMs,
      stalledInterval: app.config.workers.stalledIntervalMs,
      maxStalledCount: 2,
    });
    worker.on('failed', (job, err) => app.log.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
    worker.on('error', (err) => app.log.error({ queue: name, err: err.message }, 'worker error'));
    return worker;
  });
  return {
    workers,
    async close() {
      // Let running jobs finish; past the grace period, stop waiting (their locks expire and they are retried).
      const grace = new Promise<void>((resolve) => setTimeout(resolve, app.config.workers.shutdownGraceMs).unref());
      await Promise.race([Promise.all(workers.map((w) => w.close())), grace]);
      await Promise.all(workers.map((w) => w.disconnect()));
    },
  };
}
