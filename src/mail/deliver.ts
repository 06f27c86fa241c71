import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.js';
import { claimOutbox, finishSend, recoverAbandoned, type OutboxRow } from '../db/queries/index.js';
import type { Logger } from '../log/index.js';
import { classifySendError } from './smtp-errors.js';
import type { MailTransport, OutgoingMail } from './transport.js';

export interface DeliverySettings {
  from: string;
  batchSize: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  sendingTimeoutMs: number;
  /** Sends in flight at once (the SMTP pool size). */
  maxConnections: number;
}

export interface DeliverDeps {
  db: Db;
  transport: MailTransport;
  log: Logger;
  now: () => Date;
  settings: DeliverySettings;
}

export interface DeliverySummary {
  sent: number;
  retrying: number;
  failed: number;
  recovered: number;
  unknown: number;
}

/** Doubling back-off after the n-th failed attempt, capped (emails and channel posts retry alike). */
export function retryDelayMs(attempts: number, policy: { retryBaseMs: number; retryMaxMs: number }): number {
  return Math.min(policy.retryBaseMs * 2 ** Math.max(0, attempts - 1), policy.retryMaxMs);
}

/** Batches one call works through before returning, so one job never runs unbounded. */
const MAX_BATCHES = 20;

/**
 * Sends due outbox rows: the given ids (a mail job right after an alert) or any due row (the sweep). Rows left
 * `sending` by a dead worker are recovered first. Each row is claimed before sending and its outcome written
 * with the claim's token, so a slow worker whose claim was recovered cannot overwrite the newer outcome.
 */
export async function deliverOutbox(deps: DeliverDeps, ids?: number[]): Promise<DeliverySummary> {
  const { settings } = deps;
  const start = deps.now();
  const recovered = await recoverAbandoned(deps.db, new Date(start.getTime() - settings.sendingTimeoutMs), start);
  const summary: DeliverySummary = { sent: 0, retrying: 0, failed: 0, recovered: recovered.retried, unknown: recovered.unknown };
  if (recovered.unknown > 0) deps.log.error({ rows: recovered.unknown }, 'emails abandoned twice while sending: marked unknown, see vaksam alerts list');
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const token = randomUUID();
    const rows = await claimOutbox(deps.db, { now: deps.now(), limit: settings.batchSize, token, ids });
    for (let i = 0; i < rows.length; i += settings.maxConnections) {
      const outcomes = await Promise.all(rows.slice(i, i + settings.maxConnections).map((row) => sendOne(deps, row, token)));
      for (const o of outcomes) summary[o]++;
    }
    if (rows.length < settings.batchSize || ids) break;
  }
  return summary;
}

async function sendOne(deps: DeliverDeps, row: OutboxRow, token: string): Promise<'sent' | 'retrying' | 'failed'> {
  const { settings } = deps;
  try {
    await deps.transport.send(toOutgoing(row, settings.from));
  } catch (error) {
    const failure = classifySendError(error);
    const now = deps.now();
    const giveUp = failure.permanent || row.attempts >= settings.maxAttempts;
    const delay = retryDelayMs(row.attempts, settings);
    await finishSend(deps.db, row.id, token, {
      status: giveUp ? 'failed' : 'pending',
      now,
      notBefore: giveUp ? undefined : new Date(now.getTime() + delay),
      errorCode: failure.code,
      error: failure.message,
    });
    // Ids only: the error text of an SMTP reply can quote the recipient's address.
    const fields = { outboxId: row.id, alertId: row.alertId, attempts: row.attempts, code: failure.code };
    if (giveUp) deps.log.error(fields, 'email failed permanently');
    else deps.log.warn({ ...fields, retryInMs: delay }, 'email send failed; will retry');
    return giveUp ? 'failed' : 'retrying';
  }
  // If this write never happens (crash), recoverAbandoned sends the row once more: at most one duplicate.
  await finishSend(deps.db, row.id, token, { status: 'sent', now: deps.now() });
  return 'sent';
}

function toOutgoing(row: OutboxRow, from: string): OutgoingMail {
  return {
    from,
    to: row.toAddress,
    messageId: row.messageId,
    date: row.createdAt,
    subject: row.subject,
    html: row.html,
    text: row.text,
    headers: row.headers,
    attachments: row.attachments.map((a) => ({ cid: a.cid, filename: a.filename, contentType: a.contentType, content: Buffer.from(a.base64, 'base64') })),
  };
}
