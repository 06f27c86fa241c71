import { describe, expect, it } from 'vitest';
import { AccountInputError, checkPasswordRules, generatePassword, hashPassword, verifyPassword } from '../../src/users/index.js';

const LOG_N = 14;

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery', LOG_N);
    expect(stored).toMatch(/^scrypt\$14\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword('correct horse battery', stored, LOG_N)).toEqual({ ok: true, needsRehash: false });
    expect((await verifyPassword('correct horse batterY', stored, LOG_N)).ok).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password here', LOG_N)).not.toBe(await hashPassword('same password here', LOG_N));
  });

  it('asks for a rehash when the stored cost is below the configured one', async () => {
    const stored = await hashPassword('correct horse battery', LOG_N);
    expect(await verifyPassword('correct horse battery', stored, LOG_N + 1)).toEqual({ ok: true, needsRehash: true });
  });

  it.each([
    ['another scheme', 'bcrypt$2b$10$abc'],
    ['too few parts', 'scrypt$14$8$1$c2FsdA'],
    ['a cost out of range', 'scrypt$40$8$1$c2FsdA$a2V5'],
    ['garbage', ''],
  ])('treats %s as not matching', async (_name, stored) => {
    expect(await verifyPassword('whatever password', stored, LOG_N)).toEqual({ ok: false, needsRehash: false });
  });

  it.each([
    ['short', false],
    ['twelve chars', true],
    ['x'.repeat(1024), true],
    ['x'.repeat(1025), false],
  ])('length rule for %j: accepted %s', (password, ok) => {
    if (ok) expect(() => checkPasswordRules(password)).not.toThrow();
    else expect(() => checkPasswordRules(password)).toThrow(AccountInputError);
  });

  it('generates 24-character random passwords', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
