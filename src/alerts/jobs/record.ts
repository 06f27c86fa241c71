import { insertAlertWithEmails, type NewAlert, type NewOutboxEmail, type RecordedAlert } from '../../db/queries/alerts.js';
import type { Db } from '../../db/index.js';
import type { AlertDeps } from './deps.js';

/** Records an alert and its emails in one transaction; null when its dedupe key was already used. */
export async function recordAlert(deps: AlertDeps, alert: NewAlert, emails: readonly NewOutboxEmail[]): Promise<RecordedAlert | null> {
  const recorded = await deps.db.transaction((tx) => insertAlertWithEmails(tx as unknown as Db, alert, emails));
  if (recorded) await announce(deps, alert, recorded);
  return recorded;
}

/** After commit: log ids (never addresses or post text) and wake the mail worker. */
export async function announce(deps: AlertDeps, alert: NewAlert, recorded: RecordedAlert): Promise<void> {
  deps.log.info({ alertId: recorded.alertId, kind: alert.kind, severity: alert.severity, emails: recorded.outboxIds.length }, 'alert recorded');
  if (recorded.outboxIds.length === 0) return;
  try {
    await deps.notifyMail(recorded.outboxIds);
  } catch (error) {
    deps.log.warn({ alertId: recorded.alertId, err: (error as Error).message }, 'could not enqueue mail job; the outbox sweep will send it');
  }
}
