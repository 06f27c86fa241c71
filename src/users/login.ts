import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { users } from '../db/schema/index.js';
import { findUser } from './accounts.js';
import { recordAudit } from './audit.js';
import { hashPassword, spendVerifyTime, verifyPassword } from './password.js';
import { claimLoginAttempt, markAttemptSucceeded, type LoginLimits } from './rate-limit.js';
import { createSession, pruneSessions, type SessionSettings, type SessionUser } from './sessions.js';

export interface LoginSettings {
  limits: LoginLimits;
  session: SessionSettings;
  logN: number;
}

export interface LoginRequest {
  username: string;
  password: string;
  ip: string;
  userAgent: string | null;
}

export type LoginOutcome =
  | { kind: 'ok'; sessionId: string; user: SessionUser }
  /** Wrong name or password, disabled or password-less account: callers must not tell which. */
  | { kind: 'invalid' }
  | { kind: 'limited'; retryAfterSeconds: number };

/** Longest name kept in the attempts table and audit log; anything longer cannot be an account anyway. */
const MAX_TYPED_NAME = 100;

/** Signs in with a password: rate limits first, then a constant-work check, then a new session; all audited. */
export async function signInWithPassword(db: Db, request: LoginRequest, settings: LoginSettings, now: Date): Promise<LoginOutcome> {
  const typed = request.username.trim().toLowerCase().slice(0, MAX_TYPED_NAME);
  const subject = `user:${typed}`;
  const claim = await claimLoginAttempt(db, typed, request.ip, settings.limits, now);
  if (claim.kind === 'limited') {
    await recordAudit(db, { actor: typed || '(empty)', action: 'auth.login.limited', subject, details: { ip: request.ip, scope: claim.scope }, at: now });
    return { kind: 'limited', retryAfterSeconds: claim.retryAfterSeconds };
  }
  const user = typed ? await findUser(db, typed) : null;
  let reason: string;
  if (!user?.passwordHash) {
    await spendVerifyTime(request.password, settings.logN);
    reason = user ? 'no-password' : 'unknown-user';
  } else {
    const verified = await verifyPassword(request.password, user.passwordHash, settings.logN);
    reason = !verified.ok ? 'bad-password' : user.disabled ? 'disabled' : 'ok';
    if (reason === 'ok') {
      await markAttemptSucceeded(db, claim.attemptId);
      if (verified.needsRehash) await db.update(users).set({ passwordHash: await hashPassword(request.password, settings.logN) }).where(eq(users.id, user.id));
      return startSession(db, user, request, settings, now, 'password');
    }
  }
  await recordAudit(db, { actor: typed || '(empty)', action: 'auth.login.failed', subject, details: { ip: request.ip, reason }, at: now });
  return { kind: 'invalid' };
}

/** Opens a session for an already authenticated user (password or OIDC), records the sign-in. */
export async function startSession(
  db: Db,
  user: { id: number; username: string; displayName: string; role: SessionUser['role'] },
  request: Pick<LoginRequest, 'ip' | 'userAgent'>,
  settings: Pick<LoginSettings, 'session'>,
  now: Date,
  method: 'password' | 'oidc',
): Promise<LoginOutcome> {
  await pruneSessions(db, now);
  const sessionId = await createSession(db, user.id, { ip: request.ip, userAgent: request.userAgent }, settings.session, now);
  await db.update(users).set({ lastLoginAt: now }).where(eq(users.id, user.id));
  await recordAudit(db, { actor: user.username, action: 'auth.login', subject: `user:${user.username}`, details: { ip: request.ip, method }, at: now });
  return { kind: 'ok', sessionId, user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role } };
}

export async function recordSignOut(db: Db, username: string, ip: string, now: Date): Promise<void> {
  await recordAudit(db, { actor: username, action: 'auth.logout', subject: `user:${username}`, details: { ip }, at: now });
}
