import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  ALERT_TICK_SCHEDULER,
  CLASSIFY_SWEEP_SCHEDULER,
  THREAT_RETENTION_SCHEDULER,
  MAIL_SWEEP_SCHEDULER,
  QUEUE,
  TIPLINE_MAILBOX_SCHEDULER,
  TIPLINE_SWEEP_SCHEDULER,
  type TiplineJobData,
  collectSchedulerId,
  type AlertJobData,
  type ClassifyJobData,
  type CollectJobData,
  type MailJobData,
  type MaintenanceJobData,
} from './names.js';

export interface QueueSettings {
  prefix: string;
  collectAttempts: number;
  collectBackoffMs: number;
  classifyBatchSize: number;
  sweepEveryMinutes: number;
}

const KEEP = { removeOnComplete: { age: 24 * 3600, count: 2000 }, removeOnFail: { age: 14 * 24 * 3600 } } as const;

/** The producer side of every queue, sharing one Redis connection. */
export class Queues {
  readonly collect: Queue<CollectJobData>;
  readonly classify: Queue<ClassifyJobData>;
  readonly maintenance: Queue<MaintenanceJobData>;
  readonly alert: Queue<AlertJobData>;
  readonly mail: Queue<MailJobData>;
  readonly tipline: Queue<TiplineJobData>;

  constructor(
    connection: Redis,
    private readonly settings: QueueSettings,
  ) {
    const opts = { connection, prefix: settings.prefix };
    this.collect = new Queue<CollectJobData>(QUEUE.collect, opts);
    this.classify = new Queue<ClassifyJobData>(QUEUE.classify, opts);
    this.maintenance = new Queue<MaintenanceJobData>(QUEUE.maintenance, opts);
    this.alert = new Queue<AlertJobData>(QUEUE.alert, opts);
    this.mail = new Queue<MailJobData>(QUEUE.mail, opts);
    this.tipline = new Queue<TiplineJobData>(QUEUE.tipline, opts);
  }

  private collectJobOptions(): JobsOptions {
    return { attempts: this.settings.collectAttempts, backoff: { type: 'exponential', delay: this.settings.collectBackoffMs }, ...KEEP };
  }

  /** Creates or updates the repeating collect job of one source. */
  async scheduleSource(sourceId: number, everyMinutes: number): Promise<void> {
    await this.collect.upsertJobScheduler(
      collectSchedulerId(sourceId),
      { every: everyMinutes * 60_000 },
      { name: QUEUE.collect, data: { sourceId }, opts: this.collectJobOptions() },
    );
  }

  async unscheduleSource(sourceId: number): Promise<void> {
    await this.collect.removeJobScheduler(collectSchedulerId(sourceId));
  }

  /**
   * Makes Redis match the database: one scheduler per enabled source, none for paused or removed ones.
   * Run at start and after every source change, so a lost Redis is rebuilt from Postgres.
   */
  async syncSchedules(enabled: { id: number; everyMinutes: number }[]): Promise<{ scheduled: number; removed: number }> {
    const wanted = new Map(enabled.map((s) => [collectSchedulerId(s.id), s]));
    let removed = 0;
    for (const scheduler of await this.collect.getJobSchedulers(0, -1)) {
      if (!wanted.has(scheduler.key)) {
        await this.collect.removeJobScheduler(scheduler.key);
        removed++;
      }
    }
    for (const source of wanted.values()) await this.scheduleSource(source.id, source.everyMinutes);
    await this.maintenance.upsertJobScheduler(
      CLASSIFY_SWEEP_SCHEDULER,
      { every: this.settings.sweepEveryMinutes * 60_000 },
      { name: QUEUE.maintenance, data: { task: 'classify-sweep' }, opts: KEEP },
    );
    await this.maintenance.upsertJobScheduler(
      THREAT_RETENTION_SCHEDULER,
      { every: 24 * 3600_000 },
      { name: QUEUE.maintenance, data: { task: 'threat-retention' }, opts: KEEP },
    );
    return { scheduled: wanted.size, removed };
  }

  /** One job a source, now (collect --once through the queue, `sources test`). */
  async enqueueCollect(sourceId: number): Promise<void> {
    await this.collect.add(QUEUE.collect, { sourceId }, this.collectJobOptions());
  }

  /** Post ids in batches, one addBulk round trip for all of them. */
  async enqueueClassify(postIds: number[]): Promise<number> {
    if (postIds.length === 0) return 0;
    const size = this.settings.classifyBatchSize;
    const jobs = [];
    for (let i = 0; i < postIds.length; i += size) {
      jobs.push({
        name: QUEUE.classify,
        data: { postIds: postIds.slice(i, i + size) },
        opts: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, ...KEEP },
      });
    }
    await this.classify.addBulk(jobs);
    return jobs.length;
  }

  /**
   * Alert entry point for the classify worker: call after a batch's narratives and threats are stored.
   * Idempotent downstream (dedupe keys), so a retried classify job may call it again.
   */
  async enqueueAlertCheck(postIds: number[]): Promise<void> {
    if (postIds.length === 0) return;
    await this.alert.add(QUEUE.alert, { task: 'posts', postIds }, { attempts: 5, backoff: { type: 'exponential', delay: 2_000 }, ...KEEP });
  }

  /** Wakes the mail worker for outbox rows just written (the sweep would find them a little later anyway). */
  async enqueueMail(outboxIds: number[]): Promise<void> {
    if (outboxIds.length === 0) return;
    await this.mail.add(QUEUE.mail, { outboxIds }, { attempts: 3, backoff: { type: 'exponential', delay: 2_000 }, ...KEEP });
  }

  /** The repeating alert evaluation and outbox sweep; call at start (the schedulers are upserted, never doubled). */
  async scheduleAlertJobs(tickSeconds: number, mailSweepSeconds: number): Promise<void> {
    await this.alert.upsertJobScheduler(ALERT_TICK_SCHEDULER, { every: tickSeconds * 1000 }, { name: QUEUE.alert, data: { task: 'tick' }, opts: KEEP });
    await this.mail.upsertJobScheduler(MAIL_SWEEP_SCHEDULER, { every: mailSweepSeconds * 1000 }, { name: QUEUE.mail, data: {}, opts: KEEP });
  }

  /** One staff report to process (processing it twice files it once). */
  async enqueueReport(reportId: number): Promise<void> {
    await this.tipline.add(QUEUE.tipline, { task: 'report', reportId }, { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, ...KEEP });
  }

  /** The sweep of lost reports and, when a mailbox is configured, its poll (null removes the poll). */
  async scheduleTiplineJobs(mailboxEverySeconds: number | null): Promise<void> {
    await this.tipline.upsertJobScheduler(TIPLINE_SWEEP_SCHEDULER, { every: 5 * 60_000 }, { name: QUEUE.tipline, data: { task: 'sweep' }, opts: KEEP });
    if (mailboxEverySeconds === null) await this.tipline.removeJobScheduler(TIPLINE_MAILBOX_SCHEDULER);
    else await this.tipline.upsertJobScheduler(TIPLINE_MAILBOX_SCHEDULER, { every: mailboxEverySeconds * 1000 }, { name: QUEUE.tipline, data: { task: 'poll-mailbox' }, opts: KEEP });
  }

  async close(): Promise<void> {
    await Promise.all([this.collect.close(), this.classify.close(), this.maintenance.close(), this.alert.close(), this.mail.close(), this.tipline.close()]);
  }
}
