import { emailedRecipientIds, getStoredAlert, insertDeliveries, waitingAlerts, type StoredAlert } from '../../db/queries/index.js';
import { requeueAlertPosts } from '../../db/queries/index.js';
import { requeueAlertEmails } from '../../db/queries/index.js';
import type { Db } from '../../db/index.js';
import type { EmailContent, MailLanguage } from '../../mail/index.js';
import { planDeliveries } from '../deliveries.js';
import { isInAudience, type Recipient } from '../recipients.js';
import type { AlertDeps } from './deps.js';
import { loadRecipients } from './load.js';

/** Delivers a stored alert to some recipients now, from the content it was written with. */
async function deliverStored(deps: AlertDeps, alert: StoredAlert, readers: readonly Recipient[], channels: boolean): Promise<{ outboxIds: number[]; channelIds: number[] }> {
  const content = alert.content;
  if (!alert.audience || !content) return { outboxIds: [], channelIds: [] };
  const now = deps.now();
  const plan = planDeliveries({
    alert: { ...alert, audience: alert.audience },
    contentFor: (lang: MailLanguage) => (content[lang] ?? content.sv ?? content.en) as unknown as EmailContent,
    recipients: readers,
    channels: channels ? (deps.channels ?? {}) : {},
    from: deps.from,
    timeZone: deps.settings.timeZone,
    now,
  });
  const written = await deps.db.transaction((tx) => insertDeliveries(tx as unknown as Db, alert.id, now, plan.emails, plan.channels));
  if (written.outboxIds.length + written.channelIds.length > 0) await deps.notifyMail(written.outboxIds).catch(() => undefined);
  return written;
}

/**
 * Alerts that reached nobody because nobody was in their audience yet (first run) are delivered to a recipient
 * added now, if they are still relevant (`alerts.waitingHours` per kind). Returns the alert ids delivered.
 */
export async function deliverWaitingAlerts(deps: AlertDeps, recipient: Recipient): Promise<number[]> {
  const now = deps.now();
  const hours = deps.settings.waitingHours as Record<string, number>;
  const longest = Math.max(...Object.values(hours));
  const delivered: number[] = [];
  for (const alert of await waitingAlerts(deps.db, new Date(now.getTime() - longest * 3_600_000))) {
    const window = hours[alert.kind];
    if (window === undefined || alert.createdAt.getTime() < now.getTime() - window * 3_600_000) continue;
    if (!alert.audience || !isInAudience(alert.audience, recipient)) continue;
    const written = await deliverStored(deps, alert, [recipient], false);
    if (written.outboxIds.length + written.channelIds.length > 0) delivered.push(alert.id);
  }
  if (delivered.length > 0) deps.log.info({ recipientId: recipient.id, alerts: delivered.length }, 'waiting alerts delivered to a new recipient');
  return delivered;
}

export interface ResendOutcome {
  /** Emails and channel posts put back in the queue. */
  requeued: number;
  /** Emails written now for recipients in the audience who had none (added since the alert). */
  added: number;
  /** The alert's audience role, when no one at all matches it. */
  nobody: string | null;
}

/**
 * Sends an alert again: failed and unknown emails and posts (with `all`, sent ones too) go back in the queue, and
 * recipients in its audience who never got it (added since) get it now.
 */
export async function resendAlert(deps: AlertDeps, alertId: number, all: boolean): Promise<ResendOutcome | null> {
  const alert = await getStoredAlert(deps.db, alertId);
  if (!alert) return null;
  const now = deps.now();
  const requeued = [...(await requeueAlertEmails(deps.db, alertId, now, all)), ...(await requeueAlertPosts(deps.db, alertId, now, all))].length;
  let added = 0;
  let nobody: string | null = null;
  if (alert.audience) {
    const emailed = await emailedRecipientIds(deps.db, alertId);
    const audience = (await loadRecipients(deps.db)).filter((r) => isInAudience(alert.audience!, r));
    added = (await deliverStored(deps, alert, audience.filter((r) => !emailed.has(r.id)), false)).outboxIds.length;
    if (audience.length === 0) nobody = alert.audience.role;
  }
  if (requeued > 0) await deps.notifyMail([]).catch(() => undefined);
  return { requeued, added, nobody };
}
