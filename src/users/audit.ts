import { and, desc, like, lt, type SQL } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { auditLog } from '../db/schema/index.js';

export interface AuditEntry {
  /** User name, `cli:<os user>`, `system`… */
  actor: string;
  /** Dotted verb: `auth.login`, `auth.login.failed`, `user.create`, `threat.status`… */
  action: string;
  /** What it is about: `user:<name>`, `narrative:<slug>`, `source:<id>`… */
  subject: string;
  details?: Record<string, unknown>;
  at: Date;
}

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({ at: entry.at, actor: entry.actor, action: entry.action, subject: entry.subject, details: entry.details ?? {} });
}

export type AuditRow = typeof auditLog.$inferSelect;

/** Newest first, in pages keyed by id (`beforeId`), optionally only actions starting with a prefix. */
export async function listAudit(db: Db, options: { limit: number; beforeId?: number; actionPrefix?: string }): Promise<AuditRow[]> {
  const filters: SQL[] = [];
  if (options.beforeId !== undefined) filters.push(lt(auditLog.id, options.beforeId));
  if (options.actionPrefix) filters.push(like(auditLog.action, `${options.actionPrefix.replace(/[\\%_]/g, '\\$&')}%`));
  return db
    .select()
    .from(auditLog)
    .where(filters.length > 0 ? and(...filters) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(options.limit);
}
