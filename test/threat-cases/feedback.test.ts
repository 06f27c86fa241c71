import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, posts, threatCasePosts, threatCases, threatMissedPosts } from '../../src/db/schema/index.js';
import {
  assessThreats,
  bandPrecision,
  listMissedPosts,
  markMissedPost,
  MissedPostError,
  missedPostsJsonl,
  reviewCase,
  rulePrecision,
  ThreatCaseReviewError,
  writeThreatResults,
  type ThreatSuggester,
} from '../../src/threat-cases/index.js';
import { loadThreatModelFile } from '../../src/threat-model/index.js';
import type { ThreatDetector } from '../../src/threats/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { shippedDetector } from '../threats/rules.js';
import { insertPost, seedSource } from './seed.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let detector: ThreatDetector;
let always: ThreatSuggester;
let seed: { sourceId: number; fetchRunId: number };
const T0 = new Date('2026-12-01T09:00:00Z');
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  detector = await shippedDetector();
  const model = await loadThreatModelFile('config/threat-model.json');
  // A bias this large scores every text 1: whether a post is suggested then depends on the rules' level alone.
  always = { model: { ...model, bias: 50 }, threshold: model.threshold };
  seed = await seedSource(db(), 'feedback');
});
afterAll(() => database.drop());

/** Files posts as the classify worker does, with the model beside the rules. */
async function file(texts: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const text of texts) ids.push(await insertPost(db(), seed, { text }));
  const rows = await db()
    .select({ id: posts.id, title: posts.title, text: posts.text, language: posts.language, platform: posts.platform, author: posts.authorHandle, url: posts.url, contentHash: posts.contentHash })
    .from(posts)
    .where(inArray(posts.id, ids));
  await db().transaction((tx) => writeThreatResults(tx, assessThreats(detector, detector.version, rows, always), T0));
  const filed = await db().select({ caseId: threatCasePosts.caseId, postId: threatCasePosts.postId }).from(threatCasePosts).where(inArray(threatCasePosts.postId, ids));
  return ids.map((id) => filed.find((f) => f.postId === id)!.caseId);
}

const caseRow = async (id: number) => (await db().select().from(threatCases).where(eq(threatCases.id, id)))[0]!;

describe('case verdicts', () => {
  it('records confirmed when a case is acknowledged and not-a-threat when dismissed', async () => {
    const [a, b] = await file(['Vi vet var ni bor, ni som jobbar på socialen i Gävle.', 'Vi vet var ni bor, ni på socialtjänsten i Umeå, era svin.']);
    await reviewCase(db(), a!, { actor: 'anna', status: 'acknowledged' }, T0);
    await reviewCase(db(), b!, { actor: 'anna', status: 'dismissed' }, T0);
    expect(await caseRow(a!)).toMatchObject({ verdict: 'confirmed', verdictLevel: null });
    expect(await caseRow(b!)).toMatchObject({ verdict: 'not-a-threat' });
  });

  it('stores a wrong level with the level the reviewer says is right, audited, and keeps it when the case is acknowledged', async () => {
    const [id] = await file(['Vi vet var ni bor, ni som jobbar på socialen i Luleå.']);
    await reviewCase(db(), id!, { actor: 'anna', verdict: 'wrong-level', verdictLevel: 'critical', note: 'han har vapenlicens' }, T0);
    await reviewCase(db(), id!, { actor: 'anna', status: 'acknowledged' }, T0);
    expect(await caseRow(id!)).toMatchObject({ verdict: 'wrong-level', verdictLevel: 'critical', status: 'acknowledged' });
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.subject, `threat-case:${id}`), eq(auditLog.action, 'threat-case.verdict')));
    expect(audit[0]?.details).toMatchObject({ verdict: 'wrong-level', verdictLevel: 'critical' });
  });

  it.each([
    ['wrong-level without the right level', { verdict: 'wrong-level' as const }, /needs the right level/u],
    ['wrong-level with level none', { verdict: 'wrong-level' as const, verdictLevel: 'none' as const }, /needs the right level/u],
    ['a right level with another verdict', { verdict: 'confirmed' as const, verdictLevel: 'high' as const }, /goes with verdict wrong-level only/u],
  ])('refuses %s', async (_name, review, message) => {
    const [id] = await file([`Vi vet var ni bor, socialsekreterare i Kiruna ${Math.random()}.`]);
    await expect(reviewCase(db(), id!, { actor: 'anna', ...review }, T0)).rejects.toThrow(ThreatCaseReviewError);
    await expect(reviewCase(db(), id!, { actor: 'anna', ...review }, T0)).rejects.toThrow(message);
  });
});

