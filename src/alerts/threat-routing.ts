import type { ThreatLevel } from '../db/schema/index.js';
import { isAtLeast } from './levels.js';

/** High and critical cases are told one by one at once; medium ones wait for the next batch. */
export function isImmediate(level: ThreatLevel): boolean {
  return level === 'high' || level === 'critical';
}

/** Only critical threats break through quiet hours. */
export function ignoresQuietHours(level: ThreatLevel): boolean {
  return level === 'critical';
}

/** One alert per case and level: a repost joining the case changes neither, so it sends nothing. */
export function threatKey(caseId: number, level: ThreatLevel): string {
  return `threat:case:${caseId}:${level}`;
}

export function growthKey(caseId: number, postCount: number): string {
  return `threat-growth:case:${caseId}:${postCount}`;
}

export function escalationKey(caseId: number): string {
  return `escalation:case:${caseId}`;
}

/** Every alert about one case is one conversation in a mail client. */
export function caseThread(caseId: number): string {
  return `thread:case:${caseId}`;
}

/** What the last alert about a case told, if any. */
export interface CaseTold {
  level: ThreatLevel;
  postCount: number;
  at: Date;
}

export type CaseAlertDecision = { kind: 'threat'; change: 'opened' | 'raised' } | { kind: 'threat-growth' } | null;

/**
 * What to tell about a case now. A high or critical case is told when it opens and when its level rises; with
 * `growthMinutes`, a case that gained posts since it was last told, that long ago or more, gets a summary. A medium
 * case waits for the batch; a dismissed one is not told.
 */
export function decideCaseAlert(
  c: { level: ThreatLevel; status: string; postCount: number },
  told: CaseTold | null,
  now: Date,
  growthMinutes: number | null,
): CaseAlertDecision {
  if (!isImmediate(c.level) || c.status === 'dismissed') return null;
  if (told === null) return { kind: 'threat', change: 'opened' };
  if (!isAtLeast(told.level, c.level)) return { kind: 'threat', change: 'raised' };
  if (growthMinutes === null || c.postCount <= told.postCount) return null;
  return now.getTime() - told.at.getTime() >= growthMinutes * 60_000 ? { kind: 'threat-growth' } : null;
}

/**
 * Medium threats are batched in fixed buckets of `minutes` (aligned to the epoch): the batch for a bucket holds
 * the untold medium cases opened before its end, and its key is the same whichever worker builds it.
 */
export function closedBucket(now: Date, minutes: number): { end: Date; dedupeKey: string } {
  const size = minutes * 60_000;
  const end = new Date(Math.floor(now.getTime() / size) * size);
  return { end, dedupeKey: `threat-batch:${end.toISOString()}` };
}
