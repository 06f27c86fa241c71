import type { Processor } from 'bullmq';
import type { App } from '../src/app/context.js';
import type { TiplineJobData } from '../src/queue/index.js';
import { OcrProbe, pollMailbox, processReport, unprocessedReportIds, type ProcessReportDeps } from '../src/tipline/index.js';
import { classifyCachesOf } from './classify.js';

/** A report not filed this long after it arrived lost its job (or failed): the sweep queues it again. */
const LOST_AFTER_MS = 10 * 60_000;
const MAX_ATTEMPTS = 5;

/** Staff reports: one report per job (OCR, capture, filing), the mailbox poll, and the sweep of lost reports. */
export function tiplineProcessor(app: App): Processor<TiplineJobData> {
  const caches = classifyCachesOf(app);
  const settings = app.config.tipline;
  const probe = new OcrProbe(settings.ocr);
  const deps = async (): Promise<ProcessReportDeps> => ({
    db: app.database.db,
    fetcher: app.fetcher,
    log: app.log,
    now: app.now,
    settings,
    probe,
    caches: await caches(),
    alert: async (postIds) => app.queues?.enqueueAlertCheck(postIds),
  });
  return async (job) => {
    if (job.data.task === 'report') {
      const filed = await processReport(await deps(), job.data.reportId);
      return { reportId: job.data.reportId, ...filed };
    }
    if (job.data.task === 'poll-mailbox') {
      const summary = await pollMailbox({ db: app.database.db, log: app.log, now: app.now, settings });
      for (const id of summary.created) await app.queues?.enqueueReport(id);
      return { created: summary.created.length, repeated: summary.repeated, rejected: summary.rejected };
    }
    const ids = await unprocessedReportIds(app.database.db, new Date(app.now().getTime() - LOST_AFTER_MS), MAX_ATTEMPTS, 500);
    for (const id of ids) await app.queues?.enqueueReport(id);
    return { swept: ids.length };
  };
}
