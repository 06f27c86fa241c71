import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, pendingMigrations, queryRows, type Database } from '../../src/db/index.js';
import { insertSource, upsertPosts } from '../../src/db/queries/index.js';
import { contentHash } from '../../src/pipeline/index.js';

// One PGlite instance for the whole file: its first open runs initdb, which takes seconds.
let dir: string;
let database: Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaksam-pglite-'));
  database = await openDatabase({ url: null, dataDir: dir, poolSize: 1 });
  await database.migrate();
});
afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('embedded PGlite database', () => {
  it('is chosen when no URL is given and has every migration applied', async () => {
    expect(database.kind).toBe('pglite');
    expect(database.embeddedRole).toBe('owner');
    expect(await pendingMigrations(database.db)).toBe(0);
  });

  it('applies migrations again without error (idempotent start)', async () => {
    await database.migrate();
    expect(await pendingMigrations(database.db)).toBe(0);
  });

  it('reports inserts and edits from the same upsert statement as Postgres does', async () => {
    const source = await insertSource(database.db, { kind: 'feed', name: 'p', url: 'https://e.se/f', config: {}, everyMinutes: 5, identityKey: 'p' });
    const now = new Date('2026-11-23T10:00:00Z');
    const make = (text: string) => {
      const base = { url: 'https://e.se/1', title: 't', text };
      return [{ ...base, externalId: '1', authorHandle: null, language: 'sv', publishedAt: null, contentHash: contentHash(base), metadata: { n: 1 } }];
    };
    const target = { sourceId: source!.id, platform: 'feed', fetchRunId: null, now };
    expect((await upsertPosts(database.db, target, make('a'))).inserted).toHaveLength(1);
    expect(await upsertPosts(database.db, target, make('a'))).toEqual({ inserted: [], updated: [], shared: [] });
    expect((await upsertPosts(database.db, target, make('b'))).updated).toHaveLength(1);
    const shared = make('b').map((row) => ({ ...row, metadata: { sharedBy: [{ id: 'r1', by: 'anna', at: null }], shareCount: 1 } }));
    expect((await upsertPosts(database.db, target, shared)).shared).toHaveLength(1);
    expect(await upsertPosts(database.db, target, shared)).toEqual({ inserted: [], updated: [], shared: [] });
  });

  it('serves a second process through the owner, never interleaving two clients\' transactions', async () => {
    const client = await openDatabase({ url: null, dataDir: dir, poolSize: 4 });
    try {
      expect(client.embeddedRole).toBe('client');
      expect(database.embeddedRole).toBe('owner');
      await database.db.execute(sql`create table turns (who text not null, n int not null)`);
      const writes = (db: Database['db'], who: string, fail: boolean) =>
        db.transaction(async (tx) => {
          for (let n = 0; n < 20; n++) await tx.execute(sql`insert into turns values (${who}, ${n})`);
          if (fail) await tx.execute(sql`select 1 / 0`);
        });
      const outcomes = await Promise.allSettled([writes(database.db, 'owner', false), writes(client.db, 'client', true), writes(client.db, 'client2', false)]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const rows = await queryRows<{ who: string; n: number }>(client.db, sql`select who, count(*)::int as n from turns group by who order by who`);
      expect(rows).toEqual([
        { who: 'client2', n: 20 },
        { who: 'owner', n: 20 },
      ]);
    } finally {
      await client.close();
    }
  });

  it('refuses a second source with the same identity', async () => {
    const again = await insertSource(database.db, { kind: 'feed', name: 'p2', url: 'https://e.se/f', config: {}, everyMinutes: 5, identityKey: 'p' });
    expect(again).toBeNull();
  });
});
