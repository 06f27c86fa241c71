import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import {
  alertCases,
  alertPosts,
  alerts,
  alertState,
  channelOutbox,
  mailOutbox,
  type AlertAudience,
  type AlertKind,
  type ChannelKind,
  type OutboxAttachment,
  type OutboxStatus,
  type StoredAlertContent,
  type ThreatLevel,
} from '../schema/index.js';

export interface NewAlert {
  kind: AlertKind;
  dedupeKey: string;
  severity: string;
  subject: string;
  payload: Record<string, unknown>;
  postIds: number[];
  /** Threat cases it tells about, with their post count and level at the time. */
  cases?: { caseId: number; postCount: number; level: ThreatLevel }[];
  audience?: AlertAudience | null;
  content?: StoredAlertContent | null;
  threadKey?: string | null;
  createdAt: Date;
}

/** One post to a channel (Teams, Slack, webhook) or one SMS, as written to channel_outbox. */
export interface NewChannelDelivery {
  channel: string;
  kind: ChannelKind;
  target: string;
  recipientId: number | null;
  payload: Record<string, unknown>;
  notBefore: Date;
}

export interface NewOutboxEmail {
  recipientId: number | null;
  toAddress: string;
  messageId: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: OutboxAttachment[];
  notBefore: Date;
}

export interface RecordedAlert {
  alertId: number;
  outboxIds: number[];
  channelIds: number[];
}

/**
 * Writes an alert, its emails and its channel posts. Call inside the transaction that made the decision: the unique
 * dedupe key turns a second decision for the same events into a no-op (null), and nothing of it is then written.
 */
export async function insertAlertWithEmails(
  tx: Db,
  alert: NewAlert,
  emails: readonly NewOutboxEmail[],
  channels: readonly NewChannelDelivery[] = [],
): Promise<RecordedAlert | null> {
  const { postIds, cases = [], ...row } = alert;
  const inserted = await tx.insert(alerts).values(row).onConflictDoNothing({ target: alerts.dedupeKey }).returning({ id: alerts.id });
  const alertId = inserted[0]?.id;
  if (alertId === undefined) return null;
  if (postIds.length > 0) {
    await tx.insert(alertPosts).values([...new Set(postIds)].map((postId) => ({ alertId, postId }))).onConflictDoNothing();
  }
  if (cases.length > 0) await tx.insert(alertCases).values(cases.map((c) => ({ ...c, alertId }))).onConflictDoNothing();
  return { alertId, ...(await insertDeliveries(tx, alertId, alert.createdAt, emails, channels)) };
}

/** Emails and channel posts of an alert (when it is decided, or for a recipient added later). */
export async function insertDeliveries(
  tx: Db,
  alertId: number,
  now: Date,
  emails: readonly NewOutboxEmail[],
  channels: readonly NewChannelDelivery[],
): Promise<{ outboxIds: number[]; channelIds: number[] }> {
  const stamp = { alertId, status: 'pending' as const, createdAt: now, updatedAt: now };
  const outbox = emails.length === 0 ? [] : await tx.insert(mailOutbox).values(emails.map((e) => ({ ...e, ...stamp }))).onConflictDoNothing().returning({ id: mailOutbox.id });
  const posted =
    channels.length === 0 ? [] : await tx.insert(channelOutbox).values(channels.map((c) => ({ ...c, ...stamp }))).onConflictDoNothing().returning({ id: channelOutbox.id });
  return { outboxIds: outbox.map((o) => o.id), channelIds: posted.map((c) => c.id) };
}

/** Serialises decisions about one key (a narrative's surge state) across workers, until the transaction ends. */
export async function lockAlertKey(tx: Db, key: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
}

export async function readAlertState<T>(tx: Db, key: string): Promise<T | null> {
  const rows = await tx.select({ state: alertState.state }).from(alertState).where(eq(alertState.key, key));
  return (rows[0]?.state as T | undefined) ?? null;
}

export async function writeAlertState(tx: Db, key: string, state: object, now: Date): Promise<void> {
  const value = state as Record<string, unknown>;
  await tx
    .insert(alertState)
    .values({ key, state: value, updatedAt: now })
    .onConflictDoUpdate({ target: alertState.key, set: { state: value, updatedAt: now } });
}

/** Which of these dedupe keys already have an alert. */
export async function existingAlertKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db.select({ key: alerts.dedupeKey }).from(alerts).where(inArray(alerts.dedupeKey, [...keys]));
  return new Set(rows.map((r) => r.key));
}

export type AlertRow = typeof alerts.$inferSelect;
export type OutboxCounts = Partial<Record<OutboxStatus, number>>;

export interface AlertListItem extends AlertRow {
  emails: OutboxCounts;
}

