import type { Db } from '../../db/index.js';
import type { Logger } from '../../log/index.js';
import type { AlertSettings } from '../settings.js';

/** What the alert jobs need; workers build it from the App, tests and the bench directly. */
export interface AlertDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  settings: AlertSettings;
  /** mail.from: the domain of Message-IDs. */
  from: string;
  /** Wakes the mail worker for new outbox rows; if it fails, the outbox sweep still finds them. */
  notifyMail(outboxIds: number[]): Promise<void>;
}
