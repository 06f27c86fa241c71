import { and, eq, sql } from 'drizzle-orm';
import type { ClassifyCaches } from '../../classify-store/index.js';
import { classifyPosts } from '../../classify-store/index.js';
import type { Db } from '../../db/index.js';
import { upsertPosts } from '../../db/queries/index.js';
import { posts, threatCaseEvents, threatCasePosts, tiplineReports, type CaptureSummary } from '../../db/schema/index.js';
import { contentHash, ensureUnscheduledSource } from '../../pipeline/index.js';
import { TIPLINE_SOURCE_KIND } from '../../sources/index.js';
import { assessThreats, fileCases, SYSTEM_ACTOR } from '../../threat-cases/index.js';
import { composeReportText } from '../report/compose.js';
import type { ReportRow, ScreenshotRow } from '../store/reports.js';

export const TIPLINE_PLATFORM = 'tipline';

export interface FiledReport {
  postId: number;
  caseId: number;
}

/**
 * Turns a report into a post of the `tipline` source and puts it through the classify stage like any post
 * (narratives, threats, cases in one transaction). A staff report always reaches the review queue: when the
 * assessment stays below medium, the post is filed as a case of its own level. The case history records the
 * report (reference and channel; the reporter's identity stays in the report, shown to security roles only).
 */
export async function fileReport(db: Db, caches: ClassifyCaches, report: ReportRow, screenshots: readonly ScreenshotRow[], capture: CaptureSummary | null, now: Date): Promise<FiledReport> {
  const composed = composeReportText({
    reference: report.reference,
    captured: capture?.text ?? null,
    reported: report.reportedText,
    ocr: screenshots.map((s) => ({ position: s.position, text: s.ocrText })),
  });
  const item = {
    externalId: report.reference,
    url: report.reportedUrl,
    authorHandle: capture?.author ?? null,
    title: null,
    text: composed.text,
    language: capture?.language ?? null,
    publishedAt: capture?.publishedAt ? new Date(capture.publishedAt) : null,
    metadata: { tipline: { reference: report.reference, channel: report.channel, concerns: report.concerns, sections: composed.sections }, capture: capture ? { status: capture.status, parser: capture.parser, title: capture.title } : null },
  };
  const sourceId = await ensureUnscheduledSource(db, { kind: TIPLINE_SOURCE_KIND, name: 'tipline: staff reports', url: 'tipline://reports', config: {} });
  await upsertPosts(db, { sourceId, platform: TIPLINE_PLATFORM, fetchRunId: null, now }, [{ ...item, contentHash: contentHash(item) }]);
  const [post] = await db.select({ id: posts.id }).from(posts).where(and(eq(posts.sourceId, sourceId), eq(posts.externalId, report.reference)));
  const postId = Number((post as { id: number }).id);
  await classifyPosts(db, caches, [postId], now);
  const caseId = await ensureCase(db, caches, postId, now);
  await db.transaction(async (tx) => {
    const [noted] = await tx
      .select({ id: threatCaseEvents.id })
      .from(threatCaseEvents)
      .where(and(eq(threatCaseEvents.caseId, caseId), eq(threatCaseEvents.action, 'reported'), sql`${threatCaseEvents.details}->>'reference' = ${report.reference}`));
    if (!noted) await tx.insert(threatCaseEvents).values({ caseId, at: now, actor: SYSTEM_ACTOR, action: 'reported', details: { reference: report.reference, channel: report.channel, postId } });
    await tx.update(tiplineReports).set({ postId, status: 'processed', processedAt: now, errorCode: null, error: null }).where(eq(tiplineReports.id, Number(report.id)));
  });
  return { postId, caseId };
}

/** The case of the post: the one classifying filed (medium and up), else one filed here at the assessed level. */
async function ensureCase(db: Db, caches: ClassifyCaches, postId: number, now: Date): Promise<number> {
  const filed = await caseOfPost(db, postId);
  if (filed !== null) return filed;
  const [row] = await db
    .select({ id: posts.id, title: posts.title, text: posts.text, language: posts.language, platform: posts.platform, author: posts.authorHandle, url: posts.url, contentHash: posts.contentHash })
    .from(posts)
    .where(eq(posts.id, postId));
  const threats = await caches.threats.get();
  const rows = assessThreats(threats.detector, threats.version, [{ ...(row as NonNullable<typeof row>), id: postId }], threats.suggester);
  await db.transaction((tx) => fileCases(tx as unknown as Db, rows, now));
  const caseId = await caseOfPost(db, postId);
  if (caseId === null) throw new Error(`report post ${postId} was not filed as a case`);
  return caseId;
}

async function caseOfPost(db: Db, postId: number): Promise<number | null> {
  const [row] = await db.select({ caseId: threatCasePosts.caseId }).from(threatCasePosts).where(eq(threatCasePosts.postId, postId));
  return row ? Number(row.caseId) : null;
}
