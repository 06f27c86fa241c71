import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions } from '../../src/db/schema/index.js';
import {
  AccountInputError,
  createSession,
  createUser,
  ensureFirstAdmin,
  findUser,
  isValidCsrfToken,
  linkOidcUser,
  OidcAccountError,
  resolveSession,
  setPassword,
  setUserDisabled,
  signInWithPassword,
  UserExistsError,
} from '../../src/users/index.js';
import { createTestDatabase } from '../helpers/postgres.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const T0 = new Date('2026-03-02T08:00:00Z');
const ctx = { actor: 'test', now: T0, logN: 14 };
const SESSION = { idleMinutes: 30, maxHours: 8 };
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

describe('accounts', () => {
  it('creates the first admin once, then never again', async () => {
    const first = await ensureFirstAdmin(database.db, ctx);
    expect(first).toMatchObject({ username: 'admin' });
    expect(first!.password).toHaveLength(24);
    expect(await ensureFirstAdmin(database.db, ctx)).toBeNull();
    const outcome = await signInWithPassword(database.db, { username: 'admin', password: first!.password, ip: '1.1.1.1', userAgent: null }, { limits: { windowMinutes: 15, maxFailuresPerAccount: 5, maxFailuresPerIp: 50 }, session: SESSION, logN: 14 }, T0);
    expect(outcome.kind).toBe('ok');
  });

  it('stores names lower-case, refuses duplicates and bad names, and audits creation', async () => {
    const user = await createUser(database.db, { username: 'Lisa.Berg@Kommun.se', role: 'viewer', password: 'long enough password' }, ctx);
    expect(user.username).toBe('lisa.berg@kommun.se');
    expect(user.passwordHash).not.toContain('long enough');
    await expect(createUser(database.db, { username: 'lisa.berg@kommun.se', role: 'viewer', password: 'long enough password' }, ctx)).rejects.toThrow(UserExistsError);
    await expect(createUser(database.db, { username: 'a b', role: 'viewer', password: 'long enough password' }, ctx)).rejects.toThrow(AccountInputError);
    await expect(createUser(database.db, { username: 'nils', role: 'root', password: 'long enough password' }, ctx)).rejects.toThrow(/unknown role 'root'/);
    const [entry] = await database.db.select().from(auditLog).where(eq(auditLog.subject, 'user:lisa.berg@kommun.se'));
    expect(entry).toMatchObject({ action: 'user.create', actor: 'test', details: { role: 'viewer' } });
  });
});

describe('sessions', () => {
  it('ends a session after the idle time, and keeps an active one alive', async () => {
    const user = await createUser(database.db, { username: 'idle', role: 'viewer', password: 'long enough password' }, ctx);
    const id = await createSession(database.db, user.id, { ip: '1.1.1.1', userAgent: 'test' }, SESSION, T0);
    expect(await resolveSession(database.db, id, SESSION, at(29))).not.toBeNull();
    expect(await resolveSession(database.db, id, SESSION, at(58))).not.toBeNull();
    expect(await resolveSession(database.db, id, SESSION, at(89))).toBeNull();
  });

  it('ends a session at its absolute end however active it is', async () => {
    const user = await createUser(database.db, { username: 'busy', role: 'viewer', password: 'long enough password' }, ctx);
    const id = await createSession(database.db, user.id, { ip: '1.1.1.1', userAgent: null }, SESSION, T0);
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) expect(await resolveSession(database.db, id, SESSION, at(minutes))).not.toBeNull();
    expect(await resolveSession(database.db, id, SESSION, at(8 * 60))).toBeNull();
  });

  it('stores only a hash of the session id, and binds the CSRF token to the session', async () => {
    const user = await createUser(database.db, { username: 'hashed', role: 'viewer', password: 'long enough password' }, ctx);
    const id = await createSession(database.db, user.id, { ip: '1.1.1.1', userAgent: null }, SESSION, T0);
    const rows = await database.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows[0]!.idHash).not.toContain(id);
    const resolved = await resolveSession(database.db, id, SESSION, T0);
    expect(isValidCsrfToken(id, resolved!.csrfToken)).toBe(true);
    const other = await createSession(database.db, user.id, { ip: '1.1.1.1', userAgent: null }, SESSION, T0);
    expect(isValidCsrfToken(other, resolved!.csrfToken)).toBe(false);
  });

  it('ends every session of a user whose password is reset or who is disabled', async () => {
    const user = await createUser(database.db, { username: 'reset', role: 'viewer', password: 'long enough password' }, ctx);
    const a = await createSession(database.db, user.id, { ip: '1.1.1.1', userAgent: null }, SESSION, T0);
    await setPassword(database.db, 'reset', 'another long password', ctx);
    expect(await resolveSession(database.db, a, SESSION, T0)).toBeNull();
    const b = await createSession(database.db, user.id, { ip: '1.1.1.1', userAgent: null }, SESSION, T0);
    await setUserDisabled(database.db, 'reset', true, ctx);
    expect(await resolveSession(database.db, b, SESSION, T0)).toBeNull();
  });
});

describe('OIDC accounts', () => {
  const identity = { issuer: 'https://login.example/tenant/v2.0', subject: 'sub-1', username: 'Eva@kommun.se', displayName: 'Eva', role: 'communications' as const };

  it('creates the account on first sign-in and follows the provider\'s role afterwards', async () => {
    const created = await linkOidcUser(database.db, identity, { now: T0, logN: 14 });
    expect(created).toMatchObject({ username: 'eva@kommun.se', role: 'communications', passwordHash: null });
    const again = await linkOidcUser(database.db, { ...identity, username: 'renamed@kommun.se', role: 'security' }, { now: at(1), logN: 14 });
    expect(again).toMatchObject({ id: created.id, username: 'eva@kommun.se', role: 'security' });
  });

  it('never takes over a local account with the same name', async () => {
    await createUser(database.db, { username: 'olle@kommun.se', role: 'admin', password: 'long enough password' }, ctx);
    await expect(linkOidcUser(database.db, { ...identity, subject: 'sub-2', username: 'olle@kommun.se' }, { now: T0, logN: 14 })).rejects.toThrow(OidcAccountError);
    expect((await findUser(database.db, 'olle@kommun.se'))!.oidcSubject).toBeNull();
  });

  it('refuses a disabled OIDC account', async () => {
    await setUserDisabled(database.db, 'eva@kommun.se', true, ctx);
    await expect(linkOidcUser(database.db, identity, { now: T0, logN: 14 })).rejects.toThrow(/disabled/);
  });
});
