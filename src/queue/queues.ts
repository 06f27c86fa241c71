import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  ALERT_TICK_SCHEDULER,
  CLASSIFY_SWEEP_SCHEDULER,
  THREAT_RETENTION_SCHEDULER,
  MAIL_SWEEP_SCHEDULER,
  QUEUE,
  QUEUE_NAMES,
  TIPLINE_MAILBOX_SCHEDULER,
  TIPLINE_SWEEP_SCHEDULER,
  type TiplineJobData,
  collectSchedulerId,
  type QueueName,
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

/**
 * The repeating jobs besides one per source: intervals from config (alerts.tickSeconds, mail.sweepEverySeconds,
 * tipline.mailbox.everySeconds, null when no report mailbox is configured).
 */
export interface FixedSchedules {
  alertTickSeconds: number;
  mailSweepSeconds: number;
  tiplineMailboxSeconds: number | null;
}

/** `restored`: schedulers that were missing from Redis and were created again. */
export interface ReconcileOutcome {
  scheduled: number;
  restored: number;
  removed: number;
}

interface ExpectedScheduler {
  queue: QueueName;
  key: string;
  everyMs: number;
  template: { name: string; data: unknown; opts: JobsOptions };
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
   * Makes Redis match the database: one scheduler per enabled source, none for paused or removed ones, and the fixed
   * schedules (classify sweep, threat retention, alert tick with its digests, mail sweep). Only missing or changed
   * schedulers are written, so a running schedule keeps its next run. Run at start, on every Redis (re)connect and
   * every few minutes: Redis that lost its data (a restart without persistence) is rebuilt from Postgres.
   */
  async reconcileSchedules(enabled: { id: number; everyMinutes: number }[], fixed: FixedSchedules): Promise<ReconcileOutcome> {
    const wanted = this.expectedSchedulers(enabled, fixed);
    const outcome: ReconcileOutcome = { scheduled: enabled.length, restored: 0, removed: 0 };
    const existing = await this.existingSchedulers();
    const wantedCollect = new Set(wanted.filter((w) => w.queue === QUEUE.collect).map((w) => w.key));
    for (const key of existing.get(QUEUE.collect)?.keys() ?? []) {
      if (wantedCollect.has(key)) continue;
      await this.collect.removeJobScheduler(key);
      outcome.removed++;
    }
    if (fixed.tiplineMailboxSeconds === null && existing.get(QUEUE.tipline)?.has(TIPLINE_MAILBOX_SCHEDULER)) {
      await this.tipline.removeJobScheduler(TIPLINE_MAILBOX_SCHEDULER);
      outcome.removed++;
    }
    for (const scheduler of wanted) {
      const every = existing.get(scheduler.queue)?.get(scheduler.key);
      if (every === scheduler.everyMs) continue;
      if (every === undefined) outcome.restored++;
      await this.byName(scheduler.queue).upsertJobScheduler(scheduler.key, { every: scheduler.everyMs }, scheduler.template);
    }
    return outcome;
  }

  /** Keys (`queue/key`) of expected schedulers that Redis does not hold: what /readyz reports. */
  async missingSchedulers(enabled: { id: number; everyMinutes: number }[], fixed: FixedSchedules): Promise<string[]> {
    const existing = await this.existingSchedulers();
    return this.expectedSchedulers(enabled, fixed)
      .filter((s) => !existing.get(s.queue)?.has(s.key))
      .map((s) => `${s.queue}/${s.key}`);
  }

  private expectedSchedulers(enabled: { id: number; everyMinutes: number }[], fixed: FixedSchedules): ExpectedScheduler[] {
    return [
      ...enabled.map((s) => ({
        queue: QUEUE.collect,
        key: collectSchedulerId(s.id),
        everyMs: s.everyMinutes * 60_000,
        template: { name: QUEUE.collect, data: { sourceId: s.id }, opts: this.collectJobOptions() },
      })),
      ...this.fixedSchedulers(fixed),
    ];
  }

