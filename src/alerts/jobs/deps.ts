import type { CoordinationSettings } from '../../clusters/index.js';
import type { Db } from '../../db/index.js';
import type { Logger } from '../../log/index.js';
import type { AlertSettings, ChannelsSettings } from '../../config/index.js';
import type { EmailOptions } from '../emails/facts.js';

/** What the alert jobs need; workers build it from the App, tests and the bench directly. */
export interface AlertDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  settings: AlertSettings;
  /** mail.from: the domain of Message-IDs. */
  from: string;
  /** Where links in alerts point (alerts.uiBaseUrl, else http.publicUrl, else the address the server listens on). */
  uiBaseUrl: string;
  /** Teams, Slack, webhook and SMS channels by name (config `channels`); none when absent. */
  channels?: ChannelsSettings;
  /** clusters.coordination: the window and repetition that make co-sharing coordination; defaults when absent. */
  coordination?: CoordinationSettings;
  /**
   * Wakes the delivery worker for new outbox rows (an empty list: only channel posts are new); if it fails, the
   * outbox sweep still finds them.
   */
  notifyMail(outboxIds: number[]): Promise<void>;
}

export function emailOptions(deps: AlertDeps): EmailOptions {
  return { timeZone: deps.settings.timeZone, uiBaseUrl: deps.uiBaseUrl };
}
