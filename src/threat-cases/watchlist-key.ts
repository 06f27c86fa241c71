import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { VaksamError } from '../errors/index.js';
import type { ThreatSettings } from '../config/index.js';

/** Keys derived from the watchlist master key: one seals values (AES-256-GCM), one keys the match hashes (HMAC). */
export interface WatchlistKey {
  sealKey: Buffer;
  matchKey: Buffer;
  /** Keys the pseudonyms retention and erasure put in place of author handles (HMAC), so the key stays outside the DB. */
  pseudonymKey: Buffer;
  /** 12 hex digits naming the master key, stored with each entry so entries of another key are recognised. */
  keyId: string;
}

export class WatchlistKeyError extends VaksamError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('WATCHLIST_KEY', message, options);
  }
}

const KEY_BYTES = 32;

/** Derives the working keys from 32 master bytes (HKDF-SHA-256, one label per use). */
export function deriveWatchlistKey(master: Buffer): WatchlistKey {
  if (master.length !== KEY_BYTES) throw new WatchlistKeyError(`the watchlist key must be ${KEY_BYTES} bytes; got ${master.length}`);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', master, 'vaksam-watchlist', info, KEY_BYTES));
  const matchKey = derive('match');
  return { sealKey: derive('seal'), matchKey, pseudonymKey: derive('pseudonym'), keyId: createHmac('sha256', matchKey).update('key-id').digest('hex').slice(0, 12) };
}

/** 32 bytes written as base64 (44 characters) or hex (64 characters). */
export function parseWatchlistKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-f]{64}$/iu.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new WatchlistKeyError(`${where}: expected ${KEY_BYTES} bytes as base64 or hex (e.g. from \`openssl rand -base64 32\`); got ${bytes.length} bytes`);
  }
  return bytes;
}

export function watchlistKeyPath(settings: ThreatSettings, dataDir: string): string {
  return resolve(settings.watchlistKeyFile ?? join(dataDir, 'watchlist.key'));
}

/**
 * The watchlist key from `threats.watchlistKey`, else from the key file. `create` (the first `watchlist add`) makes
 * a random key file readable by its owner only; otherwise a missing key means no watchlist matching (null).
 */
export async function loadWatchlistKey(settings: ThreatSettings, dataDir: string, options: { create?: boolean } = {}): Promise<WatchlistKey | null> {
  if (settings.watchlistKey !== null) return deriveWatchlistKey(parseWatchlistKey(settings.watchlistKey, 'threats.watchlistKey'));
  const path = watchlistKeyPath(settings, dataDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new WatchlistKeyError(`cannot read the watchlist key file ${path}: ${(err as Error).message}`, { cause: err });
    if (!options.create) return null;
    text = randomBytes(KEY_BYTES).toString('base64');
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${text}\n`, { mode: 0o600, flag: 'wx' });
  }
  return deriveWatchlistKey(parseWatchlistKey(text, path));
}
