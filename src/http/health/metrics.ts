import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { retentionTotals } from '../../privacy/index.js';
import type { QueueInspector } from '../queues/stats.js';
import { threatCaseCounts } from '../threats/queries.js';
import type { Metric } from './exposition.js';
import type { MissingSchedules } from './readiness.js';

/** Failed fetch runs are counted over this window, so the gauge shows current trouble, not history. */
const FETCH_ERROR_WINDOW_HOURS = 24;

export interface ScheduleMetrics {
  missing: MissingSchedules;
  /** The counts of this process's reconciler (`start` keeps the schedules; `serve` has none). */
  reconciler: { reconciliations: number; restored: number; failures: number } | null;
}

/** Every metric Vaksam exports, read from Postgres (and Redis for queue depths and schedulers) at scrape time. */
export async function collectMetrics(db: Db, queues: QueueInspector | null, now: Date, schedules: ScheduleMetrics): Promise<Metric[]> {
  const sources = await queryRows<{ id: number; name: string; kind: string; health: string; items: number }>(
    db,
    sql`select id, name, kind, health, items_total::float8 as items from sources order by id`,
  );
  const [backlog] = await queryRows<{ n: number; oldest: Date | string | null }>(
    db,
    sql`select count(*)::int as n, min(fetched_at) as oldest from posts where classified_at is null`,
  );
  const fetchErrors = await queryRows<{ code: string; n: number }>(
    db,
    sql`select coalesce(error_code, 'UNKNOWN') as code, count(*)::int as n from fetch_runs
        where status = 'failed' and started_at > ${new Date(now.getTime() - FETCH_ERROR_WINDOW_HOURS * 3_600_000).toISOString()}::timestamptz group by 1 order by 1`,
  );
  const alerts = await queryRows<{ kind: string; n: number }>(db, sql`select kind, count(*)::int as n from alerts group by kind order by kind`);
  const emails = await queryRows<{ status: string; n: number }>(db, sql`select status, count(*)::int as n from mail_outbox group by status order by status`);
  const cases = await threatCaseCounts(db);
  const retention = await retentionTotals(db);
  const lastRetention = Math.max(0, ...retention.map((r) => r.lastRunAt?.getTime() ?? 0));
  const oldest = backlog?.oldest ? new Date(backlog.oldest) : null;
  const metrics: Metric[] = [
    {
      name: 'vaksam_source_posts_total',
      help: 'Posts stored per source since it was added (new and edited items).',
      type: 'counter',
      samples: sources.map((s) => ({ labels: { source_id: s.id, source: s.name, kind: s.kind }, value: Number(s.items) })),
    },
    {
      name: 'vaksam_sources',
      help: 'Sources by health.',
      type: 'gauge',
      samples: countBy(sources.map((s) => s.health), ['new', 'healthy', 'failing', 'unhealthy']).map(([health, n]) => ({ labels: { health }, value: n })),
    },
    { name: 'vaksam_classify_backlog_posts', help: 'Posts waiting to be classified.', type: 'gauge', samples: [{ value: Number(backlog?.n ?? 0) }] },
    {
      name: 'vaksam_classify_lag_seconds',
      help: 'Age of the oldest post waiting to be classified (0 when none waits).',
      type: 'gauge',
      samples: [{ value: oldest ? Math.max(0, Math.round((now.getTime() - oldest.getTime()) / 1000)) : 0 }],
    },
    {
      name: 'vaksam_fetch_errors_24h',
      help: `Failed source runs in the last ${FETCH_ERROR_WINDOW_HOURS} hours by error code.`,
      type: 'gauge',
      samples: fetchErrors.map((r) => ({ labels: { code: r.code }, value: Number(r.n) })),
    },
    { name: 'vaksam_alerts_total', help: 'Alerts decided, by kind.', type: 'counter', samples: alerts.map((r) => ({ labels: { kind: r.kind }, value: Number(r.n) })) },
    { name: 'vaksam_emails', help: 'Emails in the outbox by status.', type: 'gauge', samples: emails.map((r) => ({ labels: { status: r.status }, value: Number(r.n) })) },
    { name: 'vaksam_threat_cases', help: 'Threat cases by status and level.', type: 'gauge', samples: cases.map((r) => ({ labels: { status: r.status, level: r.level }, value: r.n })) },
    {
      name: 'vaksam_retention_applied_total',
      help: 'What retention removed or pseudonymised since the database was created, by rule (posts, cases).',
      type: 'counter',
      samples: retention.map((r) => ({ labels: { rule: r.rule }, value: r.total })),
    },
    {
      name: 'vaksam_retention_last_run_count',
      help: 'What the last retention run did, by rule.',
      type: 'gauge',
      samples: retention.map((r) => ({ labels: { rule: r.rule }, value: r.lastCount })),
    },
    { name: 'vaksam_retention_last_run_timestamp_seconds', help: 'When retention last ran (0: never).', type: 'gauge', samples: [{ value: Math.round(lastRetention / 1000) }] },
  ];
  if (schedules.missing) {
    metrics.push({ name: 'vaksam_schedulers_missing', help: 'Expected job schedulers Redis does not hold (nothing collects for them).', type: 'gauge', samples: [{ value: (await schedules.missing()).length }] });
  }
  const reconciler = schedules.reconciler;
  if (reconciler) {
    metrics.push(
      { name: 'vaksam_schedule_reconciliations_total', help: 'Passes that made the job schedulers match the sources table (start, Redis reconnects, every workers.scheduleReconcileSeconds).', type: 'counter', samples: [{ value: reconciler.reconciliations }] },
      { name: 'vaksam_schedulers_restored_total', help: 'Job schedulers created again because Redis had lost them.', type: 'counter', samples: [{ value: reconciler.restored }] },
      { name: 'vaksam_schedule_reconciliation_failures_total', help: 'Reconciliation passes that failed (retried at the next trigger).', type: 'counter', samples: [{ value: reconciler.failures }] },
    );
  }
  if (queues) {
    const counts = await queues.counts();
    metrics.push({
      name: 'vaksam_queue_jobs',
      help: 'BullMQ jobs per queue and state.',
      type: 'gauge',
      samples: counts.flatMap((q) => Object.entries(q.counts).map(([state, n]) => ({ labels: { queue: q.queue, state }, value: n }))),
    });
  }
  return metrics;
}

function countBy(values: readonly string[], known: readonly string[]): Array<[string, number]> {
  const counts = new Map<string, number>(known.map((k) => [k, 0]));
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()];
}
