import { eq, sql } from 'drizzle-orm';
import type { ClassifyCaches } from '../../classify-store/index.js';
import type { Db } from '../../db/index.js';
import { tiplineReports } from '../../db/schema/index.js';
import type { Fetcher } from '../../fetch/index.js';
import type { Logger } from '../../log/index.js';
import type { TiplineSettings } from '../../config/index.js';
import { getReport } from '../store/reports.js';
import { captureOnce } from './capture-step.js';
import { fileReport, type FiledReport } from './file-report.js';
import { readPendingScreenshots, type OcrProbe } from './ocr-step.js';

/** Tries of one report (jobs and sweeps together) before it is marked failed and left for a person to look at. */
export const MAX_REPORT_ATTEMPTS = 5;

export interface ProcessReportDeps {
  db: Db;
  fetcher: Fetcher;
  log: Logger;
  now: () => Date;
  settings: TiplineSettings;
  probe: OcrProbe;
  caches: ClassifyCaches;
  /** Hands the report's post to the alert stage, where a high or critical threat is mailed at once. */
  alert(postIds: number[]): Promise<void>;
}

/**
 * One report through the pipeline: OCR of its screenshots, capture of its URL, then a post classified and filed in
 * the review queue, then the alert stage. Every step stores its result, so a retried job redoes only what is missing;
 * filing is idempotent (the post is keyed by the reference). A failure is recorded on the report and rethrown.
 */
export async function processReport(deps: ProcessReportDeps, reportId: number): Promise<FiledReport> {
  try {
    await readPendingScreenshots({ ...deps, settings: deps.settings.ocr }, reportId);
    const { report } = await getReport(deps.db, { id: reportId });
    const capture = await captureOnce(deps, { id: reportId, reportedUrl: report.reportedUrl, capture: report.capture });
    const detail = await getReport(deps.db, { id: reportId });
    const filed = await fileReport(deps.db, deps.caches, detail.report, detail.screenshots, capture, deps.now());
    deps.log.info({ reportId, postId: filed.postId, caseId: filed.caseId }, 'report filed');
    await deps.alert([filed.postId]);
    return filed;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    await deps.db
      .update(tiplineReports)
      .set({
        attempts: sql`${tiplineReports.attempts} + 1`,
        status: sql`case when ${tiplineReports.attempts} + 1 >= ${MAX_REPORT_ATTEMPTS} then 'failed' else ${tiplineReports.status} end`,
        errorCode: typeof code === 'string' ? code : 'INTERNAL',
        error: (error as Error).message.slice(0, 1000),
      })
      .where(eq(tiplineReports.id, reportId));
    throw error;
  }
}
