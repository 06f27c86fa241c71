import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { queryRows, schema } from '../../src/db/index.js';
import { parsePreciseInstant } from '../../src/text/index.js';
import { insertSource, markClassified, findLostClassifications, upsertPosts, type PostRow } from '../../src/db/queries/index.js';
import { contentHash } from '../../src/pipeline/index.js';
import { createTestDatabase } from '../helpers/postgres.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sourceId: number;
const now = new Date('2026-11-23T10:00:00Z');

function row(externalId: string, text = `text of ${externalId}`): PostRow {
  const base = { url: `https://example.se/${externalId}`, title: `title ${externalId}`, text };
  return { ...base, externalId, authorHandle: null, language: 'sv', publishedAt: now, contentHash: contentHash(base), metadata: {} };
}

beforeAll(async () => {
  database = await createTestDatabase();
  const source = await insertSource(database.db, { kind: 'feed', name: 's', url: 'https://example.se/feed', config: {}, everyMinutes: 15, identityKey: 'k' });
  sourceId = source!.id;
});
afterAll(() => database.drop());

const target = () => ({ sourceId, platform: 'feed', fetchRunId: null, now });

describe('upsertPosts', () => {
  it('stores each item once when the same batch is written twice', async () => {
    const rows = [row('a1'), row('a2'), row('a3')];
    const first = await upsertPosts(database.db, target(), rows);
    const second = await upsertPosts(database.db, target(), rows);
    expect(first.inserted).toHaveLength(3);
    expect(second).toEqual({ inserted: [], updated: [], shared: [] });
  });

  it('updates an edited item in place and marks it for classification again', async () => {
    const [id] = (await upsertPosts(database.db, target(), [row('b1')])).inserted;
    await markClassified(database.db, [id!], now);
    const edited = await upsertPosts(database.db, target(), [row('b1', 'corrected text')]);
    expect(edited.updated).toEqual([id]);
    const [stored] = await database.db.select().from(schema.posts).where(eq(schema.posts.id, id!));
    expect(stored!.text).toBe('corrected text');
    expect(stored!.classifiedAt).toBeNull();
  });

  it('stores one row when two writers race on the same items', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => row(`race-${i}`));
    const [a, b] = await Promise.all([upsertPosts(database.db, target(), rows, 50), upsertPosts(database.db, target(), rows, 50)]);
    expect(a.inserted.length + b.inserted.length).toBe(200);
    const stored = await database.db.select({ externalId: schema.posts.externalId }).from(schema.posts).where(eq(schema.posts.sourceId, sourceId));
    expect(stored.filter((s) => s.externalId.startsWith('race-'))).toHaveLength(200);
  });

  it('keeps the last copy when a batch lists the same id twice', async () => {
    const out = await upsertPosts(database.db, target(), [row('dup', 'first'), row('dup', 'second')]);
    expect(out.inserted).toHaveLength(1);
    const [stored] = await database.db.select().from(schema.posts).where(eq(schema.posts.externalId, 'dup'));
    expect(stored!.text).toBe('second');
  });

  it('merges the shares of an original across batches and calls, counting each share once (issue 16)', async () => {
    const share = (id: string, by: string, at: string) => ({ id, by, at });
    const original = (...shares: Array<ReturnType<typeof share>>): PostRow => ({
      ...row('orig-1', 'the whole original text #lvu'),
      metadata: { format: 'x-api-v2', likeCount: 5, sharedBy: shares, shareCount: shares.length },
    });
    const first = await upsertPosts(database.db, target(), [
      original(share('r1', 'anna', '2023-02-01T10:05:00.000Z')),
      original(share('r2', 'bo', '2023-02-01T10:01:00.000Z')),
    ]);
    expect(first.inserted).toHaveLength(1);
    await markClassified(database.db, first.inserted, now);
    const later = await upsertPosts(database.db, target(), [original(share('r3', 'cia', '2023-02-01T11:00:00.000Z')), original(share('r1', 'anna', '2023-02-01T10:05:00.000Z'))]);
    expect(later).toEqual({ inserted: [], updated: [], shared: first.inserted });
    const again = await upsertPosts(database.db, target(), [original(share('r2', 'bo', '2023-02-01T10:01:00.000Z'))]);
    expect(again).toEqual({ inserted: [], updated: [], shared: [] });
    const [stored] = await database.db.select().from(schema.posts).where(eq(schema.posts.externalId, 'orig-1'));
    expect(stored!.metadata).toEqual({
      format: 'x-api-v2',
      likeCount: 5,
      sharedBy: [share('r2', 'bo', '2023-02-01T10:01:00.000Z'), share('r1', 'anna', '2023-02-01T10:05:00.000Z'), share('r3', 'cia', '2023-02-01T11:00:00.000Z')],
      shareCount: 3,
    });
    expect(stored!.classifiedAt).toEqual(now);
  });

  it('keeps the shares when an original is edited, and classifies it again', async () => {
    const shared: PostRow = { ...row('orig-2'), metadata: { sharedBy: [{ id: 's1', by: 'anna', at: null }], shareCount: 1 } };
    const [id] = (await upsertPosts(database.db, target(), [shared])).inserted;
    const edited = await upsertPosts(database.db, target(), [{ ...row('orig-2', 'edited text'), metadata: { likeCount: 9 } }]);
    expect(edited.updated).toEqual([id]);
    const [stored] = await database.db.select().from(schema.posts).where(eq(schema.posts.id, id!));
    expect(stored!.metadata).toEqual({ likeCount: 9, sharedBy: [{ id: 's1', by: 'anna', at: null }], shareCount: 1 });
  });

  it('stores an instant with microseconds exactly (issue 16)', async () => {
    const precise = { ...row('micro'), publishedAt: parsePreciseInstant('2024-11-20T12:34:56.789123Z') };
    await upsertPosts(database.db, target(), [precise]);
    const [stored] = await queryRows<{ at: string }>(
      database.db,
      sql`select to_char(published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at from posts where external_id = 'micro'`,
    );
    expect(stored?.at).toBe('2024-11-20T12:34:56.789123');
  });

  it('finds posts left unclassified, skipping the ids already queued', async () => {
    const { inserted } = await upsertPosts(database.db, target(), [row('c1'), row('c2')]);
    const settled = new Date(now.getTime() + 1000);
    const pending = await findLostClassifications(database.db, { importsSettledBefore: settled, exclude: [], limit: 10_000 });
    expect(pending).toEqual(expect.arrayContaining(inserted));
    const notQueued = await findLostClassifications(database.db, { importsSettledBefore: settled, exclude: [inserted[0]!], limit: 10_000 });
    expect(notQueued).not.toContain(inserted[0]);
    expect(notQueued).toContain(inserted[1]);
    await markClassified(database.db, inserted, now);
    const after = await findLostClassifications(database.db, { importsSettledBefore: settled, exclude: [], limit: 10_000 });
    expect(after).not.toContain(inserted[0]);
  });
});
