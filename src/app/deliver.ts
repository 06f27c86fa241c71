import type { App } from './context.js';
import type { Config } from '../config/index.js';
import { deliverChannelPosts, type ChannelDeliverySettings, type ChannelDeliverySummary } from '../alerts/index.js';
import { createMailTransport, deliverOutbox, type DeliverDeps, type DeliverySettings, type DeliverySummary } from '../mail/index.js';

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

/** Channel posts follow the mail retry policy; HTTP limits come from the fetch section. */
export function channelDeliverySettings(config: Config): ChannelDeliverySettings {
  return {
    maxAttempts: config.mail.maxAttempts,
    retryBaseMs: config.mail.retryBaseMs,
    retryMaxMs: config.mail.retryMaxMs,
    sendingTimeoutMs: config.mail.sendingTimeoutMs,
    batchSize: config.mail.batchSize,
    connectTimeoutMs: config.fetch.connectTimeoutMs,
    totalTimeoutMs: config.fetch.totalTimeoutMs,
  };
}

/**
 * Runs one delivery pass: emails (with a transport of its own, closed afterwards so no SMTP connection outlives the
 * job), then every due Teams, Slack, webhook and SMS post.
 */
export async function deliverDue(app: App, ids?: number[]): Promise<DeliverySummary & { channels: ChannelDeliverySummary }> {
  const transport = createMailTransport(app.config.mail);
  const deps: DeliverDeps = { db: app.database.db, transport, log: app.log, now: app.now, settings: deliverySettings(app.config.mail) };
  let mail: DeliverySummary;
  try {
    mail = await deliverOutbox(deps, ids);
  } finally {
    transport.close();
  }
  const channels = await deliverChannelPosts({ db: app.database.db, log: app.log, now: app.now, channels: app.config.channels, settings: channelDeliverySettings(app.config) });
  return { ...mail, channels };
}
