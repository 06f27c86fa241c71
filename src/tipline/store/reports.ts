import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { tiplineReports, tiplineScreenshots, type ReportChannel, type ReportStatus } from '../../db/schema/index.js';
import { recordAudit } from '../../users/index.js';
import { ReportNotFoundError } from '../errors.js';
import { newReportReference } from '../report/reference.js';
import type { ReportInput } from '../report/report-input.js';

export type ReportRow = typeof tiplineReports.$inferSelect;
/** A screenshot without its image bytes (lists and pages load those separately). */
export type ScreenshotRow = Omit<typeof tiplineScreenshots.$inferSelect, 'data'> & { stored: boolean };

/** Who sent a report and how it arrived. */
export interface ReportIntake {
  channel: ReportChannel;
  /** Same key, same report: the form's one-time token, the email's Message-ID, the link session and token. */
  intakeKey: string;
  reporter: { userId?: number | null; name?: string | null; email?: string | null };
  linkId?: number | null;
  subject?: string | null;
  metadata?: Record<string, unknown>;
  /** For the audit log: a user name, `link:<id>` or `mailbox`. */
  actor: string;
}

export interface CreatedReport {
  id: number;
  reference: string;
  /** False when the intake key was seen before: the earlier report is returned and nothing is stored. */
  created: boolean;
}

/** Stores a checked report and its screenshots in one transaction, once per intake key, and audits it (ids only). */
export async function createReport(db: Db, input: ReportInput, intake: ReportIntake, now: Date): Promise<CreatedReport> {
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    const [row] = await tx
      .insert(tiplineReports)
      .values({
        reference: newReportReference(),
        intakeKey: intake.intakeKey,
        channel: intake.channel,
        concerns: input.concerns,
        reportedUrl: input.reportedUrl,
        reportedText: input.reportedText,
        subject: intake.subject ?? null,
        reporterUserId: intake.reporter.userId ?? null,
        reporterName: intake.reporter.name ?? null,
        reporterEmail: intake.reporter.email ?? null,
        linkId: intake.linkId ?? null,
        metadata: intake.metadata ?? {},
        receivedAt: now,
      })
      .onConflictDoNothing({ target: tiplineReports.intakeKey })
      .returning({ id: tiplineReports.id, reference: tiplineReports.reference });
    if (row === undefined) {
      const [earlier] = await tx.select({ id: tiplineReports.id, reference: tiplineReports.reference }).from(tiplineReports).where(eq(tiplineReports.intakeKey, intake.intakeKey));
      if (earlier === undefined) throw new Error('a report with this intake key vanished while it was being stored');
      return { id: Number(earlier.id), reference: earlier.reference, created: false };
    }
    const id = Number(row.id);
    if (input.screenshots.length > 0) {
      await tx.insert(tiplineScreenshots).values(
        input.screenshots.map((s, i) => ({
          reportId: id,
          position: i + 1,
          filename: s.filename,
          contentType: s.contentType,
          width: s.width,
          height: s.height,
          bytes: s.data.length,
          sha256: s.sha256,
          receivedSha256: s.receivedSha256,
          removedMetadata: s.removed,
          data: s.data,
          createdAt: now,
        })),
      );
    }
    await recordAudit(tx, {
      at: now,
      actor: intake.actor,
      action: 'tipline.report',
      subject: `tipline-report:${row.reference}`,
      details: { channel: intake.channel, screenshots: input.screenshots.length, url: input.reportedUrl !== null },
    });
    return { id, reference: row.reference, created: true };
  });
}

const SCREENSHOT_COLUMNS = {
  id: tiplineScreenshots.id,
  reportId: tiplineScreenshots.reportId,
  position: tiplineScreenshots.position,
  filename: tiplineScreenshots.filename,
  contentType: tiplineScreenshots.contentType,
  width: tiplineScreenshots.width,
  height: tiplineScreenshots.height,
  bytes: tiplineScreenshots.bytes,
  sha256: tiplineScreenshots.sha256,
  receivedSha256: tiplineScreenshots.receivedSha256,
  removedMetadata: tiplineScreenshots.removedMetadata,
  ocrStatus: tiplineScreenshots.ocrStatus,
  ocrText: tiplineScreenshots.ocrText,
  ocrError: tiplineScreenshots.ocrError,
  ocrMs: tiplineScreenshots.ocrMs,
  createdAt: tiplineScreenshots.createdAt,
  stored: sql<boolean>`${tiplineScreenshots.data} is not null`,
};

