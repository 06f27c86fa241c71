import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { AccountInputError } from './errors.js';

/** scrypt block size and parallelism (RFC 7914; OWASP: N=2^17, r=8, p=1). N comes from config (`http.scryptLogN`). */
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_BYTES = 32;
const SALT_BYTES = 16;
export const MIN_PASSWORD_CHARS = 12;
/** Bounds the work an attacker can ask for with one huge password. */
export const MAX_PASSWORD_CHARS = 1024;
/** Hashes run at once per process: each takes 128 MiB at the default cost, so a burst must not exhaust memory. */
const MAX_CONCURRENT_HASHES = 2;

interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

/** Rejects passwords that break the length rules, with a message that says which. */
export function checkPasswordRules(password: string): void {
  if (password.length < MIN_PASSWORD_CHARS) throw new AccountInputError(`password too short: at least ${MIN_PASSWORD_CHARS} characters are required`);
  if (password.length > MAX_PASSWORD_CHARS) throw new AccountInputError(`password too long: at most ${MAX_PASSWORD_CHARS} characters are allowed`);
}

/** `scrypt$<logN>$<r>$<p>$<salt>$<key>` with base64url salt and key. */
export async function hashPassword(password: string, logN: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const params = { logN, r: BLOCK_SIZE, p: PARALLELISM };
  const key = await derive(password, salt, params);
  return ['scrypt', logN, BLOCK_SIZE, PARALLELISM, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export interface VerifyOutcome {
  ok: boolean;
  /** The stored hash is cheaper than the configured cost: store a new one while the password is at hand. */
  needsRehash: boolean;
}

/** Compares in constant time; an unknown or damaged hash format verifies as false. */
export async function verifyPassword(password: string, stored: string, logN: number): Promise<VerifyOutcome> {
  const parsed = parseHash(stored);
  if (!parsed || password.length > MAX_PASSWORD_CHARS) return { ok: false, needsRehash: false };
  const key = await derive(password, parsed.salt, parsed.params);
  const ok = key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
  return { ok, needsRehash: ok && parsed.params.logN < logN };
}

/**
 * Spends the same time as a real check, for a user name that does not exist: answers then take as long whether
 * or not the account exists, so timing does not tell which names are valid.
 */
export async function spendVerifyTime(password: string, logN: number): Promise<void> {
  await derive(password.slice(0, MAX_PASSWORD_CHARS), Buffer.alloc(SALT_BYTES), { logN, r: BLOCK_SIZE, p: PARALLELISM });
}

/** A random password of 24 base64url characters (144 bits), for first-run and reset accounts. */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}

function parseHash(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 22 || r < 1 || r > 32 || p < 1 || p > 16) return null;
  return { params: { logN, r, p }, salt: Buffer.from(parts[4]!, 'base64url'), key: Buffer.from(parts[5]!, 'base64url') };
}

let running = 0;
const waiting: Array<() => void> = [];

async function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  await acquireHashSlot();
  try {
    return await scryptAsync(password.normalize('NFC'), salt, params);
  } finally {
    releaseHashSlot();
  }
}

async function acquireHashSlot(): Promise<void> {
  if (running < MAX_CONCURRENT_HASHES) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve));
}

/** Hands the slot straight to the next waiter, so a newcomer cannot slip in between. */
function releaseHashSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running--;
}

function scryptAsync(password: string, salt: Buffer, { logN, r, p }: ScryptParams): Promise<Buffer> {
  const N = 2 ** logN;
  // Node refuses scrypt above 32 MiB unless maxmem allows it: memory use is 128 * N * r bytes.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}
