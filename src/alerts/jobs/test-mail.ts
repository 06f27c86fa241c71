import { createHash } from 'node:crypto';
import { messageIdFor, renderEmail, type EmailContent } from '../../mail/index.js';
import type { AlertDeps } from './deps.js';
import { recordAddressedAlert } from './record.js';

function testEmailContent(now: Date, timeZone: string): EmailContent {
  const at = new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(now);
  return {
    lang: 'sv',
    subject: `Vaksam: provmejl ${at}`,
    preheader: 'Om du läser detta fungerar utskicket.',
    blocks: [
      { kind: 'title', tone: 'info', text: 'Provmejl från Vaksam' },
      { kind: 'paragraph', text: `Om du läser detta fungerar utskicket (skickat ${at}).\nIf you can read this, Vaksam's mail delivery works.` },
      { kind: 'footer', text: 'vaksam mail test' },
    ],
    headers: { 'X-Vaksam-Kind': 'test' },
  };
}

/** A test email through the real path (alert, outbox, worker); returns its outbox id. */
export async function queueTestEmail(deps: AlertDeps, address: string): Promise<number> {
  const now = deps.now();
  // The address is hashed so the key (shown in alerts list) carries no personal data.
  const dedupeKey = `test:${now.toISOString()}:${createHash('sha256').update(address.toLowerCase()).digest('hex').slice(0, 12)}`;
  const email = renderEmail(testEmailContent(now, deps.settings.timeZone));
  const recorded = await recordAddressedAlert(
    deps,
    { kind: 'test', dedupeKey, severity: 'info', subject: 'mail test', payload: {}, postIds: [], createdAt: now },
    [{ recipientId: null, toAddress: address, messageId: messageIdFor(dedupeKey, address.toLowerCase(), deps.from), subject: email.subject, html: email.html, text: email.text, headers: { ...email.headers, 'X-Vaksam-Alert': dedupeKey }, attachments: [], notBefore: now }],
  );
  return recorded!.outboxIds[0]!;
}
