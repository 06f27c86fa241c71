import { createHash } from 'node:crypto';

/** Which half of an evaluation set a labelled post belongs to: fixed once by a hash of its id, never by content. */
export type EvalHalf = 'tune' | 'test';

/** The first byte of SHA-256(id): below 128 is the tuning half, the rest is the test half (issue 15). */
export function evalHalf(id: string): EvalHalf {
  return createHash('sha256').update(id, 'utf8').digest()[0]! < 128 ? 'tune' : 'test';
}
