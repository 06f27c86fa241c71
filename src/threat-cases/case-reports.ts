import { asc, eq, inArray, isNull, and, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { threatCaseEvents, threatCasePosts, tiplineCaptures, tiplineReports, tiplineScreenshots } from '../db/schema/index.js';
import { evidenceTime, type EvidenceTime } from './evidence-time.js';

/** A staff report in an evidence pack: who reported what, the capture of the link, each screenshot with hash and OCR text. */
export interface EvidenceReport {
  reference: string;
  channel: string;
  received: EvidenceTime;
  reporter: { name: string | null; email: string | null };
  concerns: string;
  reportedUrl: string | null;
  reportedText: string;
  subject: string | null;
  capture: { status: string; reason: string | null; parser: string | null; finalUrl: string | null; httpStatus: number | null; headers: Record<string, string>; bodySha256: string | null; bytes: number; fetched: EvidenceTime | null } | null;
  screenshots: Array<{
    position: number;
    /** The image file written beside the pack (null when retention removed the image). */
    file: string | null;
    filename: string;
    contentType: string;
    width: number;
    height: number;
    sha256: string;
    receivedSha256: string;
    removedMetadata: string[];
    ocrStatus: string;
    ocrText: string | null;
  }>;
}

export interface ReportImage {
  file: string;
  data: Buffer;
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

async function reportsOfCase(db: Db, caseId: number) {
  return db
    .select({ report: tiplineReports })
    .from(tiplineReports)
    .innerJoin(threatCasePosts, eq(threatCasePosts.postId, tiplineReports.postId))
    .where(eq(threatCasePosts.caseId, caseId))
    .orderBy(asc(tiplineReports.receivedAt), asc(tiplineReports.id));
}

/** The reports filed in a case, for its evidence pack, with the screenshot files to write beside it. */
export async function caseReportEvidence(db: Db, caseId: number): Promise<{ reports: EvidenceReport[]; images: ReportImage[] }> {
  const rows = await reportsOfCase(db, caseId);
  const images: ReportImage[] = [];
  const reports: EvidenceReport[] = [];
  for (const { report: r } of rows) {
    const id = Number(r.id);
    const shots = await db.select().from(tiplineScreenshots).where(eq(tiplineScreenshots.reportId, id)).orderBy(asc(tiplineScreenshots.position));
    const [capture] = await db.select().from(tiplineCaptures).where(eq(tiplineCaptures.reportId, id));
    reports.push({
      reference: r.reference,
      channel: r.channel,
      received: evidenceTime(r.receivedAt),
      reporter: { name: r.reporterName, email: r.reporterEmail },
      concerns: r.concerns,
      reportedUrl: r.reportedUrl,
      reportedText: r.reportedText,
      subject: r.subject,
      capture: r.capture
        ? { status: r.capture.status, reason: r.capture.reason, parser: r.capture.parser, finalUrl: capture?.finalUrl ?? null, httpStatus: capture?.httpStatus ?? null, headers: capture?.headers ?? {}, bodySha256: capture?.bodySha256 ?? null, bytes: capture?.bytes ?? 0, fetched: capture ? evidenceTime(capture.fetchedAt) : null }
        : null,
      screenshots: shots.map((s) => {
        const file = s.data ? `case-${caseId}-${r.reference}-${s.position}.${EXTENSIONS[s.contentType] ?? 'bin'}` : null;
        if (file && s.data) images.push({ file, data: s.data });
        return { position: s.position, file, filename: s.filename, contentType: s.contentType, width: s.width, height: s.height, sha256: s.sha256, receivedSha256: s.receivedSha256, removedMetadata: s.removedMetadata, ocrStatus: s.ocrStatus, ocrText: s.ocrText };
      }),
    });
  }
  return { reports, images };
}

/**
 * Retention of the reports in purged cases, inside the purge's transaction: the reporter's identity, texts, OCR text,
 * images and the captured page go; the reference, times, channel and every SHA-256 stay as the record that a report
 * existed and what it was.
 */
export async function purgeCaseReports(tx: Db, caseIds: readonly number[], now: Date): Promise<number> {
  if (caseIds.length === 0) return 0;
  const purged = await tx
    .update(tiplineReports)
    .set({
      reportedText: '',
      subject: null,
      reporterUserId: null,
      reporterName: null,
      reporterEmail: null,
      metadata: {},
      capture: sql`case when ${tiplineReports.capture} is null then null else jsonb_set(jsonb_set(jsonb_set(${tiplineReports.capture}, '{text}', '""'), '{title}', 'null'), '{author}', 'null') end`,
      purgedAt: now,
    })
    .where(and(isNull(tiplineReports.purgedAt), inArray(tiplineReports.postId, tx.select({ id: threatCasePosts.postId }).from(threatCasePosts).where(inArray(threatCasePosts.caseId, [...caseIds])))))
    .returning({ id: tiplineReports.id, reference: tiplineReports.reference, postId: tiplineReports.postId });
  const ids = purged.map((r) => Number(r.id));
  if (ids.length === 0) return 0;
  await tx.update(tiplineScreenshots).set({ data: null, ocrText: null, ocrError: null }).where(inArray(tiplineScreenshots.reportId, ids));
  await tx.update(tiplineCaptures).set({ html: null, text: null }).where(inArray(tiplineCaptures.reportId, ids));
  const caseOf = await tx.select({ postId: threatCasePosts.postId, caseId: threatCasePosts.caseId }).from(threatCasePosts).where(inArray(threatCasePosts.caseId, [...caseIds]));
  const events = purged.map((r) => ({ caseId: Number(caseOf.find((c) => c.postId === r.postId)?.caseId), at: now, actor: 'vaksam', action: 'report-purged', details: { reference: r.reference } }));
  await tx.insert(threatCaseEvents).values(events.filter((e) => Number.isFinite(e.caseId)));
  return ids.length;
}
