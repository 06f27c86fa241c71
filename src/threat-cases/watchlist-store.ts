import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { auditLog, watchlistEntries } from '../db/schema/index.js';
import { VaksamError } from '../errors/index.js';
import { createWatchlistMatcher, maskWatchlistValue, watchlistMatchKeys, type WatchlistKind, type WatchlistMatcher } from '../threats/index.js';
import { openValue, sealValue } from './seal.js';
import type { WatchlistKey } from './watchlist-key.js';

export interface WatchlistListing {
  id: number;
  kind: WatchlistKind;
  /** "L*** B***", or "(sealed with another key)". */
  masked: string;
  createdBy: string;
  createdAt: Date;
}

export class WatchlistEntryNotFoundError extends VaksamError {
  constructor(id: number) {
    super('WATCHLIST_ENTRY_NOT_FOUND', `no watchlist entry ${id}; see \`vaksam watchlist list\``, { details: { id } });
  }
}

/** Seals and stores a value; only its id and kind reach the audit log, never the value or its mask. */
export async function addWatchlistEntry(db: Db, key: WatchlistKey, entry: { kind: WatchlistKind; value: string; actor: string }): Promise<WatchlistListing> {
  const matchKeys = watchlistMatchKeys(entry.value, key.matchKey);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(watchlistEntries)
      .values({ kind: entry.kind, sealed: sealValue(entry.value.trim(), key.sealKey), matchKeys, keyId: key.keyId, createdBy: entry.actor })
      .returning();
    const created = row as typeof watchlistEntries.$inferSelect;
    await tx.insert(auditLog).values({ actor: entry.actor, action: 'watchlist.add', subject: `watchlist:${created.id}`, details: { kind: entry.kind } });
    return { id: created.id, kind: created.kind, masked: maskWatchlistValue(entry.value), createdBy: created.createdBy, createdAt: created.createdAt };
  });
}

export async function listWatchlist(db: Db, key: WatchlistKey): Promise<WatchlistListing[]> {
  const rows = await db.select().from(watchlistEntries).orderBy(asc(watchlistEntries.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    masked: r.keyId === key.keyId ? maskWatchlistValue(openValue(r.sealed, key.sealKey)) : '(sealed with another key)',
    createdBy: r.createdBy,
    createdAt: r.createdAt,
  }));
}

/** Deletes an entry for good (nothing of it is kept); the removal is audited by id. */
export async function removeWatchlistEntry(db: Db, id: number, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(watchlistEntries).where(eq(watchlistEntries.id, id)).returning({ id: watchlistEntries.id });
    if (deleted.length === 0) throw new WatchlistEntryNotFoundError(id);
    await tx.insert(auditLog).values({ actor, action: 'watchlist.remove', subject: `watchlist:${id}`, details: {} });
  });
}

/** A matcher over the stored keys (never the names); entries sealed with another key are counted and left out. */
export async function loadWatchlistMatcher(db: Db, key: WatchlistKey): Promise<{ matcher: WatchlistMatcher; otherKey: number }> {
  const rows = await db.select({ id: watchlistEntries.id, kind: watchlistEntries.kind, keys: watchlistEntries.matchKeys, keyId: watchlistEntries.keyId }).from(watchlistEntries);
  const usable = rows.filter((r) => r.keyId === key.keyId);
  return { matcher: createWatchlistMatcher(usable, key.matchKey), otherKey: rows.length - usable.length };
}

/** Changes whenever an entry is added or removed: detectors rebuild their matcher only then. */
export async function watchlistRevision(db: Db): Promise<string> {
  const [row] = await db.select({ token: sql<string>`count(*)::text || ':' || coalesce(max(${watchlistEntries.id}), 0)::text || ':' || coalesce(sum(${watchlistEntries.id}), 0)::text` }).from(watchlistEntries);
  return row?.token ?? '';
}
