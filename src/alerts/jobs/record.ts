import { insertAlertWithEmails, type NewAlert, type NewOutboxEmail, type RecordedAlert } from '../../db/queries/index.js';
import type { Db } from '../../db/index.js';
import type { AlertAudience, StoredAlertContent } from '../../db/schema/index.js';
import type { EmailContent, MailLanguage } from '../../mail/index.js';
import { planDeliveries } from '../deliveries.js';
import { LANGUAGES, type Recipient } from '../recipients.js';
import type { AlertDeps } from './deps.js';
import { loadRecipients } from './load.js';

/** An alert for an audience (not for named people): who gets it is worked out when it is written, and again later. */
export interface AlertDraft extends Omit<NewAlert, 'audience' | 'content'> {
  audience: AlertAudience;
  contentFor: (lang: MailLanguage) => EmailContent;
}

/** The email in both languages, as stored blocks (attachments are left out: only digests have them). */
function storedContent(contentFor: (lang: MailLanguage) => EmailContent): StoredAlertContent {
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, { ...contentFor(lang), attachments: undefined }])) as StoredAlertContent;
}

/**
 * Writes an alert with its emails and channel posts inside the caller's transaction (the one that decided it).
 * Null when its dedupe key was used already. An alert nobody is in the audience of is still written: it waits for
 * a recipient added later (first run) and the web UI shows it waiting.
 */
export async function writeAlert(tx: Db, deps: AlertDeps, draft: AlertDraft, recipients: readonly Recipient[]): Promise<RecordedAlert | null> {
  const { contentFor, ...alert } = draft;
  const cache = new Map<MailLanguage, EmailContent>();
  const content = (lang: MailLanguage) => cache.get(lang) ?? cache.set(lang, contentFor(lang)).get(lang)!;
  const plan = planDeliveries({
    alert: { ...alert, threadKey: alert.threadKey ?? null },
    contentFor: content,
    recipients,
    channels: deps.channels ?? {},
    from: deps.from,
    timeZone: deps.settings.timeZone,
    now: alert.createdAt,
  });
  return insertAlertWithEmails(tx, { ...alert, content: storedContent(content) }, plan.emails, plan.channels);
}

/** Writes an alert for an audience in a transaction of its own, then wakes the delivery workers. */
export async function recordAlert(deps: AlertDeps, draft: AlertDraft, recipients?: readonly Recipient[]): Promise<RecordedAlert | null> {
  const everyone = recipients ?? (await loadRecipients(deps.db));
  const recorded = await deps.db.transaction((tx) => writeAlert(tx as unknown as Db, deps, draft, everyone));
  if (recorded) await announce(deps, draft, recorded);
  return recorded;
}

/** An alert for named people only (digest, test email), with its emails composed by the caller. */
export async function recordAddressedAlert(deps: AlertDeps, alert: NewAlert, emails: readonly NewOutboxEmail[]): Promise<RecordedAlert | null> {
  const recorded = await deps.db.transaction((tx) => insertAlertWithEmails(tx as unknown as Db, alert, emails));
  if (recorded) await announce(deps, alert, recorded);
  return recorded;
}

/** After commit: log ids (never addresses or post text) and wake the delivery workers. */
export async function announce(deps: AlertDeps, alert: Pick<NewAlert, 'kind' | 'severity'>, recorded: RecordedAlert): Promise<void> {
  const fields = { alertId: recorded.alertId, kind: alert.kind, severity: alert.severity, emails: recorded.outboxIds.length, channels: recorded.channelIds.length };
  deps.log.info(fields, 'alert recorded');
  if (recorded.outboxIds.length === 0 && recorded.channelIds.length === 0) return;
  try {
    await deps.notifyMail(recorded.outboxIds);
  } catch (error) {
    deps.log.warn({ alertId: recorded.alertId, err: (error as Error).message }, 'could not enqueue delivery job; the outbox sweep will send it');
  }
}
