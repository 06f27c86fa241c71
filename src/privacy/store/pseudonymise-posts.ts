import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../../db/index.js';
import { neutralMetadata, pseudonymOf } from '../pseudonym.js';

export interface PostToPseudonymise {
  id: number;
  platform: string;
  authorHandle: string | null;
  metadata: Record<string, unknown>;
}

/**
 * Replaces each post's author handle by its keyed hash, removes its URL (URLs name their authors: x.com/<handle>/…,
 * t.me/<channel>/…) and every metadata field that names someone; text, language, times and classifications stay, so
 * narrative counts and charts are unchanged. One statement for the whole batch.
 */
export async function pseudonymisePosts(db: Db, key: Buffer, rows: readonly PostToPseudonymise[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const handles = rows.map((r) => (r.authorHandle === null ? null : pseudonymOf(key, r.platform, r.authorHandle)));
  const done = await queryRows<{ id: number }>(
    db,
    sql`update posts p set author_handle = u.handle, url = null, metadata = u.metadata::jsonb, pseudonymised_at = ${now.toISOString()}::timestamptz
        from unnest(${sql.param(rows.map((r) => r.id))}::bigint[], ${sql.param(handles)}::text[], ${sql.param(rows.map((r) => JSON.stringify(neutralMetadata(r.metadata))))}::text[])
          as u(id, handle, metadata)
        where p.id = u.id
        returning p.id`,
  );
  return done.length;
}