export interface ReportDetail {
  report: ReportRow;
  screenshots: ScreenshotRow[];
}

export async function getReport(db: Db, key: { id: number } | { reference: string }): Promise<ReportDetail> {
  const where = 'id' in key ? eq(tiplineReports.id, key.id) : eq(tiplineReports.reference, key.reference);
  const [report] = await db.select().from(tiplineReports).where(where);
  if (report === undefined) throw new ReportNotFoundError('id' in key ? key.id : key.reference);
  return { report, screenshots: await screenshotsOf(db, [Number(report.id)]) };
}

export async function screenshotsOf(db: Db, reportIds: readonly number[]): Promise<ScreenshotRow[]> {
  if (reportIds.length === 0) return [];
  const rows = await db
    .select(SCREENSHOT_COLUMNS)
    .from(tiplineScreenshots)
    .where(inArray(tiplineScreenshots.reportId, [...reportIds]))
    .orderBy(asc(tiplineScreenshots.reportId), asc(tiplineScreenshots.position));
  return rows.map((r) => ({ ...r, id: Number(r.id), reportId: Number(r.reportId), stored: Boolean(r.stored) }));
}

/** The stored image of one screenshot, or null when there is none (or retention removed it). */
export async function screenshotImage(db: Db, reference: string, position: number): Promise<{ contentType: string; data: Buffer; sha256: string } | null> {
  const [row] = await db
    .select({ contentType: tiplineScreenshots.contentType, data: tiplineScreenshots.data, sha256: tiplineScreenshots.sha256 })
    .from(tiplineScreenshots)
    .innerJoin(tiplineReports, eq(tiplineReports.id, tiplineScreenshots.reportId))
    .where(and(eq(tiplineReports.reference, reference), eq(tiplineScreenshots.position, position)));
  return row?.data ? { contentType: row.contentType, data: row.data, sha256: row.sha256 } : null;
}

/** Newest first, optionally of one status. */
export async function listReports(db: Db, filter: { status?: ReportStatus; limit?: number } = {}): Promise<ReportRow[]> {
  const where: SQL[] = [];
  if (filter.status) where.push(eq(tiplineReports.status, filter.status));
  return db
    .select()
    .from(tiplineReports)
    .where(where.length > 0 ? and(...where) : undefined)
    .orderBy(desc(tiplineReports.receivedAt), desc(tiplineReports.id))
    .limit(filter.limit ?? 200);
}

/** The reports behind posts (a threat case's posts), keyed by post id. */
export async function reportsOfPosts(db: Db, postIds: readonly number[]): Promise<Map<number, ReportDetail>> {
  if (postIds.length === 0) return new Map();
  const reports = await db.select().from(tiplineReports).where(inArray(tiplineReports.postId, [...postIds]));
  const shots = await screenshotsOf(db, reports.map((r) => Number(r.id)));
  return new Map(reports.map((report) => [Number(report.postId), { report, screenshots: shots.filter((s) => s.reportId === Number(report.id)) }]));
}

/** Reports not yet filed as posts (lost jobs, failures worth another try), oldest first. */
export async function unprocessedReportIds(db: Db, receivedBefore: Date, maxAttempts: number, limit: number): Promise<number[]> {
  const rows = await db
    .select({ id: tiplineReports.id })
    .from(tiplineReports)
    .where(and(inArray(tiplineReports.status, ['received', 'failed']), sql`${tiplineReports.receivedAt} < ${receivedBefore.toISOString()}::timestamptz`, sql`${tiplineReports.attempts} < ${maxAttempts}`))
    .orderBy(asc(tiplineReports.receivedAt))
    .limit(limit);
  return rows.map((r) => Number(r.id));
}
