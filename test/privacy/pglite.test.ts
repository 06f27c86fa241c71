import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/index.js';
import { posts } from '../../src/db/schema/index.js';
import { applyRetention, erasePerson, ERASED_MARK, findPerson, privacyConfigSchema, pseudonymOf } from '../../src/privacy/index.js';
import { insertPost, markNarrative, markThreat, openCase, seedSource } from './seed.js';

let dir: string;
let database: Database;
const key = randomBytes(32);
const DAY = 86_400_000;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vaksam-privacy-pglite-'));
  database = await openDatabase({ url: null, dataDir: dir, poolSize: 1 });
  await database.migrate();
});

afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('retention and erasure on the embedded database', () => {
  it('applies every rule and erases a handle the same way as on PostgreSQL', async () => {
    const db = database.db;
    const sourceId = await seedSource(db);
    const t0 = new Date('2025-01-01T10:00:00Z');
    const unmatched = await insertPost(db, sourceId, { fetchedAt: t0 });
    const narrative = await insertPost(db, sourceId, { fetchedAt: t0, author: 'spridare' });
    await markNarrative(db, narrative, t0);
    const threat = await insertPost(db, sourceId, { fetchedAt: t0, author: 'lena_b' });
    await markThreat(db, threat, t0, 'high');
    await openCase(db, [threat], t0);
    await insertPost(db, sourceId, { fetchedAt: new Date(t0.getTime() + 100 * DAY), author: 'annan', text: 'Hör på @lena_b!' });

    const outcome = await applyRetention(db, { settings: privacyConfigSchema.parse({}), dismissedRetentionDays: 30, pseudonymKey: key, now: new Date(t0.getTime() + 95 * DAY) });
    expect(outcome.counts).toMatchObject({ 'unmatched-posts': 1, 'handles-pseudonymised': 1 });
    expect(await db.select().from(posts).where(eq(posts.id, unmatched))).toEqual([]);
    expect((await db.select().from(posts).where(eq(posts.id, narrative)))[0]?.authorHandle).toBe(pseudonymOf(key, 'mastodon', 'spridare'));

    const by = { actor: 'dso', now: t0 };
    expect((await findPerson(db, key, { handle: 'lena_b' }, { ...by, action: 'privacy.find' })).mentions).toHaveLength(1);
    const erased = await erasePerson(db, key, { handle: 'lena_b' }, by);
    expect(erased).toMatchObject({ postsRemoved: 1, caseEntriesAnonymised: 1, mentionsScrubbed: 1, kept: [] });
    const [mention] = await db.select().from(posts).where(eq(posts.authorHandle, 'annan'));
    expect(mention?.text).toBe(`Hör på ${ERASED_MARK}!`);
  });
});