/** Newest first, with how many of each alert's emails are in each status; `status` keeps alerts having one such email. */
export async function listAlerts(db: Db, options: { limit: number; status?: OutboxStatus; kind?: AlertKind }): Promise<AlertListItem[]> {
  const filters = [];
  if (options.kind) filters.push(eq(alerts.kind, options.kind));
  if (options.status) {
    filters.push(sql`exists (select 1 from ${mailOutbox} o where o.alert_id = ${alerts.id} and o.status = ${options.status})`);
  }
  const rows = await db
    .select()
    .from(alerts)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(alerts.createdAt), desc(alerts.id))
    .limit(options.limit);
  if (rows.length === 0) return [];
  const counts = await db
    .select({ alertId: mailOutbox.alertId, status: mailOutbox.status, n: sql<number>`count(*)::int` })
    .from(mailOutbox)
    .where(inArray(mailOutbox.alertId, rows.map((r) => r.id)))
    .groupBy(mailOutbox.alertId, mailOutbox.status);
  return rows.map((r) => ({
    ...r,
    emails: Object.fromEntries(counts.filter((c) => c.alertId === r.id).map((c) => [c.status, Number(c.n)])) as OutboxCounts,
  }));
}

export async function getAlert(db: Db, id: number) {
  const rows = await db.select().from(alerts).where(eq(alerts.id, id));
  if (!rows[0]) return null;
  const emails = await db
    .select({
      id: mailOutbox.id,
      recipientId: mailOutbox.recipientId,
      toAddress: mailOutbox.toAddress,
      messageId: mailOutbox.messageId,
      subject: mailOutbox.subject,
      status: mailOutbox.status,
      attempts: mailOutbox.attempts,
      recoveries: mailOutbox.recoveries,
      notBefore: mailOutbox.notBefore,
      sentAt: mailOutbox.sentAt,
      lastErrorCode: mailOutbox.lastErrorCode,
      lastError: mailOutbox.lastError,
    })
    .from(mailOutbox)
    .where(eq(mailOutbox.alertId, id))
    .orderBy(mailOutbox.id);
  const postIds = await db.select({ postId: alertPosts.postId }).from(alertPosts).where(eq(alertPosts.alertId, id));
  return { ...rows[0], emails, postIds: postIds.map((p) => p.postId) };
}

/** Keys of state rows with a surge episode running, so an episode whose posts stopped is still ended. */
export async function activeSurgeKeys(db: Db): Promise<string[]> {
  const rows = await db
    .select({ key: alertState.key })
    .from(alertState)
    .where(and(sql`${alertState.key} like 'surge:%'`, sql`${alertState.state}->>'episodeStart' is not null`));
  return rows.map((r) => r.key);
}

export interface StoredAlert {
  id: number;
  kind: AlertKind;
  dedupeKey: string;
  severity: string;
  subject: string;
  audience: AlertAudience | null;
  content: StoredAlertContent | null;
  threadKey: string | null;
  createdAt: Date;
}

const STORED = {
  id: alerts.id,
  kind: alerts.kind,
  dedupeKey: alerts.dedupeKey,
  severity: alerts.severity,
  subject: alerts.subject,
  audience: alerts.audience,
  content: alerts.content,
  threadKey: alerts.threadKey,
  createdAt: alerts.createdAt,
};

const UNDELIVERED = sql`not exists (select 1 from ${mailOutbox} o where o.alert_id = ${alerts.id})
  and not exists (select 1 from ${channelOutbox} c where c.alert_id = ${alerts.id})`;

/** Alerts for an audience created since `from` that reached nobody (no email, no channel post): first run. */
export async function waitingAlerts(db: Db, from: Date): Promise<StoredAlert[]> {
  return db
    .select(STORED)
    .from(alerts)
    .where(and(sql`${alerts.audience} is not null`, sql`${alerts.createdAt} >= ${from.toISOString()}::timestamptz`, UNDELIVERED))
    .orderBy(alerts.createdAt, alerts.id);
}

/** How many alerts wait for a recipient, per audience role (for the overview and the recipients page). */
export async function waitingAlertCounts(db: Db, from: Date): Promise<Record<string, number>> {
  const rows = await db
    .select({ role: sql<string>`${alerts.audience}->>'role'`, n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(sql`${alerts.audience} is not null`, sql`${alerts.createdAt} >= ${from.toISOString()}::timestamptz`, UNDELIVERED))
    .groupBy(sql`1`);
  return Object.fromEntries(rows.map((r) => [r.role, Number(r.n)]));
}

export async function getStoredAlert(db: Db, id: number): Promise<StoredAlert | null> {
  const rows = await db.select(STORED).from(alerts).where(eq(alerts.id, id));
  return rows[0] ?? null;
}

/** Recipients that already have an email of this alert, whatever its status. */
export async function emailedRecipientIds(db: Db, alertId: number): Promise<Set<number>> {
  const rows = await db.select({ id: mailOutbox.recipientId }).from(mailOutbox).where(eq(mailOutbox.alertId, alertId));
  return new Set(rows.flatMap((r) => (r.id === null ? [] : [r.id])));
}
