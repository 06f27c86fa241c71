import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { channelOutbox, type OutboxStatus } from '../schema/index.js';

export type ChannelOutboxRow = typeof channelOutbox.$inferSelect;

/** Channels with posts due now, so each is claimed under its own rate limit. */
export async function channelsWithDuePosts(db: Db, now: Date): Promise<string[]> {
  const rows = await db
    .selectDistinct({ channel: channelOutbox.channel })
    .from(channelOutbox)
    .where(and(eq(channelOutbox.status, 'pending'), lte(channelOutbox.notBefore, now)));
  return rows.map((r) => r.channel).sort();
}

/**
 * Claims due posts of one channel, at most as many as its rate limit leaves in the last minute. The advisory lock
 * makes workers take turns per channel, so two of them never both spend the same minute's budget; SKIP LOCKED and
 * the claim token work as in mail_outbox.
 */
export async function claimChannelPosts(db: Db, q: { channel: string; now: Date; perMinute: number; limit: number; token: string }): Promise<ChannelOutboxRow[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`channel:${q.channel}`}, 0))`);
    const [used] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(channelOutbox)
      .where(and(eq(channelOutbox.channel, q.channel), sql`${channelOutbox.claimedAt} > ${new Date(q.now.getTime() - 60_000).toISOString()}::timestamptz`));
    const budget = Math.min(q.limit, q.perMinute - Number(used?.n ?? 0));
    if (budget <= 0) return [];
    const picked = await tx
      .select({ id: channelOutbox.id })
      .from(channelOutbox)
      .where(and(eq(channelOutbox.channel, q.channel), eq(channelOutbox.status, 'pending'), lte(channelOutbox.notBefore, q.now)))
      .orderBy(channelOutbox.notBefore, channelOutbox.id)
      .limit(budget)
      .for('update', { skipLocked: true });
    if (picked.length === 0) return [];
    // Picked first, updated second (the locks hold until commit): as `id in (select … limit n for update)`,
    // Postgres may run the subquery once per row and claim far more than n.
    return tx
      .update(channelOutbox)
      .set({ status: 'sending', claimToken: q.token, claimedAt: q.now, attempts: sql`${channelOutbox.attempts} + 1`, updatedAt: q.now })
      .where(inArray(channelOutbox.id, picked.map((p) => p.id)))
      .returning();
  });
}

export async function finishChannelPost(
  db: Db,
  id: number,
  token: string,
  outcome: { status: Extract<OutboxStatus, 'sent' | 'pending' | 'failed'>; now: Date; notBefore?: Date; responseStatus?: number | null; errorCode?: string; error?: string },
): Promise<boolean> {
  const rows = await db
    .update(channelOutbox)
    .set({
      status: outcome.status,
      claimToken: null,
      updatedAt: outcome.now,
      responseStatus: outcome.responseStatus ?? null,
      ...(outcome.status === 'sent' ? { sentAt: outcome.now } : {}),
      ...(outcome.notBefore ? { notBefore: outcome.notBefore } : {}),
      ...(outcome.errorCode ? { lastErrorCode: outcome.errorCode, lastError: (outcome.error ?? '').slice(0, 2000) } : {}),
    })
    .where(and(eq(channelOutbox.id, id), eq(channelOutbox.claimToken, token), eq(channelOutbox.status, 'sending')))
    .returning({ id: channelOutbox.id });
  return rows.length > 0;
}

/** Posts left `sending` by a worker that died go back to pending: receivers dedupe on the event id / delivery id. */
export async function recoverAbandonedPosts(db: Db, claimedBefore: Date, now: Date): Promise<number> {
  const rows = await db
    .update(channelOutbox)
    .set({ status: 'pending', claimToken: null, notBefore: now, lastErrorCode: 'CHANNEL_ABANDONED', lastError: 'the worker posting this stopped before recording the result', updatedAt: now })
    .where(and(eq(channelOutbox.status, 'sending'), lte(channelOutbox.claimedAt, claimedBefore)))
    .returning({ id: channelOutbox.id });
  return rows.length;
}

/** Puts an alert's failed (and, with `includeSent`, sent) channel posts back in the queue, due now. */
export async function requeueAlertPosts(db: Db, alertId: number, now: Date, includeSent: boolean): Promise<number[]> {
  const statuses: OutboxStatus[] = includeSent ? ['failed', 'unknown', 'sent'] : ['failed', 'unknown'];
  const rows = await db
    .update(channelOutbox)
    .set({ status: 'pending', attempts: 0, notBefore: now, claimToken: null, updatedAt: now })
    .where(and(eq(channelOutbox.alertId, alertId), inArray(channelOutbox.status, statuses)))
    .returning({ id: channelOutbox.id });
  return rows.map((r) => r.id);
}

export async function alertChannelPosts(db: Db, alertId: number) {
  return db
    .select({
      id: channelOutbox.id,
      channel: channelOutbox.channel,
      kind: channelOutbox.kind,
      target: channelOutbox.target,
      status: channelOutbox.status,
      attempts: channelOutbox.attempts,
      sentAt: channelOutbox.sentAt,
      responseStatus: channelOutbox.responseStatus,
      lastErrorCode: channelOutbox.lastErrorCode,
      lastError: channelOutbox.lastError,
    })
    .from(channelOutbox)
    .where(eq(channelOutbox.alertId, alertId))
    .orderBy(channelOutbox.id);
}
