import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { auditLog, threatCaseEvents, threatCases, type ThreatCaseStatus, type ThreatCaseVerdict } from '../db/schema/index.js';
import { VaksamError } from '../errors/index.js';
import { levelRank, type ThreatLevel } from '../threats/index.js';

export const CASE_STATUSES: readonly ThreatCaseStatus[] = ['new', 'acknowledged', 'escalated', 'dismissed'];

/** Reviewers' verdicts: the level was right, it is no threat, or it is one at another level (issue 15). */
export const CASE_VERDICTS: readonly ThreatCaseVerdict[] = ['confirmed', 'not-a-threat', 'wrong-level'];

/**
 * Allowed moves (../shared/DOMAIN.md: new → reviewed → escalated to police / dismissed). A new case may be escalated
 * or dismissed at once; a dismissed one may be reopened (acknowledged); an escalated one is final (notes still allowed).
 */
export const CASE_TRANSITIONS: Readonly<Record<ThreatCaseStatus, readonly ThreatCaseStatus[]>> = {
  new: ['acknowledged', 'escalated', 'dismissed'],
  acknowledged: ['escalated', 'dismissed'],
  dismissed: ['acknowledged'],
  escalated: [],
};

export class ThreatCaseNotFoundError extends VaksamError {
  constructor(id: number) {
    super('THREAT_CASE_NOT_FOUND', `no threat case ${id}; see \`vaksam threats list\``, { details: { id } });
  }
}

export class ThreatCaseReviewError extends VaksamError {
  constructor(message: string, details: Record<string, unknown>) {
    super('THREAT_CASE_REVIEW', message, { details });
  }
}

export interface CaseReview {
  /** Who reviews (a name, or `cli:<os user>`). */
  actor: string;
  status?: ThreatCaseStatus;
  note?: string;
  assignee?: string;
  /** Required when escalating: the police report reference. */
  policeRef?: string;
  /** Without it, acknowledging or escalating confirms the case and dismissing says it is not a threat. */
  verdict?: ThreatCaseVerdict;
  /** With verdict `wrong-level`: the level the reviewer says is right (low, medium, high or critical). */
  verdictLevel?: ThreatLevel;
}

export function isCaseStatus(value: string): value is ThreatCaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value);
}

export function isCaseVerdict(value: string): value is ThreatCaseVerdict {
  return (CASE_VERDICTS as readonly string[]).includes(value);
}

/** The verdict a review leaves: the one given, else what the status change says, else the one already recorded. */
function verdictOf(review: CaseReview, row: { verdict: ThreatCaseVerdict | null; verdictLevel: ThreatLevel | null }, from: ThreatCaseStatus, to: ThreatCaseStatus, caseId: number): { verdict: ThreatCaseVerdict | null; verdictLevel: ThreatLevel | null } {
  if (review.verdict === 'wrong-level') {
    if (review.verdictLevel === undefined || levelRank(review.verdictLevel) < levelRank('low')) {
      throw new ThreatCaseReviewError(`verdict wrong-level on case ${caseId} needs the right level (low, medium, high or critical); a post that is no threat is not-a-threat`, { caseId });
    }
    return { verdict: 'wrong-level', verdictLevel: review.verdictLevel };
  }
  if (review.verdictLevel !== undefined) throw new ThreatCaseReviewError(`a right level goes with verdict wrong-level only (case ${caseId})`, { caseId });
  if (review.verdict !== undefined) return { verdict: review.verdict, verdictLevel: null };
  const kept = { verdict: row.verdict, verdictLevel: row.verdictLevel };
  if (to === from) return kept;
  if (to === 'dismissed') return { verdict: 'not-a-threat', verdictLevel: null };
  if (row.verdict === 'wrong-level') return kept;
  return { verdict: 'confirmed', verdictLevel: null };
}

/**
 * Applies a review: a status change (validated), an assignment, a note, in one transaction, each recorded in the
 * case history and the audit log (who, what, when). Returns the case's status afterwards.
 */
export async function reviewCase(db: Db, caseId: number, review: CaseReview, now: Date): Promise<ThreatCaseStatus> {
  if (review.status === undefined && review.note === undefined && review.assignee === undefined && review.policeRef === undefined && review.verdict === undefined) {
    throw new ThreatCaseReviewError('nothing to record: give a status, a verdict, a note, an assignee or a police reference', { caseId });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(threatCases).where(eq(threatCases.id, caseId)).for('update');
    if (row === undefined) throw new ThreatCaseNotFoundError(caseId);
    const from = row.status;
    const to = review.status ?? from;
    if (to !== from && !CASE_TRANSITIONS[from].includes(to)) {
      const allowed = CASE_TRANSITIONS[from];
      throw new ThreatCaseReviewError(`case ${caseId} is ${from}; it can become ${allowed.length > 0 ? allowed.join(' or ') : 'nothing else (final)'}, not ${to}`, { caseId, from, to });
    }
    const policeRef = review.policeRef ?? row.policeRef;
    if (to === 'escalated' && from !== 'escalated' && !policeRef) {
      throw new ThreatCaseReviewError(`escalating case ${caseId} needs the police report reference (--police-ref)`, { caseId });
    }
    const verdict = verdictOf(review, row, from, to, caseId);
    await tx
      .update(threatCases)
      .set({
        status: to,
        assignee: review.assignee ?? row.assignee,
        policeRef,
        ...verdict,
        updatedAt: now,
        ...(to !== from ? { statusChangedAt: now } : {}),
      })
      .where(eq(threatCases.id, caseId));
    const verdictChanged = verdict.verdict !== row.verdict || verdict.verdictLevel !== row.verdictLevel;
    const details = {
      ...(review.assignee === undefined ? {} : { assignee: review.assignee }),
      ...(review.policeRef === undefined ? {} : { policeRef: review.policeRef }),
      ...(verdictChanged ? { verdict: verdict.verdict, ...(verdict.verdictLevel === null ? {} : { verdictLevel: verdict.verdictLevel }) } : {}),
    };
    const action = to !== from ? 'status' : review.verdict !== undefined ? 'verdict' : review.assignee !== undefined ? 'assign' : 'note';
    await tx.insert(threatCaseEvents).values({
      caseId,
      at: now,
      actor: review.actor,
      action,
      fromStatus: from,
      toStatus: to,
      note: review.note ?? null,
      details,
    });
    await tx.insert(auditLog).values({ at: now, actor: review.actor, action: `threat-case.${action}`, subject: `threat-case:${caseId}`, details: { from, to, ...details } });
    return to;
  });
}
