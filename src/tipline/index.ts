// Pure: checks, images, text composition, reference numbers.
export { ImageRejectedError, OcrError, ReportInvalidError, ReportNotFoundError } from './errors.js';
export { cleanImage, sniffImageType, type CleanImage, type ImageLimits, type ImageType } from './images/index.js';
export { checkReport, CONCERNS, safeFilename, type ReportInput, type ReportLimits, type ReportSubmission } from './report/report-input.js';
export { composeReportText, type ComposedReport, type ReportSection } from './report/compose.js';
export { newReportReference, normalizeReference } from './report/reference.js';
export { captureTarget, type CaptureTarget } from './capture/targets.js';
export { parseCapture, type CapturedPost } from './capture/parse-capture.js';
export { tiplineConfigSchema, type TiplineSettings } from '../config/index.js';
// I/O edges: Tesseract, the hardened fetcher, IMAP, the database.
export { probeOcr, readImageText, tidyOcrText, type OcrAvailability, type OcrSettings } from './ocr/tesseract.js';
export { captureReportedUrl, type CaptureArchive, type CaptureOutcome } from './capture/capture-url.js';
export { pollMailbox, type MailboxDeps, type PollSummary } from './mailbox/poll.js';
export { readReportMessage, type MessageReading } from './mailbox/message-report.js';
export { receiptContent, sendReceipts, type ReceiptDeps } from './mailbox/receipt.js';
export { createReport, getReport, listReports, reportsOfPosts, screenshotImage, screenshotsOf, unprocessedReportIds, type CreatedReport, type ReportDetail, type ReportIntake, type ReportRow, type ScreenshotRow } from './store/reports.js';
export { OcrProbe } from './process/ocr-step.js';
export { MAX_REPORT_ATTEMPTS, processReport, type ProcessReportDeps } from './process/process-report.js';
export { fileReport, TIPLINE_PLATFORM, type FiledReport } from './process/file-report.js';
export { reportCountsOfCases, reportPosts, type ReportPost } from './store/report-posts.js';
export { takeRateSlot, type RateDecision } from './store/rate-limit.js';
export { createLink, findLink, isAllowedEmail, listLinks, parseDomains, revokeLink, type TiplineLink } from './link/links.js';
export { normalizeEmail, reporterOf, requestCode, verifyCode, type CodeCheck, type CodeRequest } from './link/codes.js';
