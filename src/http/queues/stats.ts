import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { plainErrorText } from '../../errors/index.js';
import { QUEUE_NAMES, type QueueName } from '../../queue/index.js';

export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'paused', 'failed', 'completed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface QueueCounts {
  queue: QueueName;
  counts: Record<JobState, number>;
}

export interface FailedJob {
  id: string;
  name: string;
  failedReason: string;
  attemptsMade: number;
  finishedOn: Date | null;
  /** Job payloads hold ids only (src/queue/names.ts), so they are safe to show. */
  data: unknown;
}

/** Read-only views of every queue, sharing the app's Redis connection; `close` releases only the Queue objects. */
export class QueueInspector {
  private readonly queues = new Map<QueueName, Queue>();

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      QUEUE_NAMES.map(async (queue) => {
        const raw = await this.queue(queue).getJobCounts(...JOB_STATES);
        return { queue, counts: Object.fromEntries(JOB_STATES.map((s) => [s, raw[s] ?? 0])) as Record<JobState, number> };
      }),
    );
  }

  async failed(queue: QueueName, limit: number): Promise<FailedJob[]> {
    const jobs = await this.queue(queue).getFailed(0, limit - 1);
    return jobs.map((job) => ({
      id: String(job.id),
      name: job.name,
      // Reasons stored before failures were summarised may still hold a statement dump: never show it.
      failedReason: plainErrorText(job.failedReason ?? ''),
      attemptsMade: job.attemptsMade,
      finishedOn: job.finishedOn ? new Date(job.finishedOn) : null,
      data: job.data,
    }));
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }
}
