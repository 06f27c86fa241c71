import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, posts, postThreats, threatCaseEvents, threatCasePosts, threatCases } from '../../src/db/schema/index.js';
import { getCase, listCases, purgeDismissedCases, reviewCase, rulePrecision, ThreatCaseReviewError } from '../../src/threat-cases/index.js';
import type { ThreatDetector } from '../../src/threats/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { shippedDetector } from '../threats/rules.js';
import { classifyThreatBatch } from './classify-batch.js';
import { insertPost, seedSource } from './seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let detector: ThreatDetector;
let seed: { sourceId: number; fetchRunId: number };
const T0 = new Date('2025-03-03T09:00:00Z');
const THREAT = 'Vi vet var ni bor, ni som jobbar på socialen i Gävle.';

beforeAll(async () => {
  database = await createTestDatabase();
  detector = await shippedDetector();
  seed = await seedSource(database.db);
});

afterAll(async () => {
  await database.drop();
});

const db = () => database.db;
const caseOf = async (postId: number) => (await db().select().from(threatCasePosts).where(eq(threatCasePosts.postId, postId)))[0]?.caseId;
const eventsOf = async (caseId: number) => db().select().from(threatCaseEvents).where(eq(threatCaseEvents.caseId, caseId)).orderBy(threatCaseEvents.id);

describe('filing posts as cases', () => {
  it('stores post_threats above none and opens a case from medium up', async () => {
    const hostile = await insertPost(db(), seed, { text: 'Socialsekreterare är patetiska idioter.' });
    const plain = await insertPost(db(), seed, { text: 'Kommunen söker familjehem.' });
    const threat = await insertPost(db(), seed, { text: THREAT, author: 'hotaren' });
    const outcome = await classifyThreatBatch(db(), detector, [hostile, plain, threat], T0);
    expect(outcome.stored).toBe(2);
    expect(outcome.cases).toEqual([expect.objectContaining({ postId: threat, change: 'created', level: 'high' })]);
    const stored = await db().select().from(postThreats).where(eq(postThreats.postId, threat));
    expect(stored[0]).toMatchObject({ level: 'high', categories: ['threat'], rulesVersion: detector.version });
    expect(await caseOf(hostile)).toBeUndefined();
  });

  it('groups reposts and quotes of the same text into one case with a count', async () => {
    const repost = await insertPost(db(), seed, { text: `RT @hotaren: ${THREAT}`, author: 'spridaren' });
    const quote = await insertPost(db(), seed, { text: `Kolla vad någon skrev! ${THREAT} https://x.example/1`, author: 'tredje' });
    const other = await insertPost(db(), seed, { text: 'Vi ska döda varenda socialsekreterare som tar våra barn.' });
    await classifyThreatBatch(db(), detector, [repost, quote, other], T0);
    const first = await listCases(db());
    const grouped = first.find((c) => c.postCount === 3);
    expect(grouped).toBeDefined();
    expect(await caseOf(repost)).toBe(grouped?.id);
    expect(await caseOf(quote)).toBe(grouped?.id);
    expect(await caseOf(other)).not.toBe(grouped?.id);
    expect((await eventsOf(grouped?.id as number)).map((e) => e.action)).toEqual(['created', 'post-added', 'post-added']);
  });

  it('changes nothing when the same batch is delivered again', async () => {
    const before = await db().select().from(threatCaseEvents);
    const ids = (await db().select({ id: posts.id }).from(posts)).map((r) => Number(r.id));
    const outcome = await classifyThreatBatch(db(), detector, ids, new Date(T0.getTime() + 60_000));
    expect(outcome.cases).toEqual([]);
    expect(await db().select().from(threatCaseEvents)).toHaveLength(before.length);
  });

  it('keeps one case per post and records an edit of a filed post', async () => {
    const [threatPost] = await db().select().from(threatCasePosts).where(eq(threatCasePosts.authorHandle, 'hotaren'));
    const postId = threatPost?.postId as number;
    await db().update(posts).set({ text: `${THREAT} Jag kommer med en kniv ikväll.`, contentHash: 'edited' }).where(eq(posts.id, postId));
    const outcome = await classifyThreatBatch(db(), detector, [postId], new Date(T0.getTime() + 120_000));
    expect(outcome.cases).toEqual([expect.objectContaining({ change: 'edited', level: 'critical' })]);
    expect(await db().select().from(threatCasePosts).where(eq(threatCasePosts.postId, postId))).toHaveLength(1);
    const [c] = await db().select().from(threatCases).where(eq(threatCases.id, threatPost?.caseId as number));
    expect(c?.level).toBe('critical');
  });
});

