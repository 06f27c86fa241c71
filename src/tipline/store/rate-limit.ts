import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { tiplineRateEvents } from '../../db/schema/index.js';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one request against a limit of `max` per window for (scope, key), in Postgres like the sign-in limits: it
 * holds across processes and restarts. Checked and recorded under an advisory lock, so parallel requests all count.
 * A refused request is not recorded (it would only push the end of the window further out).
 */
export async function takeRateSlot(db: Db, limit: { scope: string; key: string; max: number; windowMinutes: number }, now: Date): Promise<RateDecision> {
  const windowStart = new Date(now.getTime() - limit.windowMinutes * 60_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tipline:${limit.scope}:${limit.key}`}))`);
    await tx.delete(tiplineRateEvents).where(and(eq(tiplineRateEvents.scope, limit.scope), lt(tiplineRateEvents.at, windowStart)));
    const [row] = (await tx
      .select({ n: sql<number>`count(*)::int`, oldest: sql<Date | string | null>`min(${tiplineRateEvents.at})` })
      .from(tiplineRateEvents)
      .where(and(eq(tiplineRateEvents.scope, limit.scope), eq(tiplineRateEvents.key, limit.key), gt(tiplineRateEvents.at, windowStart)))) as [{ n: number; oldest: Date | string | null }];
    if (Number(row.n) >= limit.max) {
      const oldest = row.oldest === null ? now.getTime() : new Date(row.oldest).getTime();
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + limit.windowMinutes * 60_000 - now.getTime()) / 1000)) };
    }
    await tx.insert(tiplineRateEvents).values({ at: now, scope: limit.scope, key: limit.key });
    return { allowed: true };
  });
}
