import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, lt } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { sessions, users } from '../db/schema/index.js';
import type { UserRole } from './roles.js';

export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
}

export interface ResolvedSession {
  user: SessionUser;
  /** The synchronizer token forms and API calls of this session must send back. */
  csrfToken: string;
  expiresAt: Date;
}

/** Activity is written at most this often, so every page view does not update the row. */
const TOUCH_EVERY_MS = 60_000;

/** Creates a session and returns the cookie value: 256 random bits, stored only as a SHA-256. */
export async function createSession(db: Db, userId: number, meta: { ip: string; userAgent: string | null }, settings: SessionSettings, now: Date): Promise<string> {
  const id = randomBytes(32).toString('base64url');
  await db.insert(sessions).values({
    idHash: hashSessionId(id),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + settings.maxHours * 3_600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return id;
}

/** The session behind a cookie value, or null when unknown, idle too long, past its end, or its user is disabled. */
export async function resolveSession(db: Db, id: string, settings: SessionSettings, now: Date): Promise<ResolvedSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(id)) return null;
  const idHash = hashSessionId(id);
  const rows = await db
    .select({ session: sessions, user: { id: users.id, username: users.username, displayName: users.displayName, role: users.role, disabled: users.disabled } })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, idHash));
  const row = rows[0];
  if (!row) return null;
  const idleEnd = row.session.lastSeenAt.getTime() + settings.idleMinutes * 60_000;
  if (row.user.disabled || now >= row.session.expiresAt || now.getTime() >= idleEnd) {
    await db.delete(sessions).where(eq(sessions.idHash, idHash));
    return null;
  }
  if (now.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
  }
  const { disabled: _disabled, ...user } = row.user;
  return { user, csrfToken: csrfTokenFor(id), expiresAt: row.session.expiresAt };
}

export async function endSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, hashSessionId(id)));
}

/** Deletes sessions past their absolute end; run at each sign-in so abandoned sessions do not pile up. */
export async function pruneSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now));
}

/**
 * The CSRF token is an HMAC of the session id: bound to the session, never stored, and it reveals nothing that
 * would let anyone recover the session id.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('vaksam-csrf-v1').digest('base64url');
}

export function isValidCsrfToken(sessionId: string, token: string | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
