import type { ThreatLevel } from '../db/schema/index.js';

/** High and critical threats are mailed one by one at once; medium ones wait for the next batch. */
export function isImmediate(level: ThreatLevel): boolean {
  return level === 'high' || level === 'critical';
}

/** Only critical threats break through quiet hours. */
export function ignoresQuietHours(level: ThreatLevel): boolean {
  return level === 'critical';
}

export function threatKey(postId: number, level: ThreatLevel): string {
  return `threat:post:${postId}:${level}`;
}

/**
 * Medium threats are batched in fixed buckets of `minutes` (aligned to the epoch): the batch for a bucket holds
 * the unalerted medium threats classified before its end, and its key is the same whichever worker builds it.
 */
export function closedBucket(now: Date, minutes: number): { end: Date; dedupeKey: string } {
  const size = minutes * 60_000;
  const end = new Date(Math.floor(now.getTime() / size) * size);
  return { end, dedupeKey: `threat-batch:${end.toISOString()}` };
}
