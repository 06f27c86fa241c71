import type { Processor } from 'bullmq';
import type { App } from '../src/app/context.js';
import type { Config } from '../src/config/index.js';
import { createMailTransport, deliverOutbox, type DeliverDeps, type DeliverySettings } from '../src/mail/index.js';
import type { MailJobData } from '../src/queue/index.js';

export function deliverySettings(mail: Config['mail']): DeliverySettings {
  return {
    from: mail.from,
    batchSize: mail.batchSize,
    maxAttempts: mail.maxAttempts,
    retryBaseMs: mail.retryBaseMs,
    retryMaxMs: mail.retryMaxMs,
    sendingTimeoutMs: mail.sendingTimeoutMs,
    maxConnections: mail.maxConnections,
  };
}

/** Runs one delivery pass with a transport of its own, closed afterwards so no SMTP connection outlives the job. */
export async function deliverWithApp(app: App, ids?: number[]) {
  const transport = createMailTransport(app.config.mail);
  const deps: DeliverDeps = { db: app.database.db, transport, log: app.log, now: app.now, settings: deliverySettings(app.config.mail) };
  try {
    return await deliverOutbox(deps, ids);
  } finally {
    transport.close();
  }
}

/** Sends the given outbox rows, or (the repeating sweep) every due, retried or abandoned row. */
export function mailProcessor(app: App): Processor<MailJobData> {
  return (job) => deliverWithApp(app, job.data.outboxIds);
}
