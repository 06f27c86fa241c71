import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { tiplineReports } from '../../db/schema/index.js';
import type { Logger } from '../../log/index.js';
import { messageIdFor, renderEmail, type EmailContent, type MailTransport } from '../../mail/index.js';

export interface ReceiptDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  transport: MailTransport;
  from: string;
  /** Receipts go only to senders of these domains: a forged sender elsewhere must not get mail from Vaksam (backscatter). */
  allowedSenderDomains: readonly string[];
}

/** The receipt for an emailed report, Swedish first (the sender's language is unknown), with the reference number. */
export function receiptContent(reference: string, subject: string | null): EmailContent {
  return {
    lang: 'sv',
    subject: `Rapport mottagen / Report received: ${reference}${subject ? ` (${subject.slice(0, 80)})` : ''}`,
    preheader: `Referensnummer ${reference}`,
    blocks: [
      { kind: 'title', tone: 'info', text: `Tack, din rapport är mottagen: ${reference}` },
      {
        kind: 'paragraph',
        text: 'Rapporten går till säkerhetsfunktionen och bedöms på samma sätt som inlägg Vaksam samlar in; ett allvarligt hot larmas direkt. Platsuppgifter tas bort ur bilderna. Ditt namn och din adress visas bara för säkerhetsfunktionen. Ange referensnumret om du hör av dig om rapporten. Vid akut fara: ring 112.',
      },
      {
        kind: 'paragraph',
        text: 'Thank you, your report was received. It goes to the security function and is assessed like the posts Vaksam collects; a serious threat is alerted at once. Location data is removed from images. Your name and address are shown to the security function only. Give the reference number if you contact us about the report. In an emergency: call 112.',
      },
      { kind: 'footer', text: 'Vaksam' },
    ],
    // RFC 3834: an automatic reply, so the sender's own auto-responder does not answer it.
    headers: { 'Auto-Submitted': 'auto-replied' },
  };
}

function isAllowed(email: string, domains: readonly string[]): boolean {
  const domain = email.split('@')[1] ?? '';
  return domains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
}

/**
 * Sends each new emailed report's sender a receipt, once (the time is kept on the report), as a reply to the
 * message. A failed send is logged and not retried: the report itself is stored and processed either way.
 */
export async function sendReceipts(deps: ReceiptDeps, reportIds: readonly number[]): Promise<number> {
  if (deps.allowedSenderDomains.length === 0) return 0;
  let sent = 0;
  for (const id of reportIds) {
    const [report] = await deps.db.select().from(tiplineReports).where(eq(tiplineReports.id, id));
    if (!report?.reporterEmail || report.metadata.receiptSentAt || !isAllowed(report.reporterEmail, deps.allowedSenderDomains)) continue;
    const email = renderEmail(receiptContent(report.reference, report.subject));
    const original = typeof report.metadata.messageId === 'string' ? report.metadata.messageId : null;
    const threading: Record<string, string> = original ? { 'In-Reply-To': original, References: original } : {};
    try {
      await deps.transport.send({
        from: deps.from,
        to: report.reporterEmail,
        messageId: messageIdFor(`tipline-receipt:${report.reference}`, report.reporterEmail, deps.from),
        date: deps.now(),
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: { ...email.headers, ...threading },
        attachments: [],
      });
    } catch (error) {
      deps.log.warn({ reportId: id, err: (error as Error).message }, 'could not send a tipline receipt');
      continue;
    }
    await deps.db
      .update(tiplineReports)
      .set({ metadata: sql`${tiplineReports.metadata} || ${JSON.stringify({ receiptSentAt: deps.now().toISOString() })}::jsonb` })
      .where(eq(tiplineReports.id, id));
    sent++;
  }
  return sent;
}