describe('precision from verdicts', () => {
  it('counts confirmed, wrong-level and not-a-threat per rule, with precision and level accuracy', async () => {
    // Three different texts, so near-copy merging (issue 18) keeps them three cases; the test reads only what it files.
    const [confirmed, dismissed, wrongLevel] = await file([
      'Vi vet var ni bor, alla ni som jobbar på socialkontoret i Falun. Ni borde vara rädda.',
      'Till soc i Borlänge: vi vet var ni bor och när ni går hem.',
      'Socialsekreterarna i Mora ska veta att vi vet var ni bor, varenda en.',
    ]);
    expect(new Set([confirmed, dismissed, wrongLevel]).size).toBe(3);
    await reviewCase(db(), confirmed!, { actor: 'anna', status: 'acknowledged' }, T0);
    await reviewCase(db(), dismissed!, { actor: 'anna', status: 'dismissed' }, T0);
    await reviewCase(db(), wrongLevel!, { actor: 'anna', verdict: 'wrong-level', verdictLevel: 'critical' }, T0);
    const stats = await rulePrecision(db());
    const rule = stats.find((s) => s.rule === 'sv/we-know-where');
    expect(rule).toBeDefined();
    expect(rule!.confirmed).toBeGreaterThanOrEqual(1);
    expect(rule!.dismissed).toBeGreaterThanOrEqual(1);
    expect(rule!.wrongLevel).toBeGreaterThanOrEqual(1);
    const reviewed = rule!.confirmed + rule!.wrongLevel + rule!.dismissed;
    expect(rule!.precision).toBe(Math.round(((rule!.confirmed + rule!.wrongLevelQueued) / reviewed) * 1000) / 1000);
    expect(rule!.levelAccuracy).toBe(Math.round((rule!.confirmed / reviewed) * 1000) / 1000);
  });

  it('leaves model-suggested posts out of the rules and counts them in their score band', async () => {
    const [ruled] = await file(['Vi vet var ni bor, ni som handlägger LVU i Sundsvall, och vi kommer att hälsa på.']);
    await reviewCase(db(), ruled!, { actor: 'anna', status: 'acknowledged' }, T0);
    const [suggested] = await file(['Cykelbanan på Storgatan får ny asfalt i vår.']);
    expect(await caseRow(suggested!)).toMatchObject({ origin: 'model', modelScore: 1, level: 'none' });
    await reviewCase(db(), suggested!, { actor: 'anna', status: 'dismissed' }, T0);
    const [post] = await db().select().from(threatCasePosts).where(eq(threatCasePosts.caseId, suggested!));
    for (const rule of post!.rules) expect((await rulePrecision(db())).find((s) => s.rule === rule)?.dismissed ?? 0).toBe(0);
    const bands = await bandPrecision(db());
    expect(bands.find((b) => b.band === '0.9-1.0' && b.origin === 'model')).toMatchObject({ dismissed: 1, precision: 0 });
    expect(bands.find((b) => b.band === '0.9-1.0' && b.origin === 'rules')!.confirmed).toBeGreaterThanOrEqual(1);
  });
});

describe('missed threats', () => {
  it('marks a post once, updates it when marked again, and audits by post id and level only', async () => {
    const post = await insertPost(db(), seed, { text: 'Handläggaren i Borås kommer få ångra sig, det lovar jag.' });
    await markMissedPost(db(), { postId: post, level: 'high', actor: 'anna' }, T0);
    const again = await markMissedPost(db(), { postId: post, level: 'critical', note: 'nämner hennes bil', actor: 'bo' }, T0);
    expect(again).toMatchObject({ postId: post, level: 'critical', ruleLevel: 'none', markedBy: 'bo', note: 'nämner hennes bil' });
    expect(await db().select().from(threatMissedPosts).where(eq(threatMissedPosts.postId, post))).toHaveLength(1);
    const audit = await db().select().from(auditLog).where(eq(auditLog.subject, `post:${post}`));
    expect(audit.map((a) => a.action)).toEqual(['threat-missed.mark', 'threat-missed.mark']);
    expect(JSON.stringify(audit)).not.toContain('Borås');
  });

  it('keeps the score of a filed post, and asks the model in force about a post never filed', async () => {
    const [caseId] = await file(['Tågen mellan Gävle och Uppsala är försenade i dag.']);
    const [filed] = await db().select().from(threatCasePosts).where(eq(threatCasePosts.caseId, caseId!));
    const never = await insertPost(db(), seed, { text: 'Hon på soc ska få se vad som händer.' });
    expect((await markMissedPost(db(), { postId: filed!.postId!, level: 'high', actor: 'anna' }, T0, () => 0.25)).modelScore).toBe(1);
    expect((await markMissedPost(db(), { postId: never, level: 'high', actor: 'anna' }, T0, () => 0.25)).modelScore).toBe(0.25);
  });

  it('refuses a level below medium and names a post that does not exist', async () => {
    const post = await insertPost(db(), seed, { text: 'Något.' });
    await expect(markMissedPost(db(), { postId: post, level: 'low', actor: 'anna' }, T0)).rejects.toThrow(MissedPostError);
    await expect(markMissedPost(db(), { postId: 987654321, level: 'high', actor: 'anna' }, T0)).rejects.toThrow(/no post 987654321/u);
  });

  it('lists texts only when asked for them, and exports JSON lines in the threat set format', async () => {
    const post = await insertPost(db(), seed, { text: 'Socialsekreteraren i Vänersborg ska få betala, vi ses.' });
    await markMissedPost(db(), { postId: post, level: 'high', actor: 'anna' }, T0);
    const hidden = await listMissedPosts(db(), { withText: false });
    expect(hidden.every((r) => r.text === undefined)).toBe(true);
    const shown = await listMissedPosts(db(), { withText: true });
    const line = missedPostsJsonl(shown).split('\n').map((l) => (l ? JSON.parse(l) : null)).find((l) => l?.text?.includes('Vänersborg'));
    expect(line).toMatchObject({ threat: 'threat', family: 'reviewer-missed', note: 'rules none' });
    expect(line.id).toMatch(/^missed-\d+$/u);
    expect(missedPostsJsonl(hidden)).toBe('');
    expect(line.lang).toBe('sv');
  });
});
