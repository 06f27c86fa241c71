import { eq } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { tiplineCaptures, tiplineReports, type CaptureSummary } from '../../db/schema/index.js';
import type { Fetcher } from '../../fetch/index.js';
import { captureReportedUrl } from '../capture/capture-url.js';
import type { TiplineSettings } from '../../config/index.js';

/** Captures the reported URL once (a retried job reuses the stored capture) and returns what it gave. */
export async function captureOnce(deps: { db: Db; fetcher: Fetcher; now: () => Date; settings: TiplineSettings }, report: { id: number; reportedUrl: string | null; capture: CaptureSummary | null }): Promise<CaptureSummary | null> {
  if (report.reportedUrl === null) return null;
  if (report.capture !== null) return report.capture;
  if (!deps.settings.capture.enabled) return store(deps.db, report.id, skipped('capture is turned off (tipline.capture.enabled)'));
  const outcome = await captureReportedUrl(deps.fetcher, report.reportedUrl, deps.settings.capture, deps.now);
  if (outcome.archive) {
    const { html, ...rest } = outcome.archive;
    await deps.db.insert(tiplineCaptures).values({ reportId: report.id, ...rest, html }).onConflictDoNothing();
  }
  return store(deps.db, report.id, outcome.summary);
}

async function store(db: Db, reportId: number, summary: CaptureSummary): Promise<CaptureSummary> {
  await db.update(tiplineReports).set({ capture: summary }).where(eq(tiplineReports.id, reportId));
  return summary;
}

function skipped(reason: string): CaptureSummary {
  return { status: 'skipped', reason, parser: null, title: null, author: null, publishedAt: null, language: null, text: '' };
}
