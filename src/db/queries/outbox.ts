import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { mailOutbox, type OutboxStatus } from '../schema/index.js';

export type OutboxRow = typeof mailOutbox.$inferSelect;

/**
 * Claims due pending rows for one worker: `FOR UPDATE SKIP LOCKED` lets concurrent workers each take different
 * rows, and the status moves to `sending` with a token of this claim, so no two workers ever send one row.
 */
export async function claimOutbox(db: Db, options: { now: Date; limit: number; token: string; ids?: number[] }): Promise<OutboxRow[]> {
  const due = [eq(mailOutbox.status, 'pending'), lte(mailOutbox.notBefore, options.now)];
  if (options.ids) due.push(inArray(mailOutbox.id, options.ids.length > 0 ? options.ids : [-1]));
  return db.transaction(async (tx) => {
    const picked = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(and(...due))
      .orderBy(mailOutbox.notBefore, mailOutbox.id)
      .limit(options.limit)
      .for('update', { skipLocked: true });
    if (picked.length === 0) return [];
    // Picked first, updated second, in one transaction (the row locks hold until commit). As one statement,
    // `id in (select … limit n for update skip locked)`, Postgres may run the subquery again for every row it
    // updates and claim every due row for one worker (issue 14).
    return tx
      .update(mailOutbox)
      .set({
        status: 'sending',
        claimToken: options.token,
        claimedAt: options.now,
        attempts: sql`${mailOutbox.attempts} + 1`,
        updatedAt: options.now,
      })
      .where(inArray(mailOutbox.id, picked.map((p) => p.id)))
      .returning();
  });
}

/** The outcome of one claimed send; ignored when the claim was taken over meanwhile (token mismatch). */
export async function finishSend(
  db: Db,
  id: number,
  token: string,
  outcome: { status: Extract<OutboxStatus, 'sent' | 'pending' | 'failed'>; now: Date; notBefore?: Date; errorCode?: string; error?: string },
): Promise<boolean> {
  const rows = await db
    .update(mailOutbox)
    .set({
      status: outcome.status,
      claimToken: null,
      updatedAt: outcome.now,
      ...(outcome.status === 'sent' ? { sentAt: outcome.now } : {}),
      ...(outcome.notBefore ? { notBefore: outcome.notBefore } : {}),
      ...(outcome.errorCode ? { lastErrorCode: outcome.errorCode, lastError: (outcome.error ?? '').slice(0, 2000) } : {}),
    })
    .where(and(eq(mailOutbox.id, id), eq(mailOutbox.claimToken, token), eq(mailOutbox.status, 'sending')))
    .returning({ id: mailOutbox.id });
  return rows.length > 0;
}

/**
 * Rows left in `sending` by a worker that died. The server may have accepted the message before the death, so
 * such a row is sent once more (a possible duplicate, with the same Message-ID); if that claim is abandoned
 * too, the row becomes `unknown` and waits for a person (`vaksam alerts resend`) instead of risking more copies.
 */
export async function recoverAbandoned(db: Db, claimedBefore: Date, now: Date): Promise<{ retried: number; unknown: number }> {
  const rows = await db
    .update(mailOutbox)
    .set({
      status: sql`case when ${mailOutbox.recoveries} >= 1 then 'unknown' else 'pending' end`,
      recoveries: sql`${mailOutbox.recoveries} + 1`,
      claimToken: null,
      notBefore: now,
      lastErrorCode: 'MAIL_ABANDONED',
      lastError: 'the worker sending this email stopped before recording the result; the server may have accepted it',
      updatedAt: now,
    })
    .where(and(eq(mailOutbox.status, 'sending'), lte(mailOutbox.claimedAt, claimedBefore)))
    .returning({ status: mailOutbox.status });
  return { retried: rows.filter((r) => r.status === 'pending').length, unknown: rows.filter((r) => r.status === 'unknown').length };
}

/** Puts an alert's unsent emails (and, with `includeSent`, sent ones) back in the queue, due now. */
export async function requeueAlertEmails(db: Db, alertId: number, now: Date, includeSent: boolean): Promise<number[]> {
  const statuses: OutboxStatus[] = includeSent ? ['failed', 'unknown', 'sent'] : ['failed', 'unknown'];
  const rows = await db
    .update(mailOutbox)
    .set({ status: 'pending', attempts: 0, recoveries: 0, notBefore: now, claimToken: null, updatedAt: now })
    .where(and(eq(mailOutbox.alertId, alertId), inArray(mailOutbox.status, statuses)))
    .returning({ id: mailOutbox.id });
  return rows.map((r) => r.id);
}

export async function outboxStatusCounts(db: Db): Promise<Partial<Record<OutboxStatus, number>>> {
  const rows = await db.select({ status: mailOutbox.status, n: sql<number>`count(*)::int` }).from(mailOutbox).groupBy(mailOutbox.status);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function getOutboxRow(db: Db, id: number): Promise<OutboxRow | null> {
  const rows = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id));
  return rows[0] ?? null;
}
