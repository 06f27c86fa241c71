import { randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a number read over the phone cannot be misheard. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference number for the reporter's receipt: `R-` and ten random base32 characters (50 bits) in two groups. */
export function newReportReference(bytes: Buffer = randomBytes(7)): string {
  let value = 0n;
  for (const byte of bytes.subarray(0, 7)) value = (value << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return `R-${out.slice(0, 5)}-${out.slice(5)}`;
}

/** Accepts a typed reference in any case, with or without dashes, and with O/I/L typed for 0/1. */
export function normalizeReference(typed: string): string | null {
  const compact = typed
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/^R/, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{10}$/.test(compact)) return null;
  return `R-${compact.slice(0, 5)}-${compact.slice(5)}`;
}
