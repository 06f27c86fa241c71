import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { alertPosts, alerts, alertState, mailOutbox, type AlertKind, type OutboxAttachment, type OutboxStatus } from '../schema/index.js';

export interface NewAlert {
  kind: AlertKind;
  dedupeKey: string;
  severity: string;
  subject: string;
  payload: Record<string, unknown>;
  postIds: number[];
  createdAt: Date;
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
}

/**
 * Writes an alert and its emails. Call inside the transaction that made the decision: the unique dedupe key
 * turns a second decision for the same events into a no-op (null), and its emails are then never written.
 */
export async function insertAlertWithEmails(tx: Db, alert: NewAlert, emails: readonly NewOutboxEmail[]): Promise<RecordedAlert | null> {
  const { postIds, ...row } = alert;
  const inserted = await tx.insert(alerts).values(row).onConflictDoNothing({ target: alerts.dedupeKey }).returning({ id: alerts.id });
  const alertId = inserted[0]?.id;
  if (alertId === undefined) return null;
  if (postIds.length > 0) {
    await tx.insert(alertPosts).values([...new Set(postIds)].map((postId) => ({ alertId, postId }))).onConflictDoNothing();
  }
  if (emails.length === 0) return { alertId, outboxIds: [] };
  const outbox = await tx
    .insert(mailOutbox)
    .values(emails.map((e) => ({ ...e, alertId, status: 'pending' as const, createdAt: alert.createdAt, updatedAt: alert.createdAt })))
    .returning({ id: mailOutbox.id });
  return { alertId, outboxIds: outbox.map((o) => o.id) };
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
