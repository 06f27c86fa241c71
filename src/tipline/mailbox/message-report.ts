import { createHash } from 'node:crypto';
import type { ParsedMail } from 'mailparser';
import { htmlToText } from '../../text/index.js';
import { cleanImage, type ImageLimits } from '../images/index.js';
import type { ReportSubmission } from '../report/report-input.js';
import { safeFilename } from '../report/report-input.js';

/** A forwarded email read as a report, or the reason it is not one. */
export type MessageReading =
  | { kind: 'report'; submission: ReportSubmission; intakeKey: string; subject: string | null; sender: { name: string | null; email: string | null }; metadata: Record<string, unknown> }
  | { kind: 'rejected'; reason: string };

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"')\]]+/giu;

/**
 * Reads a parsed email as a report: the text (plain part, else the HTML as text), the first web link in it as the
 * reported URL, and every attached or inline image that is a real PNG, JPEG or WebP within the limits as a
 * screenshot (other files are listed, not kept). Automatic mail (bounces, auto-replies) and senders outside the
 * allowed domains are refused, so Vaksam never answers a loop or takes reports from anyone.
 */
export function readReportMessage(mail: ParsedMail, raw: Buffer, options: { allowedSenderDomains: readonly string[]; image: ImageLimits; maxScreenshots: number }): MessageReading {
  const sender = mail.from?.value[0];
  const email = sender?.address?.toLowerCase() ?? null;
  if (isAutomatic(mail, email)) return { kind: 'rejected', reason: 'automatic message (bounce or auto-reply)' };
  if (options.allowedSenderDomains.length > 0 && !isAllowedSender(email, options.allowedSenderDomains)) return { kind: 'rejected', reason: 'sender domain not allowed' };
  const text = (mail.text?.trim() || (typeof mail.html === 'string' ? htmlToText(mail.html, 'mailto:report').text : '')).trim();
  const screenshots: ReportSubmission['screenshots'] = [];
  const skipped: Array<{ filename: string; contentType: string; bytes: number; reason: string }> = [];
  for (const attachment of mail.attachments) {
    const filename = safeFilename(attachment.filename ?? (attachment.cid ? `inline-${attachment.cid}` : 'attachment'));
    try {
      cleanImage(attachment.content, options.image);
      if (screenshots.length >= options.maxScreenshots) throw new Error(`more than ${options.maxScreenshots} images`);
      screenshots.push({ filename, bytes: attachment.content });
    } catch (error) {
      skipped.push({ filename, contentType: attachment.contentType.slice(0, 100), bytes: attachment.size, reason: (error as Error).message.slice(0, 200) });
    }
  }
  const urls = [...new Set(text.match(URL_IN_TEXT) ?? [])].slice(0, 20);
  const messageId = mail.messageId ?? null;
  return {
    kind: 'report',
    submission: { url: urls[0] ?? null, text, concerns: 'unspecified', screenshots },
    intakeKey: `email:${createHash('sha256').update(messageId ?? raw).digest('hex')}`,
    subject: mail.subject?.slice(0, 300) ?? null,
    sender: { name: sender?.name?.slice(0, 200) || null, email },
    metadata: { messageId, date: mail.date?.toISOString() ?? null, links: urls, skippedAttachments: skipped },
  };
}

function isAutomatic(mail: ParsedMail, email: string | null): boolean {
  const autoSubmitted = String(mail.headers.get('auto-submitted') ?? 'no').toLowerCase();
  if (autoSubmitted !== 'no') return true;
  if (mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond')) return true;
  return email === null || /^(mailer-daemon|postmaster)@/i.test(email);
}

function isAllowedSender(email: string | null, domains: readonly string[]): boolean {
  const domain = email?.split('@')[1];
  return domain !== undefined && domains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
}
