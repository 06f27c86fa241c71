import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import type { Db } from '../db/index.js';
import { listSources } from '../db/queries/index.js';
import type { Logger } from '../log/index.js';
import type { FixedSchedules, Queues, ReconcileOutcome } from '../queue/index.js';

export interface ScheduleDeps {
  db: Db;
  queues: Queues;
  fixed: FixedSchedules;
}

/** Brings Redis schedulers in line with the sources table and the fixed schedules. */
export async function reconcileAllSchedules(deps: ScheduleDeps): Promise<ReconcileOutcome> {
  return deps.queues.reconcileSchedules(await enabledSources(deps.db), deps.fixed);
}

/** Expected schedulers Redis does not hold (`queue/key`). */
export async function missingSchedules(deps: ScheduleDeps): Promise<string[]> {
  return deps.queues.missingSchedulers(await enabledSources(deps.db), deps.fixed);
}

async function enabledSources(db: Db) {
  return (await listSources(db)).filter((s) => s.enabled);
}

const MAX_SETTLE_PASSES = 3;

export interface ReconcilerDeps extends ScheduleDeps {
  /** The producer connection: its `ready` event fires on every (re)connect. */
  redis: Redis;
  log: Logger;
  everyMs: number;
  /** Runs when schedulers had to be restored: Redis lost its data, so queued jobs (classify ids) are gone too. */
  recoverLostJobs(): Promise<Record<string, number>>;
}

/**
 * Keeps the schedules alive: reconciles at start, on every Redis (re)connect and every `everyMs`. Emits `reconciled`
 * with the outcome after each pass. Passes never overlap; a trigger during one runs one more pass after it.
 */
export class ScheduleReconciler extends EventEmitter {
  reconciliations = 0;
  restored = 0;
  failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly onReady = () => this.trigger('redis connected');

  constructor(private readonly deps: ReconcilerDeps) {
    super();
  }

  /** The first pass (its failure stops the start), then the triggers. */
  async start(): Promise<ReconcileOutcome> {
    const outcome = await reconcileAllSchedules(this.deps);
    this.count(outcome);
    this.deps.redis.on('ready', this.onReady);
    this.timer = setInterval(() => this.trigger('period'), this.deps.everyMs);
    this.timer.unref();
    return outcome;
  }

  async stop(): Promise<void> {
    this.deps.redis.off('ready', this.onReady);
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
  }

  trigger(reason: string): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass(reason).finally(() => {
      this.running = null;
      if (this.again && this.timer) {
        this.again = false;
        this.trigger(reason);
      }
    });
  }

  private async pass(reason: string): Promise<void> {
    try {
      const outcome = await this.reconcileUntilSettled();
      const recovered = outcome.restored > 0 ? await this.deps.recoverLostJobs() : {};
      const level = outcome.restored > 0 ? 'warn' : 'debug';
      this.deps.log[level]({ reason, ...outcome, ...recovered }, outcome.restored > 0 ? 'schedules restored: Redis had lost them' : 'schedules reconciled');
      this.emit('reconciled', { ...outcome, ...recovered });
    } catch (err) {
      this.failures++;
      this.deps.log.warn({ reason, err }, 'schedule reconciliation failed; retrying at the next trigger');
    }
  }

  /**
   * Redis may have lost its data while a pass was reading it: after a pass that restored anything, pass again until
   * one finds nothing missing (at most MAX_SETTLE_PASSES), so "restored" means every scheduler is back.
   */
  private async reconcileUntilSettled(): Promise<ReconcileOutcome> {
    const total = await reconcileAllSchedules(this.deps);
    this.count(total);
    for (let pass = 1, last = total; last.restored > 0 && pass < MAX_SETTLE_PASSES; pass++) {
      last = await reconcileAllSchedules(this.deps);
      this.count(last);
      total.restored += last.restored;
      total.removed += last.removed;
    }
    return total;
  }

  private count(outcome: ReconcileOutcome): void {
    this.reconciliations++;
    this.restored += outcome.restored;
  }
}
