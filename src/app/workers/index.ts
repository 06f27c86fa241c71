import { UnrecoverableError, Worker, type Job, type Processor } from 'bullmq';
import { settlesWithin } from '../deadline.js';
import type { App } from '../context.js';
import { summariseError, VaksamError } from '../../errors/index.js';
import { QUEUE, type QueueName } from '../../queue/index.js';
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
  /**
   * Stops taking jobs and lets the running ones finish within `workers.shutdownGraceMs`. Returns the jobs still
   * running after it (`queue:id`): the caller must then exit without touching their connections, so BullMQ's
   * stalled-job recovery runs them again. Disconnecting under a running job would make BullMQ retry moving it, on a
   * closed connection, in a tight loop.
   */
  close(): Promise<{ unfinished: string[] }>;
}

export function startWorkers(app: App, queues: readonly QueueName[]): RunningWorkers {
  if (!app.redis) throw new VaksamError('REDIS_REQUIRED', 'workers need Redis (redis.url / REDIS_URL)');
  const active = new Set<string>();
  const workers = queues.map((name) => {
    const entry = PROCESSORS[name];
    const worker = new Worker(name, safeFailures(entry.create(app)), {
      connection: app.redis!.duplicate({ maxRetriesPerRequest: null }),
      prefix: app.config.redis.prefix,
      concurrency: entry.concurrency(app),
      // A worker killed mid-job leaves a stalled job: another worker takes it over once its lock expires.
      lockDuration: app.config.workers.lockDurationMs,
      stalledInterval: app.config.workers.stalledIntervalMs,
      maxStalledCount: 2,
    });
    const key = (job: Job | undefined) => `${name}:${job?.id}`;
    worker.on('active', (job) => active.add(key(job)));
    worker.on('completed', (job) => active.delete(key(job)));
    worker.on('failed', (job, err) => {
      active.delete(key(job));
      app.log.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err }, 'job failed');
    });
    worker.on('error', (err) => app.log.error({ queue: name, err }, 'worker error'));
    return worker;
  });
  return {
    workers,
    async close() {
      const closing = Promise.all(workers.map((w) => w.close()));
      closing.catch((err: unknown) => app.log.warn({ err }, 'worker close failed'));
      if (await settlesWithin(closing, app.config.workers.shutdownGraceMs)) return { unfinished: [] };
      return { unfinished: [...active] };
    },
  };
}

/**
 * A job's failure reason is stored in Redis and shown on the Queues page: it carries the error's code and a plain
 * message, never what a database error quotes (statement parameters, row values). Permanent failures stay permanent.
 */
function safeFailures(processor: Processor): Processor {
  return async (job, token) => {
    try {
      return await processor(job, token);
    } catch (error) {
      const { code, message } = summariseError(error);
      if (error instanceof UnrecoverableError) throw new UnrecoverableError(message);
      throw new VaksamError(code, message);
    }
  };
}
