import { and, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { loginAttempts } from '../db/schema/index.js';

export interface LoginLimits {
  windowMinutes: number;
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
}

export type AttemptClaim = { kind: 'claimed'; attemptId: number } | { kind: 'limited'; retryAfterSeconds: number; scope: 'account' | 'ip' };

/**
 * Checks the limits and, when under them, records the attempt as failed before the password is checked: parallel
 * guesses are all counted (serialised per account and address by advisory locks), and a verified attempt is then
 * marked successful with {@link markAttemptSucceeded}. A success resets the account's count; the address's does not.
 */
export async function claimLoginAttempt(db: Db, username: string, ip: string, limits: LoginLimits, now: Date): Promise<AttemptClaim> {
  const windowStart = new Date(now.getTime() - limits.windowMinutes * 60_000);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:user:${username}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`login:ip:${ip}`}))`);
    await tx.delete(loginAttempts).where(lt(loginAttempts.at, windowStart));
    const [account] = (await tx
      .select({ n: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${loginAttempts.at})` })
      .from(loginAttempts)
      .where(
        and(
          eq(loginAttempts.username, username),
          eq(loginAttempts.success, false),
          sql`${loginAttempts.at} > coalesce((select max(s.at) from ${loginAttempts} s where s.username = ${username} and s.success), ${windowStart.toISOString()}::timestamptz)`,
        ),
      )) as [{ n: number; oldest: Date | string | null }];
    if (account.n >= limits.maxFailuresPerAccount) return limited('account', account.oldest, limits, now);
    const [address] = (await tx
      .select({ n: sql<number>`count(*)::int`, oldest: sql<Date | null>`min(${loginAttempts.at})` })
      .from(loginAttempts)
      .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, windowStart)))) as [{ n: number; oldest: Date | string | null }];
    if (address.n >= limits.maxFailuresPerIp) return limited('ip', address.oldest, limits, now);
    const [row] = await tx.insert(loginAttempts).values({ at: now, username, ip, success: false }).returning({ id: loginAttempts.id });
    return { kind: 'claimed', attemptId: Number(row!.id) } as const;
  });
}

export async function markAttemptSucceeded(db: Db, attemptId: number): Promise<void> {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
}

function limited(scope: 'account' | 'ip', oldest: Date | string | null, limits: LoginLimits, now: Date): AttemptClaim {
  const oldestMs = oldest === null ? now.getTime() : new Date(oldest).getTime();
  const retryAfterMs = oldestMs + limits.windowMinutes * 60_000 - now.getTime();
  return { kind: 'limited', scope, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}
