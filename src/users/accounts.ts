import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { sessions, users } from '../db/schema/index.js';
import { recordAudit } from './audit.js';
import { AccountInputError, UserExistsError, UserNotFoundError } from './errors.js';
import { checkPasswordRules, generatePassword, hashPassword, verifyPassword } from './password.js';
import { isRole, ROLES, type UserRole } from './roles.js';

export type UserRow = typeof users.$inferSelect;

/** Who does a change and when; `logN` is the scrypt cost for new hashes (config `http.scryptLogN`). */
export interface ChangeContext {
  actor: string;
  now: Date;
  logN: number;
}

export interface NewUser {
  username: string;
  role: string;
  displayName?: string;
  /** Null for an OIDC-only account. */
  password: string | null;
}

const USERNAME = /^[a-z0-9][a-z0-9._@-]{1,63}$/u;

/** Lower-cases and checks a user name: 2-64 characters of a-z, 0-9, `.`, `_`, `@`, `-`. */
export function normalizeUsername(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (!USERNAME.test(name)) {
    throw new AccountInputError(`user name '${raw}' is not allowed: use 2-64 characters a-z, 0-9, '.', '_', '@' or '-', starting with a letter or digit`);
  }
  return name;
}

export function checkRole(raw: string): UserRole {
  if (!isRole(raw)) throw new AccountInputError(`unknown role '${raw}'; roles: ${ROLES.join(', ')}`);
  return raw;
}

export async function createUser(db: Db, input: NewUser, ctx: ChangeContext, oidcSubject: string | null = null): Promise<UserRow> {
  const username = normalizeUsername(input.username);
  const role = checkRole(input.role);
  if (input.password !== null) checkPasswordRules(input.password);
  const passwordHash = input.password === null ? null : await hashPassword(input.password, ctx.logN);
  const rows = await db
    .insert(users)
    .values({ username, role, displayName: input.displayName?.trim() || username, passwordHash, oidcSubject, passwordChangedAt: passwordHash ? ctx.now : null, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing()
    .returning();
  const row = rows[0];
  if (!row) throw new UserExistsError(username);
  await recordAudit(db, { actor: ctx.actor, action: 'user.create', subject: `user:${username}`, details: { role, oidc: oidcSubject !== null }, at: ctx.now });
  return row;
}

export async function findUser(db: Db, username: string): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.username, username.trim().toLowerCase()));
  return rows[0] ?? null;
}

export async function getUserById(db: Db, id: number): Promise<UserRow | null> {
  const rows = await db.select().from(users).where(eq(users.id, id));
  return rows[0] ?? null;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.username));
}

export async function countUsers(db: Db): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return Number(rows[0]?.n ?? 0);
}

/** Sets a new password (an admin's reset or the user's own change) and ends every session of the account. */
export async function setPassword(db: Db, username: string, password: string, ctx: ChangeContext): Promise<void> {
  checkPasswordRules(password);
  const user = await requireUser(db, username);
  const passwordHash = await hashPassword(password, ctx.logN);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: ctx.now, updatedAt: ctx.now }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
  });
  await recordAudit(db, { actor: ctx.actor, action: 'user.password', subject: `user:${user.username}`, at: ctx.now });
}

/** The signed-in user's own change: the current password must be right. */
export async function changeOwnPassword(db: Db, userId: number, current: string, next: string, ctx: ChangeContext): Promise<boolean> {
  const user = await getUserById(db, userId);
  if (!user?.passwordHash) return false;
  if (!(await verifyPassword(current, user.passwordHash, ctx.logN)).ok) return false;
  await setPassword(db, user.username, next, ctx);
  return true;
}

export async function setUserRole(db: Db, username: string, role: string, ctx: ChangeContext): Promise<void> {
  const user = await requireUser(db, username);
  const next = checkRole(role);
  if (user.role === next) return;
  await db.update(users).set({ role: next, updatedAt: ctx.now }).where(eq(users.id, user.id));
  await recordAudit(db, { actor: ctx.actor, action: 'user.role', subject: `user:${user.username}`, details: { from: user.role, to: next }, at: ctx.now });
}

/** A disabled account cannot sign in and loses its sessions at once. */
export async function setUserDisabled(db: Db, username: string, disabled: boolean, ctx: ChangeContext): Promise<void> {
  const user = await requireUser(db, username);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabled, updatedAt: ctx.now }).where(eq(users.id, user.id));
    if (disabled) await tx.delete(sessions).where(eq(sessions.userId, user.id));
  });
  await recordAudit(db, { actor: ctx.actor, action: disabled ? 'user.disable' : 'user.enable', subject: `user:${user.username}`, at: ctx.now });
}

/**
 * First run: when no account exists, creates `admin` with a random password and returns it (to be printed once).
 * Returns null when any account exists. Two processes starting at once create one admin: the name is unique.
 */
export async function ensureFirstAdmin(db: Db, ctx: ChangeContext): Promise<{ username: string; password: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = generatePassword();
  try {
    await createUser(db, { username: 'admin', role: 'admin', displayName: 'Administrator', password }, ctx);
  } catch (error) {
    if (error instanceof UserExistsError) return null;
    throw error;
  }
  return { username: 'admin', password };
}

async function requireUser(db: Db, username: string): Promise<UserRow> {
  const user = await findUser(db, username);
  if (!user) throw new UserNotFoundError(username);
  return user;
}
