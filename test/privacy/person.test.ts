import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/index.js';
import * as schema from '../../src/db/schema/index.js';
import { alerts, auditLog, channelOutbox, mailOutbox, postThreats, quarantine, threatCases, threatMissedPosts, tiplineCaptures } from '../../src/db/schema/index.js';
import { ERASED_MARK, erasePerson, findPerson, PERSONAL_COLUMN_NAME, PERSONAL_DATA_COLUMNS, PrivacyRequestError, pseudonymOf } from '../../src/privacy/index.js';
import { reviewCase } from '../../src/threat-cases/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { insertPost, markThreat, openCase, reportPost, seedSource } from './seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const key = randomBytes(32);
const T0 = new Date('2025-04-01T08:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

function schemaColumns(): string[] {
  return (Object.values(schema) as unknown[])
    .filter((value: unknown): value is PgTable => value instanceof PgTable)
    .flatMap((table) => {
      const config = getTableConfig(table);
      return config.columns.map((column) => `${config.name}.${column.name}`);
    });
}

describe('the register of personal data', () => {
  it('covers every column of the schema whose name suggests personal data', () => {
    const uncovered = schemaColumns().filter((c) => PERSONAL_COLUMN_NAME.test(c.split('.')[1] as string) && !(c in PERSONAL_DATA_COLUMNS));
    expect(uncovered, 'add these to PERSONAL_DATA_COLUMNS (src/privacy/person/registry.ts) with how find/erase reach them').toEqual([]);
  });

  it('names only columns that exist', () => {
    const columns = new Set(schemaColumns());
    expect(Object.keys(PERSONAL_DATA_COLUMNS).filter((c) => !columns.has(c))).toEqual([]);
  });
});

/** Seeds the handle into every `author` column of the register; returns the post and case the police hold. */
async function seedPerson(handle: string) {
  const db = database.db;
  const sourceId = await seedSource(db);
  const own = await insertPost(db, sourceId, { fetchedAt: T0, author: `@${handle.toUpperCase()}`, url: `https://social.example/@${handle}/1`, title: `Tråd av @${handle}`, text: 'Soc tar barn', metadata: { account: handle } });
  await database.db.insert(postThreats).values({ postId: own, level: 'high', signals: [{ kind: 'watchlist', text: 'Anna', start: 0, end: 4, rule: 'watchlist-name/7' }, { kind: 'menace', text: `@${handle} säger`, start: 5, end: 9 }], rulesVersion: 'r', contentHash: 'h', classifiedAt: T0 });
  const pseudonymised = await insertPost(db, sourceId, { fetchedAt: T0, author: pseudonymOf(key, 'telegram', handle), platform: 'telegram', url: null });
  const mention = await insertPost(db, sourceId, { fetchedAt: T0, author: 'annan', text: `Hör på @${handle} och @${handle}!`, metadata: { mentions: [`${handle}@social.example`], sharedBy: [{ id: '1', by: handle, at: null }] } });
  await markThreat(db, mention, T0);
  const inCase = await insertPost(db, sourceId, { fetchedAt: T0, author: handle, text: `Jag, @${handle}, vet var du bor` });
  const dismissedCase = await openCase(db, [inCase], T0);
  const held = await insertPost(db, sourceId, { fetchedAt: T0, author: handle, text: 'Vi kommer ikväll', url: `https://social.example/@${handle}/2` });
  const heldCase = await openCase(db, [held], T0);
  await reviewCase(db, heldCase, { actor: 'säk', status: 'escalated', policeRef: '5000-K1-25' }, T0);
  const reportId = await reportPost(db, own, T0, {
    reportedUrl: `https://social.example/@${handle}/1`,
    capture: { status: 'captured', reason: null, parser: 'mastodon', title: 'x', author: handle, publishedAt: null, language: 'sv', text: `@${handle}: Soc tar barn` },
  });
  await db.insert(tiplineCaptures).values({ reportId, url: `https://social.example/@${handle}/1`, finalUrl: `https://social.example/@${handle}/1?x`, headers: { link: `<https://social.example/@${handle}>` }, html: `<p>@${handle}</p>`, text: `@${handle}`, fetchedAt: T0 });
  await db.insert(quarantine).values({ sourceId, reason: 'no id', raw: { user: { screen_name: handle } } });
  await db.insert(threatMissedPosts).values({ postId: own, level: 'high', ruleLevel: 'none', text: `@${handle}: Soc tar barn`, platform: 'mastodon', url: `https://social.example/@${handle}/1`, note: 'missad', markedBy: 'säk', markedAt: T0 });
  await db.insert(threatMissedPosts).values({ postId: null, level: 'high', ruleLevel: 'low', text: 'ni kommer få betala', platform: 'mastodon', url: null, note: `samma som @${handle}`, markedBy: 'säk', markedAt: T0 });
  const [alert] = await db.insert(alerts).values({ kind: 'threat', dedupeKey: randomBytes(6).toString('hex'), severity: 'high', subject: 'case:1', payload: { author: `@${handle}` }, content: { sv: { lines: [`@${handle} hotar`] } }, createdAt: T0 }).returning({ id: alerts.id });
  const alertId = Number(alert?.id);
  await db.insert(mailOutbox).values({ alertId, toAddress: 'sak@kommun.se', messageId: randomBytes(6).toString('hex'), subject: `Hot från @${handle}`, html: `<b>@${handle}</b>`, text: `@${handle}`, notBefore: T0, createdAt: T0, updatedAt: T0 });
  await db.insert(channelOutbox).values({ alertId, channel: 'teams', kind: 'teams', payload: { text: `@${handle}` }, notBefore: T0, createdAt: T0, updatedAt: T0 });
  return { own, pseudonymised, mention, held, heldCase, dismissedCase };
}

/** Rows of each `author` column of the register that still contain the handle, outside the case the police hold. */
async function remaining(handle: string, held: { postId: number; caseId: number }): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [column, entry] of Object.entries(PERSONAL_DATA_COLUMNS)) {
    if (entry.subject !== 'author') continue;
    const [table, name] = column.split('.') as [string, string];
    const exclude =
      table === 'posts' ? sql` and id <> ${held.postId}` : table === 'post_threats' ? sql` and post_id <> ${held.postId}` : table === 'threat_case_posts' ? sql` and case_id <> ${held.caseId}` : sql``;
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(name)}::text ilike ${`%${handle}%`}${exclude}`);
    out[column] = Number(row?.n);
  }
  return out;
}

describe('access and erasure by person', () => {
  it('finds everything about a handle, erases it everywhere but in a case the police hold, and says why', async () => {
    const handle = 'lena_b';
    const seeded = await seedPerson(handle);
    const before = await remaining(handle, { postId: seeded.held, caseId: seeded.heldCase });
    expect(Object.entries(before).filter(([, n]) => n === 0).map(([c]) => c), 'every author column of the register is seeded').toEqual([]);

    const found = await findPerson(database.db, key, { handle: '@Lena_B' }, { actor: 'dso', now: T0, action: 'privacy.find' });
    expect(found.posts.map((p) => p.id).sort((a, b) => a - b)).toEqual([seeded.own, seeded.pseudonymised, (await caseEntryPost(seeded.dismissedCase)), seeded.held].sort((a, b) => a - b));
    expect(found.posts.find((p) => p.id === seeded.pseudonymised)?.pseudonymised).toBe(false);
    expect(found.cases.map((c) => [c.caseId, c.heldForPolice])).toEqual([[seeded.dismissedCase, false], [seeded.heldCase, true]].sort((a, b) => Number(a[0]) - Number(b[0])));
    expect(found.watchlistHits).toEqual([{ postId: seeded.own, entry: 'watchlist-name/7' }]);
    expect(found.reports).toHaveLength(1);
    expect(found.mentions).toEqual([expect.objectContaining({ postId: seeded.mention, where: 'text' })]);
    expect(found.alerts).toHaveLength(1);
    expect(found.quarantined).toHaveLength(1);
    expect(found.missedThreats.map((m) => m.postId)).toEqual([seeded.own, null]);

    const outcome = await erasePerson(database.db, key, { handle }, { actor: 'dso', now: T0 });
    expect(outcome.kept).toEqual([{ caseId: seeded.heldCase, policeRef: '5000-K1-25', posts: 1 }]);
    expect(outcome.postsRemoved).toBe(3);
    expect(await remaining(handle, { postId: seeded.held, caseId: seeded.heldCase })).toEqual(Object.fromEntries(Object.keys(before).map((c) => [c, 0])));

    const [mention] = await queryRows<{ text: string }>(database.db, sql`select text from posts where id = ${seeded.mention}`);
    expect(mention?.text).toBe(`Hör på ${ERASED_MARK} och ${ERASED_MARK}!`);
    const after = await findPerson(database.db, key, { handle }, { actor: 'dso', now: T0, action: 'privacy.find' });
    expect(after.posts.map((p) => p.id)).toEqual([seeded.held]);
    expect(after.cases.map((c) => c.caseId)).toEqual([seeded.heldCase]);
    const [heldCase] = await database.db.select().from(threatCases).where(eq(threatCases.id, seeded.heldCase));
    expect(heldCase?.anonymisedAt).toBeNull();
    const audit = await database.db.select().from(auditLog).where(eq(auditLog.subject, 'privacy'));
    expect(audit.map((a) => a.action)).toEqual(['privacy.find', 'privacy.erase', 'privacy.find']);
    expect(JSON.stringify(audit).toLowerCase()).not.toContain('lena');
  });

  it('limits a search to one platform', async () => {
    const db = database.db;
    const sourceId = await seedSource(db);
    const onMastodon = await insertPost(db, sourceId, { fetchedAt: T0, author: 'bo_k', platform: 'mastodon' });
    await insertPost(db, sourceId, { fetchedAt: T0, author: 'bo_k', platform: 'telegram' });
    const found = await findPerson(db, key, { handle: 'bo_k', platform: 'mastodon' }, { actor: 'dso', now: T0, action: 'privacy.export' });
    expect(found.posts.map((p) => p.id)).toEqual([onMastodon]);
  });

  it.each([['x'], ["lena'; drop table posts; --"], ['a'.repeat(201)]])('refuses %j as a handle, naming what is allowed', async (handle) => {
    await expect(findPerson(database.db, key, { handle }, { actor: 'dso', now: T0, action: 'privacy.find' })).rejects.toThrow(PrivacyRequestError);
  });
});

async function caseEntryPost(caseId: number): Promise<number> {
  const [row] = await queryRows<{ post_id: number }>(database.db, sql`select post_id from threat_case_posts where case_id = ${caseId}`);
  return Number(row?.post_id);
}
