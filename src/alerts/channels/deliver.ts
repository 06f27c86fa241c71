import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { channelsWithDuePosts, claimChannelPosts, finishChannelPost, recoverAbandonedPosts, type ChannelOutboxRow } from '../../db/queries/index.js';
import type { Logger } from '../../log/index.js';
import { retryDelayMs } from '../../mail/index.js';
import { buildChannelRequest, createChannelAgent, postToChannel, type ChannelLimits } from './send.js';
import type { ChannelsSettings } from '../../config/index.js';

export interface ChannelDeliverySettings extends ChannelLimits {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** A post claimed longer ago than this belonged to a worker that died; it is posted again. */
  sendingTimeoutMs: number;
  batchSize: number;
}

export interface ChannelDeliverDeps {
  db: Db;
  log: Logger;
  now: () => Date;
  channels: ChannelsSettings;
  settings: ChannelDeliverySettings;
}

export interface ChannelDeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
  recovered: number;
}

/**
 * Posts every due channel row, channel by channel, each within its rate limit (what is left waits for the next
 * pass). Posts of a channel removed from the configuration fail with a clear error rather than vanish.
 */
export async function deliverChannelPosts(deps: ChannelDeliverDeps): Promise<ChannelDeliverySummary> {
  const start = deps.now();
  const summary: ChannelDeliverySummary = { sent: 0, retrying: 0, failed: 0, recovered: await recoverAbandonedPosts(deps.db, new Date(start.getTime() - deps.settings.sendingTimeoutMs), start) };
  const due = await channelsWithDuePosts(deps.db, start);
  if (due.length === 0) return summary;
  const agent = createChannelAgent(deps.settings);
  try {
    for (const name of due) {
      const token = randomUUID();
      const channel = deps.channels[name];
      const rows = await claimChannelPosts(deps.db, { channel: name, now: deps.now(), perMinute: channel?.ratePerMinute ?? deps.settings.batchSize, limit: deps.settings.batchSize, token });
      for (const row of rows) summary[await postOne(deps, agent, row, token)]++;
    }
  } finally {
    await agent.close();
  }
  return summary;
}

async function postOne(deps: ChannelDeliverDeps, agent: ReturnType<typeof createChannelAgent>, row: ChannelOutboxRow, token: string): Promise<'sent' | 'retrying' | 'failed'> {
  const channel = deps.channels[row.channel];
  const fields = { channelPostId: row.id, alertId: row.alertId, channel: row.channel, attempts: row.attempts };
  if (!channel || channel.kind !== row.kind) {
    await finishChannelPost(deps.db, row.id, token, { status: 'failed', now: deps.now(), errorCode: 'CHANNEL_UNKNOWN', error: `channel '${row.channel}' (${row.kind}) is no longer configured (channels.${row.channel})` });
    deps.log.error(fields, 'channel post failed: the channel is not configured');
    return 'failed';
  }
  const outcome = await postToChannel(agent, buildChannelRequest(channel, row, deps.now()), deps.settings, deps.now);
  const now = deps.now();
  if (outcome.ok) {
    await finishChannelPost(deps.db, row.id, token, { status: 'sent', now, responseStatus: outcome.status });
    return 'sent';
  }
  const giveUp = outcome.permanent || row.attempts >= deps.settings.maxAttempts;
  const delay = Math.max(retryDelayMs(row.attempts, deps.settings), outcome.retryAfterMs ?? 0);
  await finishChannelPost(deps.db, row.id, token, {
    status: giveUp ? 'failed' : 'pending',
    now,
    notBefore: giveUp ? undefined : new Date(now.getTime() + delay),
    responseStatus: outcome.status,
    errorCode: outcome.code,
    error: outcome.message,
  });
  // Ids and codes only: a gateway's reply can quote the phone number or the message.
  if (giveUp) deps.log.error({ ...fields, code: outcome.code }, 'channel post failed permanently');
  else deps.log.warn({ ...fields, code: outcome.code, retryInMs: delay }, 'channel post failed; will retry');
  return giveUp ? 'failed' : 'retrying';
}
