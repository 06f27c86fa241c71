import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { auditLog, threatCaseEvents, threatCases } from '../db/schema/index.js';
import { ThreatCaseNotFoundError, ThreatCaseReviewError } from './review.js';

/** Longest secrecy marking accepted ("OSL 18 kap. 1 §, 26 kap. 1 §" and a reason fit easily). */
export const MAX_SECRECY_MARKING_CHARS = 120;

/**
 * Records that the police no longer need an escalated case: from then on it is a closed case and retention counts
 * `privacy.closedCaseDays` from this moment (issue 20). Only escalated cases can be released, once.
 */
export async function releaseCase(db: Db, caseId: number, release: { actor: string; note?: string }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(threatCases).where(eq(threatCases.id, caseId)).for('update');
    if (row === undefined) throw new ThreatCaseNotFoundError(caseId);
    if (row.status !== 'escalated') throw new ThreatCaseReviewError(`case ${caseId} is ${row.status}; only an escalated (police) case can be released`, { caseId });
    if (row.policeReleasedAt !== null) throw new ThreatCaseReviewError(`case ${caseId} was released by the police on ${row.policeReleasedAt.toISOString()}`, { caseId });
    await tx.update(threatCases).set({ policeReleasedAt: now, updatedAt: now }).where(eq(threatCases.id, caseId));
    await tx.insert(threatCaseEvents).values({ caseId, at: now, actor: release.actor, action: 'police-released', fromStatus: 'escalated', toStatus: 'escalated', note: release.note ?? null, details: { policeRef: row.policeRef } });
    await tx.insert(auditLog).values({ at: now, actor: release.actor, action: 'threat-case.police-released', subject: `threat-case:${caseId}`, details: { policeRef: row.policeRef } });
  });
}

/** Sets (or, with null, clears) the secrecy marking the case's record and exports carry, e.g. "OSL 18 kap. 1 §". */
export async function setSecrecyMarking(db: Db, caseId: number, change: { actor: string; marking: string | null }, now: Date): Promise<void> {
  const marking = change.marking === null ? null : change.marking.normalize('NFC').replace(/\s+/gu, ' ').trim();
  if (marking !== null && (marking.length === 0 || marking.length > MAX_SECRECY_MARKING_CHARS || /[\p{Cc}]/u.test(marking))) {
    throw new ThreatCaseReviewError(`a secrecy marking is 1-${MAX_SECRECY_MARKING_CHARS} printable characters, e.g. "OSL 18 kap. 1 §"`, { caseId });
  }
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(threatCases).where(eq(threatCases.id, caseId)).for('update');
    if (row === undefined) throw new ThreatCaseNotFoundError(caseId);
    if (row.secrecyMarking === marking) return;
    await tx.update(threatCases).set({ secrecyMarking: marking, updatedAt: now }).where(eq(threatCases.id, caseId));
    await tx.insert(threatCaseEvents).values({ caseId, at: now, actor: change.actor, action: 'secrecy-marking', fromStatus: row.status, toStatus: row.status, details: { from: row.secrecyMarking, to: marking } });
    await tx.insert(auditLog).values({ at: now, actor: change.actor, action: 'threat-case.secrecy-marking', subject: `threat-case:${caseId}`, details: { from: row.secrecyMarking, to: marking } });
  });
}
