import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { WatchlistKeyError } from './watchlist-key.js';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/** AES-256-GCM: base64url of iv | tag | ciphertext. A fresh random IV per value. */
export function sealValue(value: string, sealKey: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
  const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
}

/** Opens a sealed value; fails (WATCHLIST_KEY) when the key is not the one that sealed it or the data was altered. */
export function openValue(sealed: string, sealKey: Buffer): string {
  const bytes = Buffer.from(sealed, 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', sealKey, bytes.subarray(0, IV_BYTES));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch (cause) {
    throw new WatchlistKeyError('a watchlist entry cannot be opened with this key (another key sealed it, or it was altered)', { cause });
  }
}
