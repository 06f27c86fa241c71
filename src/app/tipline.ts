import { createMailTransport } from '../mail/index.js';
import type { TiplineJobData } from '../queue/index.js';
import { MAX_REPORT_ATTEMPTS, OcrProbe, pollMailbox, processReport, sendReceipts, unprocessedReportIds, type PollSummary, type ProcessReportDeps } from '../tipline/index.js';
import { classifyCachesOf } from './classify.js';
import type { App } from './context.js';

/** A report not filed this long after it arrived lost its job (or failed): the sweep queues it again. */
const LOST_AFTER_MS = 10 * 60_000;

/** Reads the report mailbox once and answers each new report's sender with a receipt (allowed domains only). */
export async function readReportMailbox(app: App): Promise<PollSummary & { receipts: number }> {
  const settings = app.config.tipline;
  const summary = await pollMailbox({ db: app.database.db, log: app.log, now: app.now, settings });
  const transport = createMailTransport(app.config.mail);
  try {
    const receipts = await sendReceipts({ db: app.database.db, log: app.log, now: app.now, transport, from: app.config.mail.from, allowedSenderDomains: settings.mailbox.allowedSenderDomains }, summary.created);
    return { ...summary, receipts };
  } finally {
    transport.close();
  }
}

/** What filing a report needs, with the classifiers built once per process. */
export function reportDepsOf(app: App): () => Promise<ProcessReportDeps> {
  const caches = classifyCachesOf(app);
  const probe = new OcrProbe(app.config.tipline.ocr);
  return async () => ({
    db: app.database.db,
    fetcher: app.fetcher,
    log: app.log,
    now: app.now,
    settings: app.config.tipline,
    probe,
    caches: await caches(),
    alert: async (postIds) => app.queues?.enqueueAlertCheck(postIds),
  });
}

/** Staff reports: one report per job (OCR, capture, filing), the mailbox poll, and the sweep of lost reports. */
export async function runTiplineJob(app: App, reportDeps: () => Promise<ProcessReportDeps>, job: TiplineJobData) {
  if (job.task === 'report') {
    const filed = await processReport(await reportDeps(), job.reportId);
    return { reportId: job.reportId, ...filed };
  }
  if (job.task === 'poll-mailbox') {
    const summary = await readReportMailbox(app);
    for (const id of summary.created) await app.queues?.enqueueReport(id);
    return { created: summary.created.length, repeated: summary.repeated, rejected: summary.rejected, receipts: summary.receipts };
  }
  const ids = await unprocessedReportIds(app.database.db, new Date(app.now().getTime() - LOST_AFTER_MS), MAX_REPORT_ATTEMPTS, 500);
  for (const id of ids) await app.queues?.enqueueReport(id);
  return { swept: ids.length };
}