  private fixedSchedulers(fixed: FixedSchedules): ExpectedScheduler[] {
    const { alertTickSeconds, mailSweepSeconds, tiplineMailboxSeconds } = fixed;
    const mailbox: ExpectedScheduler[] =
      tiplineMailboxSeconds === null
        ? []
        : [{ queue: QUEUE.tipline, key: TIPLINE_MAILBOX_SCHEDULER, everyMs: tiplineMailboxSeconds * 1000, template: { name: QUEUE.tipline, data: { task: 'poll-mailbox' }, opts: KEEP } }];
    return [
      ...mailbox,
      { queue: QUEUE.tipline, key: TIPLINE_SWEEP_SCHEDULER, everyMs: 5 * 60_000, template: { name: QUEUE.tipline, data: { task: 'sweep' }, opts: KEEP } },
      { queue: QUEUE.maintenance, key: CLASSIFY_SWEEP_SCHEDULER, everyMs: this.settings.sweepEveryMinutes * 60_000, template: { name: QUEUE.maintenance, data: { task: 'classify-sweep' }, opts: KEEP } },
      { queue: QUEUE.maintenance, key: THREAT_RETENTION_SCHEDULER, everyMs: 24 * 3600_000, template: { name: QUEUE.maintenance, data: { task: 'threat-retention' }, opts: KEEP } },
      { queue: QUEUE.alert, key: ALERT_TICK_SCHEDULER, everyMs: alertTickSeconds * 1000, template: { name: QUEUE.alert, data: { task: 'tick' }, opts: KEEP } },
      { queue: QUEUE.mail, key: MAIL_SWEEP_SCHEDULER, everyMs: mailSweepSeconds * 1000, template: { name: QUEUE.mail, data: {}, opts: KEEP } },
    ];
  }

  /** Scheduler key → its interval in ms, per queue. */
  private async existingSchedulers(): Promise<Map<QueueName, Map<string, number>>> {
    const all = new Map<QueueName, Map<string, number>>();
    for (const name of QUEUE_NAMES) {
      const schedulers = await this.byName(name).getJobSchedulers(0, -1);
      all.set(name, new Map(schedulers.map((s) => [s.key, Number(s.every)])));
    }
    return all;
  }

  private byName(name: QueueName): Queue {
    return { collect: this.collect, classify: this.classify, maintenance: this.maintenance, alert: this.alert, mail: this.mail, tipline: this.tipline }[name] as Queue;
  }

  /** Post ids in classify jobs not yet done (waiting, delayed, running): the sweep must not queue them again. */
  async queuedClassifyPostIds(): Promise<Set<number>> {
    const jobs = await this.classify.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'paused']);
    return new Set(jobs.flatMap((job) => job?.data?.postIds ?? []));
  }

  /** True while a worker runs the collect job (its lock may still be expiring after the worker died). */
  async isCollectJobActive(jobId: string): Promise<boolean> {
    return (await this.collect.getJobState(jobId)) === 'active';
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

  /** The repeating alert evaluation and outbox sweep, written now (upserted, never doubled). */
  async scheduleAlertJobs(tickSeconds: number, mailSweepSeconds: number): Promise<void> {
    for (const s of this.fixedSchedulers({ alertTickSeconds: tickSeconds, mailSweepSeconds, tiplineMailboxSeconds: null }).filter((f) => f.queue === QUEUE.alert || f.queue === QUEUE.mail)) {
      await this.byName(s.queue).upsertJobScheduler(s.key, { every: s.everyMs }, s.template);
    }
  }

  /** One staff report to process (processing it twice files it once). */
  async enqueueReport(reportId: number): Promise<void> {
    await this.tipline.add(QUEUE.tipline, { task: 'report', reportId }, { attempts: 5, backoff: { type: 'exponential', delay: 10_000 }, ...KEEP });
  }

  async close(): Promise<void> {
    await Promise.all([this.collect.close(), this.classify.close(), this.maintenance.close(), this.alert.close(), this.mail.close(), this.tipline.close()]);
  }
}
