import type { Db } from '../../src/db/index.js';
import { insertAlertWithEmails } from '../../src/db/queries/alerts.js';
import { messageIdFor, renderEmail, type EmailContent } from '../../src/mail/index.js';

let n = 0;
export const FROM = 'Vaksam <larm@vaksam.example.se>';

export function simpleContent(extra: Partial<EmailContent> = {}): EmailContent {
  return {
    lang: 'sv',
    subject: 'Testlarm',
    preheader: 'Ett prov',
    blocks: [{ kind: 'title', tone: 'info', text: 'Testlarm' }, { kind: 'paragraph', text: 'Hej från Vaksam.' }],
    ...extra,
  };
}

/** One alert with one outbox row per address; returns the outbox ids. */
export async function queueEmails(db: Db, to: { address: string; recipientId?: number | null }[], now: Date, content = simpleContent()): Promise<number[]> {
  const dedupeKey = `test:${++n}:${now.toISOString()}`;
  const email = renderEmail(content);
  const recorded = await db.transaction((tx) =>
    insertAlertWithEmails(
      tx as unknown as Db,
      { kind: 'test', dedupeKey, severity: 'info', subject: 'test', payload: {}, postIds: [], createdAt: now },
      to.map((t) => ({
        recipientId: t.recipientId ?? null,
        toAddress: t.address,
        messageId: messageIdFor(dedupeKey, t.address, FROM),
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: email.headers,
        attachments: email.attachments.map((a) => ({ cid: a.cid, filename: a.filename, contentType: a.contentType, base64: a.content.toString('base64') })),
        notBefore: now,
      })),
    ),
  );
  return recorded!.outboxIds;
}
