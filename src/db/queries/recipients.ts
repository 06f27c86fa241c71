import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { mailOutbox, recipients } from '../schema/index.js';

export type RecipientRow = typeof recipients.$inferSelect;
export type NewRecipient = Omit<typeof recipients.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>;

/** Null when a recipient with the same address (case-insensitive) exists. */
export async function insertRecipient(db: Db, recipient: NewRecipient, now: Date): Promise<RecipientRow | null> {
  const rows = await db
    .insert(recipients)
    .values({ ...recipient, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  return rows[0] ?? null;
}

export async function listRecipients(db: Db): Promise<RecipientRow[]> {
  return db.select().from(recipients).orderBy(asc(recipients.id));
}

/** By id, or by address when `key` is not a number. */
export async function findRecipient(db: Db, key: string): Promise<RecipientRow | null> {
  const where = /^\d+$/.test(key) ? eq(recipients.id, Number(key)) : sql`lower(${recipients.email}) = lower(${key})`;
  const rows = await db.select().from(recipients).where(where);
  return rows[0] ?? null;
}

/**
 * Deletes a recipient and, in the same transaction, cancels their emails not yet claimed by a worker: a person
 * removed from the list gets nothing more (an email already being sent finishes).
 */
export async function deleteRecipient(db: Db, id: number, now: Date): Promise<{ removed: boolean; cancelled: number }> {
  return db.transaction(async (tx) => {
    const cancelled = await tx
      .update(mailOutbox)
      .set({ status: 'cancelled', lastErrorCode: 'RECIPIENT_REMOVED', lastError: 'the recipient was removed before this email was sent', updatedAt: now })
      .where(and(eq(mailOutbox.recipientId, id), inArray(mailOutbox.status, ['pending', 'failed', 'unknown'])))
      .returning({ id: mailOutbox.id });
    const removed = await tx.delete(recipients).where(eq(recipients.id, id)).returning({ id: recipients.id });
    return { removed: removed.length > 0, cancelled: cancelled.length };
  });
}
