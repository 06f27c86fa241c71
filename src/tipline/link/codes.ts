import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { tiplineCodes, tiplineReporterSessions } from '../../db/schema/index.js';
import type { TiplineSettings } from '../../config/index.js';
import { takeRateSlot } from '../store/rate-limit.js';
import { hashToken, isAllowedEmail, type TiplineLink } from './links.js';

export type CodeRequest =
  | { kind: 'issued'; code: string; expiresAt: Date }
  | { kind: 'not-allowed' }
  | { kind: 'limited'; retryAfterSeconds: number };

export type CodeCheck = { kind: 'verified'; sessionId: string; expiresAt: Date } | { kind: 'wrong' } | { kind: 'expired' };

const EMAIL = /^[^\s@<>()",;:]{1,64}@[a-z0-9.-]{3,253}$/;

export function normalizeEmail(typed: string): string | null {
  const email = typed.trim().toLowerCase();
  return EMAIL.test(email) ? email : null;
}

function hashCode(codeId: number | string, code: string): string {
  return createHash('sha256').update(`${codeId}:${code}`).digest('hex');
}

/**
 * Issues a six-digit code for a work address of the link's organisation, within the rate limits per address and per
 * client address. Only a hash is stored; the caller mails the code. An address outside the allowed domains is told
 * so (the domains are no secret: they are the organisation's own).
 */
export async function requestCode(db: Db, link: TiplineLink, email: string, clientIp: string, settings: TiplineSettings['link'], now: Date): Promise<CodeRequest> {
  if (!isAllowedEmail(link, email)) return { kind: 'not-allowed' };
  for (const [scope, key, max] of [['code-ip', clientIp, settings.maxCodesPerIp], ['code-email', email, settings.maxCodesPerEmail]] as const) {
    const slot = await takeRateSlot(db, { scope, key, max, windowMinutes: settings.windowMinutes }, now);
    if (!slot.allowed) return { kind: 'limited', retryAfterSeconds: slot.retryAfterSeconds };
  }
  await db.delete(tiplineCodes).where(lt(tiplineCodes.expiresAt, now));
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(now.getTime() + settings.codeMinutes * 60_000);
  const [row] = await db.insert(tiplineCodes).values({ linkId: link.id, email, codeHash: '', createdAt: now, expiresAt }).returning({ id: tiplineCodes.id });
  await db.update(tiplineCodes).set({ codeHash: hashCode(row!.id, code) }).where(eq(tiplineCodes.id, row!.id));
  return { kind: 'issued', code, expiresAt };
}

/**
 * Checks a typed code against the newest live code of the address; each wrong try counts, and after
 * `codeAttempts` the code is void. A right code is used up and opens a reporter session (cookie value returned,
 * stored only as a SHA-256).
 */
export async function verifyCode(db: Db, link: TiplineLink, email: string, typed: string, settings: TiplineSettings['link'], now: Date): Promise<CodeCheck> {
  return db.transaction(async (tx) => {
    const [code] = await tx
      .select()
      .from(tiplineCodes)
      .where(and(eq(tiplineCodes.linkId, link.id), eq(tiplineCodes.email, email), isNull(tiplineCodes.usedAt), gt(tiplineCodes.expiresAt, now)))
      .orderBy(desc(tiplineCodes.createdAt))
      .limit(1)
      .for('update');
    if (code === undefined || code.attempts >= settings.codeAttempts) return { kind: 'expired' } as const;
    const expected = Buffer.from(code.codeHash);
    const given = Buffer.from(hashCode(code.id, typed.replace(/\s/g, '')));
    if (!timingSafeEqual(expected, given)) {
      await tx.update(tiplineCodes).set({ attempts: sql`${tiplineCodes.attempts} + 1` }).where(eq(tiplineCodes.id, code.id));
      return { kind: 'wrong' } as const;
    }
    await tx.update(tiplineCodes).set({ usedAt: now }).where(eq(tiplineCodes.id, code.id));
    const sessionId = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + settings.sessionMinutes * 60_000);
    await tx.delete(tiplineReporterSessions).where(lt(tiplineReporterSessions.expiresAt, now));
    await tx.insert(tiplineReporterSessions).values({ idHash: hashToken(sessionId), linkId: link.id, email, createdAt: now, expiresAt });
    return { kind: 'verified', sessionId, expiresAt } as const;
  });
}

/** The verified address behind a reporter cookie on this link, or null. */
export async function reporterOf(db: Db, link: TiplineLink, sessionId: string | undefined, now: Date): Promise<{ email: string; sessionHash: string } | null> {
  if (!sessionId || !/^[A-Za-z0-9_-]{43}$/.test(sessionId)) return null;
  const idHash = hashToken(sessionId);
  const [row] = await db
    .select({ email: tiplineReporterSessions.email })
    .from(tiplineReporterSessions)
    .where(and(eq(tiplineReporterSessions.idHash, idHash), eq(tiplineReporterSessions.linkId, link.id), gt(tiplineReporterSessions.expiresAt, now)));
  return row ? { email: row.email, sessionHash: idHash } : null;
}
