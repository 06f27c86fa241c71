import type { CaseDetail, EvidencePack, EvidenceReport, EvidenceTime } from '../threat-cases/index.js';
import { evidenceTime } from '../threat-cases/index.js';

/** Case events that are decisions for the record (status changes, police release, secrecy marking, erasure, retention). */
const DECISION_ACTIONS = new Set(['created', 'status', 'assign', 'note', 'police-released', 'secrecy-marking', 'purged', 'anonymised', 'exported', 'recorded']);

/**
 * A threat case as a record for registration (diarieföring, issue 20): who decided what and when, the police
 * reference, and the SHA-256 of every piece of evidence, so the registered copy can be checked against the evidence
 * pack. It carries the secrecy marking (OSL) the case has, or the configured default.
 */
export interface CaseRecord {
  format: 'vaksam-case-record/1';
  caseNumber: string;
  secrecyMarking: string | null;
  generated: EvidenceTime;
  generatedBy: string;
  /** The case as in the evidence pack, with the times retention and the police release depend on. */
  case: EvidencePack['case'] & {
    policeReleased: EvidenceTime | null;
    statusChanged: EvidenceTime;
    lastPost: EvidenceTime | null;
    anonymised: EvidenceTime | null;
  };
  decisions: Array<{ at: EvidenceTime; actor: string; action: string; from: string | null; to: string | null; note: string | null }>;
  evidence: Array<{ postId: number | null; platform: string; url: string | null; author: string | null; text: string; textSha256: string; published: EvidenceTime | null; fetched: EvidenceTime; level: string; rules: string[]; rulesVersion: string; fetchSha256: string[] }>;
  reports: Array<{ reference: string; received: EvidenceTime; channel: string; screenshotSha256: string[]; captureSha256: string | null }>;
}

export function caseNumberOf(caseId: number): string {
  return `VAKSAM-${String(caseId).padStart(6, '0')}`;
}

export function buildCaseRecord(detail: CaseDetail, reports: readonly EvidenceReport[], by: { now: Date; actor: string; defaultMarking: string | null }): CaseRecord {
  const c = detail.case;
  const time = (d: Date | null) => (d === null ? null : evidenceTime(d));
  return {
    format: 'vaksam-case-record/1',
    caseNumber: caseNumberOf(c.id),
    secrecyMarking: c.secrecyMarking ?? by.defaultMarking,
    generated: evidenceTime(by.now),
    generatedBy: by.actor,
    case: {
      id: c.id,
      level: c.level,
      categories: c.categories,
      status: c.status,
      assignee: c.assignee,
      policeRef: c.policeRef,
      policeReleased: time(c.policeReleasedAt),
      created: evidenceTime(c.createdAt),
      statusChanged: evidenceTime(c.statusChangedAt),
      lastPost: time(c.lastPostAt),
      anonymised: time(c.anonymisedAt),
      postCount: c.postCount,
    },
    decisions: detail.events
      .filter((e) => DECISION_ACTIONS.has(e.action))
      .map((e) => ({ at: evidenceTime(e.at), actor: e.actor, action: e.action, from: e.fromStatus, to: e.toStatus, note: e.note })),
    evidence: detail.posts.map((p) => ({
      postId: p.postId,
      platform: p.platform,
      url: p.url,
      author: p.authorHandle,
      text: p.text,
      textSha256: p.textSha256,
      published: time(p.publishedAt),
      fetched: evidenceTime(p.fetchedAt),
      level: p.level,
      rules: p.rules,
      rulesVersion: p.rulesVersion,
      fetchSha256: p.exchanges.map((x) => x.sha256),
    })),
    reports: reports.map((r) => ({
      reference: r.reference,
      received: r.received,
      channel: r.channel,
      screenshotSha256: r.screenshots.map((s) => s.sha256),
      captureSha256: r.capture?.bodySha256 ?? null,
    })),
  };
}
