import type { NewOutboxEmail } from '../db/queries/index.js';
import { messageIdFor, renderEmail, type EmailContent, type MailLanguage, type RenderedEmail } from '../email/index.js';
import { quietUntil, type Recipient } from './recipients.js';

export interface ComposeOptions {
  from: string;
  now: Date;
  timeZone: string;
  /** Critical threats go out during quiet hours too. */
  ignoreQuietHours: boolean;
  /** Emails of one thread (a case, a surge episode) refer to one root id, so mail clients show one conversation. */
  threadKey?: string | null;
}

/**
 * One outbox row per recipient: rendered once per language, addressed, given its deterministic Message-ID,
 * and held back until the end of the recipient's quiet hours unless the alert ignores them.
 */
export function composeEmails(
  dedupeKey: string,
  recipients: readonly Recipient[],
  contentFor: (lang: MailLanguage) => EmailContent,
  options: ComposeOptions,
): NewOutboxEmail[] {
  const rendered = new Map<MailLanguage, RenderedEmail>();
  return recipients.map((r) => {
    let email = rendered.get(r.language);
    if (!email) {
      email = renderEmail(contentFor(r.language));
      rendered.set(r.language, email);
    }
    const quiet = options.ignoreQuietHours ? null : quietUntil(r.quietHours, options.now, options.timeZone);
    const thread = options.threadKey ? messageIdFor(options.threadKey, r.id, options.from) : null;
    return {
      recipientId: r.id,
      toAddress: r.email,
      messageId: messageIdFor(dedupeKey, r.id, options.from),
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: { ...email.headers, 'X-Vaksam-Alert': dedupeKey, ...(thread ? { References: thread, 'In-Reply-To': thread } : {}) },
      attachments: email.attachments.map((a) => ({ cid: a.cid, filename: a.filename, contentType: a.contentType, base64: a.content.toString('base64') })),
      notBefore: quiet ?? options.now,
    };
  });
}
