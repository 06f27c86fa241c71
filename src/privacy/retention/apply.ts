import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { purgeDismissedCases, SYSTEM_ACTOR } from '../../threat-cases/index.js';
import type { PrivacySettings } from '../../config/index.js';
import { anonymiseClosedCasesBatch, type ClosedCasesOutcome } from './closed-cases.js';
import { deleteUnmatchedBatch, pseudonymiseMatchedBatch } from './rules.js';

/** The rules as counted in retention_totals, /metrics and the privacy page. */
export const RETENTION_RULES = ['unmatched-posts', 'handles-pseudonymised', 'dismissed-texts', 'closed-cases', 'closed-case-posts'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

export interface RetentionOutcome {
  counts: Record<RetentionRule, number>;
  /** Rules that stopped at maxBatchesPerRun with more still due: the next run goes on. */
  unfinished: RetentionRule[];
}

export interface RetentionInput {
  settings: PrivacySettings;
  /** threats.dismissedRetentionDays: when the texts of dismissed cases go (before the case rule removes the rest). */
  dismissedRetentionDays: number;
  pseudonymKey: Buffer;
  now: Date;
  actor?: string;
}

const DAY_MS = 86_400_000;

/**
 * One retention run (issue 20), rule by rule, each in batches of its own transaction so a long backlog never holds
 * locks for long: posts that matched nothing, handles of matched posts outside cases, texts of dismissed cases, then
 * closed cases. The run is audited with its counts, even when nothing was due, and added to retention_totals.
 */
export async function applyRetention(db: Db, input: RetentionInput): Promise<RetentionOutcome> {
  const { settings, now } = input;
  const actor = input.actor ?? SYSTEM_ACTOR;
  const cutoff = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const counts = Object.fromEntries(RETENTION_RULES.map((r) => [r, 0])) as Record<RetentionRule, number>;
  const unfinished: RetentionRule[] = [];
  const batches = async (rule: RetentionRule, batch: () => Promise<number>) => {
    for (let i = 0; i < settings.maxBatchesPerRun; i++) {
      const n = await batch();
      counts[rule] += n;
      if (n < settings.batchSize) return;
    }
    unfinished.push(rule);
  };
  await batches('unmatched-posts', () => deleteUnmatchedBatch(db, { cutoff: cutoff(settings.unmatchedPostDays), batchSize: settings.batchSize }));
  await batches('handles-pseudonymised', () =>
    pseudonymiseMatchedBatch(db, input.pseudonymKey, { cutoff: cutoff(settings.pseudonymiseAfterDays), batchSize: settings.batchSize, now }),
  );
  counts['dismissed-texts'] = (await purgeDismissedCases(db, { olderThanDays: input.dismissedRetentionDays, now, actor })).cases;
  await batches('closed-cases', async () => {
    const outcome: ClosedCasesOutcome = await anonymiseClosedCasesBatch(db, input.pseudonymKey, { cutoff: cutoff(settings.closedCaseDays), batchSize: settings.batchSize, now, actor });
    counts['closed-case-posts'] += outcome.postsRemoved + outcome.postsPseudonymised;
    return outcome.cases;
  });
  await recordRun(db, { counts, unfinished, now, actor, settings, dismissedRetentionDays: input.dismissedRetentionDays });
  return { counts, unfinished };
}

async function recordRun(
  db: Db,
  run: { counts: Record<RetentionRule, number>; unfinished: RetentionRule[]; now: Date; actor: string; settings: PrivacySettings; dismissedRetentionDays: number },
): Promise<void> {
  const when = sql`${run.now.toISOString()}::timestamptz`;
  await db.transaction(async (tx) => {
    for (const rule of RETENTION_RULES) {
      const n = run.counts[rule];
      await queryRows(
        tx as unknown as Db,
        sql`insert into retention_totals (rule, total, last_run_at, last_count) values (${rule}, ${n}, ${when}, ${n})
            on conflict (rule) do update set total = retention_totals.total + excluded.total, last_run_at = excluded.last_run_at, last_count = excluded.last_count`,
      );
    }
    const { unmatchedPostDays, pseudonymiseAfterDays, closedCaseDays } = run.settings;
    const details = { counts: run.counts, unfinished: run.unfinished, days: { unmatchedPostDays, pseudonymiseAfterDays, closedCaseDays, dismissedRetentionDays: run.dismissedRetentionDays } };
    await queryRows(tx as unknown as Db, sql`insert into audit_log (at, actor, action, subject, details) values (${when}, ${run.actor}, 'retention.apply', 'retention', ${JSON.stringify(details)}::jsonb)`);
  });
}

export interface RetentionTotal {
  rule: RetentionRule;
  total: number;
  lastCount: number;
  lastRunAt: Date | null;
}

/** What retention has done so far, every rule listed (0 and null before the first run). */
export async function retentionTotals(db: Db): Promise<RetentionTotal[]> {
  const rows = await queryRows<{ rule: string; total: number | string; last_count: number; last_run_at: Date | string }>(db, sql`select rule, total, last_count, last_run_at from retention_totals`);
  const byRule = new Map(rows.map((r) => [r.rule, r]));
  return RETENTION_RULES.map((rule) => {
    const r = byRule.get(rule);
    return { rule, total: Number(r?.total ?? 0), lastCount: Number(r?.last_count ?? 0), lastRunAt: r ? new Date(r.last_run_at) : null };
  });
}
