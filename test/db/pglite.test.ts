import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, pendingMigrations, type Database } from '../../src/db/index.js';
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

  it('refuses a second source with the same identity', async () => {
    const again = await insertSource(database.db, { kind: 'feed', name: 'p2', url: 'https://e.se/f', config: {}, everyMinutes: 5, identityKey: 'p' });
    expect(again).toBeNull();
  });
});
