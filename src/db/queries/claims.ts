import { asc, sql } from 'drizzle-orm';
import type { Db } from '../client.js';
import { claims } from '../schema/index.js';

export type NewClaim = Pick<typeof claims.$inferInsert, 'externalId' | 'narrativeSlug' | 'text' | 'url' | 'verdict' | 'reviewer' | 'language' | 'datePublished' | 'raw'>;

/** Inserts or refreshes claims by external id in one statement; returns how many rows were written. */
export async function upsertClaims(db: Db, rows: NewClaim[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  const unique = [...new Map(rows.map((r) => [r.externalId, r])).values()];
  const written = await db
    .insert(claims)
    .values(unique.map((r) => ({ ...r, updatedAt: now })))
    .onConflictDoUpdate({
      target: claims.externalId,
      set: {
        narrativeSlug: sql`coalesce(excluded.narrative_slug, ${claims.narrativeSlug})`,
        text: sql`excluded.text`,
        url: sql`excluded.url`,
        verdict: sql`excluded.verdict`,
        reviewer: sql`excluded.reviewer`,
        language: sql`excluded.language`,
        datePublished: sql`excluded.date_published`,
        raw: sql`excluded.raw`,
        updatedAt: sql`excluded.updated_at`,
      },
    })
    .returning({ id: claims.id });
  return written.length;
}

export async function listClaims(db: Db) {
  return db.select().from(claims).orderBy(asc(claims.id));
}
