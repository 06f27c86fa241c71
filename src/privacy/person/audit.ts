import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { pseudonymOf } from '../pseudonym.js';
import type { PersonMatch } from './match.js';

/** Records a request in the audit log by a keyed hash of the handle: the log shows that it was handled, not whom it was about. */
export async function audit(db: Db, key: Buffer, match: PersonMatch, by: { actor: string; now: Date }, action: string, details: Record<string, unknown>): Promise<void> {
  const person = pseudonymOf(key, '*', match.handle);
  await queryRows(
    db,
    sql`insert into audit_log (at, actor, action, subject, details)
        values (${by.now.toISOString()}::timestamptz, ${by.actor}, ${action}, 'privacy', ${JSON.stringify({ person, platform: match.platform, ...details })}::jsonb)`,
  );
}
