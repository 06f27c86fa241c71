import { randomBytes } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, postDayCounts, postNarratives, posts, threatCaseEvents, threatCasePosts, threatCases, tiplineReports } from '../../src/db/schema/index.js';
import { dailyCounts } from '../../src/http/overview/queries.js';
import { applyRetention, privacyConfigSchema, pseudonymOf, retentionTotals, type PrivacySettings } from '../../src/privacy/index.js';
import { reviewCase } from '../../src/threat-cases/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { addToCase, insertPost, markNarrative, markThreat, openCase, reportPost, seedSource } from './seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const key = randomBytes(32);
const DAY = 86_400_000;
const settings: PrivacySettings = privacyConfigSchema.parse({ batchSize: 10 });
const run = (now: Date) => applyRetention(database.db, { settings, dismissedRetentionDays: 30, pseudonymKey: key, now, actor: 'test' });
const postRow = async (id: number) => (await database.db.select().from(posts).where(eq(posts.id, id)))[0];

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  await database.drop();
});

describe('retention by purpose', () => {
  it('deletes posts that matched nothing after 30 days and keeps what a narrative, a threat, a case or a report needs', async () => {
    const db = database.db;
    const sourceId = await seedSource(db);
    const t0 = new Date('2025-01-10T10:00:00Z');
    const unmatched = await Promise.all([1, 2, 3].map(() => insertPost(db, sourceId, { fetchedAt: t0 })));
    const unclassified = await insertPost(db, sourceId, { fetchedAt: t0, classified: false });
    const younger = await insertPost(db, sourceId, { fetchedAt: new Date(t0.getTime() + 2 * DAY) });
    const narrative = await insertPost(db, sourceId, { fetchedAt: t0, author: 'spridare' });
    await markNarrative(db, narrative, t0);
    const hostile = await insertPost(db, sourceId, { fetchedAt: t0 });
    await markThreat(db, hostile, t0);
    // Unmatched when collected; on day 20 a case took it in (a report about it, a new rule).
    const joinedLater = await insertPost(db, sourceId, { fetchedAt: t0, author: 'hotare' });
    await openCase(db, [joinedLater], new Date(t0.getTime() + 20 * DAY));
    const reported = await insertPost(db, sourceId, { fetchedAt: t0 });
    await reportPost(db, reported, new Date(t0.getTime() + 5 * DAY));
    const chartBefore = await dailyCounts(db, 7, new Date(t0.getTime() + 3 * DAY));

    const day31 = new Date(t0.getTime() + 31 * DAY);
    const outcome = await run(day31);

    expect(outcome.counts['unmatched-posts']).toBe(3);
    const left = (await db.select({ id: posts.id }).from(posts).where(eq(posts.sourceId, sourceId))).map((r) => Number(r.id)).sort((a, b) => a - b);
    expect(left).toEqual([unclassified, younger, narrative, hostile, joinedLater, reported].sort((a, b) => a - b));
    expect(await db.select().from(postDayCounts).where(eq(postDayCounts.sourceId, sourceId))).toEqual([{ sourceId, day: '2025-01-10', posts: 3 }]);
    // The chart of that week counts the same posts per day as before the deletion.
    expect((await dailyCounts(db, 7, new Date(t0.getTime() + 3 * DAY))).posts).toEqual(chartBefore.posts);
    expect((await postRow(narrative))?.authorHandle).toBe('spridare');
    expect(unmatched.every((id) => !left.includes(id))).toBe(true);

    const again = await run(new Date(t0.getTime() + 33 * DAY));
    expect(again.counts['unmatched-posts']).toBe(1);
    expect((await postRow(younger))).toBeUndefined();
  });

  it('pseudonymises the handles of matched posts outside cases after 90 days, keeping text and narratives', async () => {
    const db = database.db;
    const sourceId = await seedSource(db);
    const t0 = new Date('2025-02-01T10:00:00Z');
    const metadata = { tags: ['lvu'], mentions: ['@socialchef@kommun.social'], sharedBy: [{ id: '9', by: 'delare', at: null }], shareCount: 1 };
    const narrative = await insertPost(db, sourceId, { fetchedAt: t0, author: 'Spridare', text: 'Soc kidnappar barn', metadata });
    await markNarrative(db, narrative, t0);
    const hostile = await insertPost(db, sourceId, { fetchedAt: t0, author: 'arg', platform: 'telegram' });
    await markThreat(db, hostile, t0);
    const inCase = await insertPost(db, sourceId, { fetchedAt: t0, author: 'hotare2' });
    await markNarrative(db, inCase, t0);
    await openCase(db, [inCase], t0);
    const early = await insertPost(db, sourceId, { fetchedAt: new Date(t0.getTime() + 10 * DAY), author: 'senare' });
    await markNarrative(db, early, t0);

    const day91 = new Date(t0.getTime() + 91 * DAY);
    const outcome = await run(day91);
    expect(outcome.counts['handles-pseudonymised']).toBeGreaterThanOrEqual(2);

    const pseudonymised = await postRow(narrative);
    expect(pseudonymised).toMatchObject({ authorHandle: pseudonymOf(key, 'mastodon', 'spridare'), url: null, text: 'Soc kidnappar barn', metadata: { tags: ['lvu'], shareCount: 1 } });
    expect(pseudonymised?.pseudonymisedAt).toEqual(day91);
    expect(JSON.stringify(pseudonymised?.metadata)).not.toMatch(/socialchef|delare/u);
    expect(await db.select().from(postNarratives).where(eq(postNarratives.postId, narrative))).toHaveLength(1);
    expect((await postRow(hostile))?.authorHandle).toBe(pseudonymOf(key, 'telegram', 'arg'));
    expect((await postRow(inCase))).toMatchObject({ authorHandle: 'hotare2', pseudonymisedAt: null });
    expect((await postRow(early))).toMatchObject({ authorHandle: 'senare', pseudonymisedAt: null });
  });

  it('keeps open cases and unreleased police cases whole, and anonymises closed ones a year after closing', async () => {
    const db = database.db;
    const sourceId = await seedSource(db);
    const t0 = new Date('2024-01-05T10:00:00Z');
    const post = async (author: string, narrative = false) => {
      const id = await insertPost(db, sourceId, { fetchedAt: t0, author, text: `Vi vet var du bor (${author})` });
      await markThreat(db, id, t0, 'high');
      if (narrative) await markNarrative(db, id, t0);
      return id;
    };
    const [openPost, policePost, releasedPost, dismissedPost, dismissedNarrative] = [await post('öppen'), await post('polis'), await post('släppt'), await post('avfärdad'), await post('avfärdad2', true)];
    const open = await openCase(db, [openPost], t0);
    const police = await openCase(db, [policePost], t0);
    const released = await openCase(db, [releasedPost], t0);
    const dismissed = await openCase(db, [dismissedPost], t0);
    await addToCase(db, dismissed, dismissedNarrative, t0);
    const reportId = await reportPost(db, dismissedPost, t0, { reportedUrl: 'https://social.example/@avfärdad/1' });
    for (const id of [police, released]) await reviewCase(db, id, { actor: 'säk', status: 'escalated', policeRef: '5000-K123456-25' }, new Date(t0.getTime() + DAY));
    await db.update(threatCases).set({ policeReleasedAt: new Date(t0.getTime() + 30 * DAY) }).where(eq(threatCases.id, released));
    await reviewCase(db, dismissed, { actor: 'säk', status: 'dismissed', note: 'ironi' }, new Date(t0.getTime() + 2 * DAY));

    const outcome = await run(new Date(t0.getTime() + 400 * DAY));
    expect(outcome.counts['closed-cases']).toBe(2);
    const snapshot = async (postAuthor: string, caseId: number) =>
      (await db.select().from(threatCasePosts).where(eq(threatCasePosts.caseId, caseId))).find((s) => s.authorHandle === postAuthor || s.authorHandle === pseudonymOf(key, 'mastodon', postAuthor));
    for (const [author, caseId, postId] of [['öppen', open, openPost], ['polis', police, policePost]] as const) {
      expect(await snapshot(author, caseId)).toMatchObject({ authorHandle: author, text: `Vi vet var du bor (${author})` });
      expect((await postRow(postId))?.authorHandle).toBe(author);
    }
    for (const [author, caseId] of [['släppt', released], ['avfärdad', dismissed]] as const) {
      expect(await snapshot(author, caseId)).toMatchObject({ authorHandle: pseudonymOf(key, 'mastodon', author), text: '', url: null, exchanges: [] });
    }
    expect(await postRow(releasedPost)).toBeUndefined();
    expect(await postRow(dismissedPost)).toBeUndefined();
    expect(await postRow(dismissedNarrative)).toMatchObject({ authorHandle: pseudonymOf(key, 'mastodon', 'avfärdad2'), url: null });
    const [report] = await db.select().from(tiplineReports).where(eq(tiplineReports.id, reportId));
    expect(report).toMatchObject({ reporterName: null, reporterEmail: null, reportedUrl: null });
    const cases = await db.select().from(threatCases).where(inArray(threatCases.id, [open, police, released, dismissed]));
    expect(cases.filter((c) => c.anonymisedAt !== null).map((c) => c.id).sort()).toEqual([released, dismissed].sort());
    expect(cases.find((c) => c.id === released)?.policeRef).toBe('5000-K123456-25');
    expect((await db.select().from(threatCaseEvents).where(eq(threatCaseEvents.caseId, released))).at(-1)?.action).toBe('anonymised');
  });

  it('audits every run with its counts and keeps running totals', async () => {
    const db = database.db;
    const before = await retentionTotals(db);
    const now = new Date('2030-01-01T00:00:00Z');
    await run(now);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.at, now));
    expect(audit).toMatchObject({ actor: 'test', action: 'retention.apply', subject: 'retention' });
    expect(audit?.details).toMatchObject({ counts: { 'unmatched-posts': expect.any(Number) }, days: { unmatchedPostDays: 30, pseudonymiseAfterDays: 90, closedCaseDays: 365 } });
    const after = await retentionTotals(db);
    expect(after.map((t) => t.rule)).toEqual(before.map((t) => t.rule));
    expect(after.every((t) => t.lastRunAt?.getTime() === now.getTime())).toBe(true);
  });

  it('works through a backlog larger than one batch', async () => {
    const db = database.db;
    const sourceId = await seedSource(db);
    const t0 = new Date('2029-01-01T10:00:00Z');
    for (let i = 0; i < 25; i++) await insertPost(db, sourceId, { fetchedAt: t0 });
    const outcome = await run(new Date(t0.getTime() + 40 * DAY));
    expect(outcome.counts['unmatched-posts']).toBe(25);
    expect(outcome.unfinished).toEqual([]);
    expect(await db.select().from(posts).where(eq(posts.sourceId, sourceId))).toEqual([]);
    expect((await db.select().from(postDayCounts).where(eq(postDayCounts.sourceId, sourceId)))[0]?.posts).toBe(25);
  });
});