describe('reviewing a case', () => {
  let caseId: number;
  beforeAll(async () => {
    caseId = (await listCases(db(), { level: 'critical' }))[0]?.id as number;
  });

  it('moves new → acknowledged with who, what and when in the history and the audit log', async () => {
    expect(await reviewCase(db(), caseId, { actor: 'anna', status: 'acknowledged', note: 'Ser allvarligt ut', assignee: 'anna' }, T0)).toBe('acknowledged');
    const last = (await eventsOf(caseId)).at(-1);
    expect(last).toMatchObject({ actor: 'anna', action: 'status', fromStatus: 'new', toStatus: 'acknowledged', note: 'Ser allvarligt ut' });
    const audit = await db().select().from(auditLog).where(eq(auditLog.subject, `threat-case:${caseId}`));
    expect(audit.map((a) => a.action)).toContain('threat-case.status');
  });

  it('refuses a move the workflow does not allow, naming the allowed ones', async () => {
    await expect(reviewCase(db(), caseId, { actor: 'anna', status: 'new' }, T0)).rejects.toThrow(/is acknowledged; it can become escalated or dismissed, not new/);
  });

  it('needs a police report reference to escalate', async () => {
    await expect(reviewCase(db(), caseId, { actor: 'anna', status: 'escalated' }, T0)).rejects.toBeInstanceOf(ThreatCaseReviewError);
    expect(await reviewCase(db(), caseId, { actor: 'anna', status: 'escalated', policeRef: 'K123456-25' }, T0)).toBe('escalated');
    const [c] = await db().select().from(threatCases).where(eq(threatCases.id, caseId));
    expect(c).toMatchObject({ status: 'escalated', policeRef: 'K123456-25', assignee: 'anna' });
  });

  it('treats escalated as final but still takes notes', async () => {
    await expect(reviewCase(db(), caseId, { actor: 'bo', status: 'dismissed' }, T0)).rejects.toThrow(/final/);
    expect(await reviewCase(db(), caseId, { actor: 'bo', note: 'Polisen har hört av sig' }, T0)).toBe('escalated');
    expect((await eventsOf(caseId)).at(-1)).toMatchObject({ actor: 'bo', action: 'note', note: 'Polisen har hört av sig' });
  });

  it('reopens a dismissed case when a post raises its level', async () => {
    const first = await insertPost(db(), seed, { text: 'Alla till socialkontoret i Tensta på måndag kl 9, vi kräver svar!' });
    await classifyThreatBatch(db(), detector, [first], T0);
    const id = (await caseOf(first)) as number;
    await reviewCase(db(), id, { actor: 'anna', status: 'dismissed', note: 'Laglig demonstration' }, T0);
    await db()
      .update(posts)
      .set({ text: 'Alla till socialkontoret i Tensta på måndag kl 9! Vi ska bränna ner det.', contentHash: 'edited-2' })
      .where(eq(posts.id, first));
    await classifyThreatBatch(db(), detector, [first], T0);
    const [c] = await db().select().from(threatCases).where(eq(threatCases.id, id));
    expect(c).toMatchObject({ status: 'new', level: 'critical' });
    expect((await eventsOf(id)).slice(-2).map((e) => [e.action, e.toStatus])).toEqual([
      ['post-edited', null],
      ['status', 'new'],
    ]);
  });
});

describe('showing, statistics and retention', () => {
  it('shows a case with its posts, history and earlier posts by the same author', async () => {
    const earlier = await insertPost(db(), seed, { text: 'Soc tog mina barn.', author: 'hotaren', fetchedAt: new Date('2025-03-01T10:00:00Z') });
    const [filed] = await db().select().from(threatCasePosts).where(eq(threatCasePosts.authorHandle, 'hotaren'));
    const detail = await getCase(db(), filed?.caseId as number);
    expect(detail.posts.length).toBeGreaterThanOrEqual(1);
    expect(detail.posts[0]?.sourceName).toBe('Forum');
    expect(detail.earlierPosts.map((p) => p.postId)).toContain(earlier);
    expect(detail.events[0]?.action).toBe('created');
  });

  it('filters the list by status and level', async () => {
    expect((await listCases(db(), { status: 'escalated' })).every((c) => c.status === 'escalated')).toBe(true);
    expect((await listCases(db(), { level: 'medium' })).every((c) => c.level === 'medium')).toBe(true);
  });

  it('turns verdicts into precision per rule', async () => {
    const stats = await rulePrecision(db());
    const menace = stats.find((s) => s.rule === 'sv/we-know-where');
    expect(menace).toMatchObject({ confirmed: 1, dismissed: 0, precision: 1 });
    expect(stats.find((s) => s.rule === 'sv/gathering-call')).toMatchObject({ pending: 1, precision: null });
  });

  it('removes the texts of long-dismissed cases and keeps escalated ones', async () => {
    const post = await insertPost(db(), seed, { text: 'Socialsekreterare borde hängas allihop.' });
    await classifyThreatBatch(db(), detector, [post], T0);
    const id = (await caseOf(post)) as number;
    await reviewCase(db(), id, { actor: 'anna', status: 'dismissed', note: 'Ironi' }, new Date('2025-01-01T00:00:00Z'));
    const outcome = await purgeDismissedCases(db(), { olderThanDays: 30, now: new Date('2025-03-10T00:00:00Z') });
    expect(outcome.cases).toBeGreaterThanOrEqual(1);
    const [snapshot] = await db().select().from(threatCasePosts).where(eq(threatCasePosts.postId, post));
    expect(snapshot?.text).toBe('');
    expect(snapshot?.signals.every((s) => s.text === '')).toBe(true);
    expect(snapshot?.rules.length).toBeGreaterThan(0);
    const [stored] = await db().select().from(posts).where(eq(posts.id, post));
    expect(stored?.text).toBe('');
    const escalated = await db().select().from(threatCasePosts).where(eq(threatCasePosts.authorHandle, 'hotaren'));
    expect(escalated[0]?.text).toContain('Vi vet var ni bor');
    expect((await eventsOf(id)).at(-1)?.action).toBe('purged');
    const stats = await rulePrecision(db());
    expect(stats[0]).toMatchObject({ rule: 'sv/incite-passive', dismissed: 1, precision: 0 });
  });
});
