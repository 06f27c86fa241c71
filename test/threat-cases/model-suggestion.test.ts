import { eq } from 'drizzle-orm';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClassifierCache, classifyPosts, type ClassifyCaches } from '../../src/classify-store/index.js';
import { schema } from '../../src/db/index.js';
import { insertSource, upsertPosts } from '../../src/db/queries/index.js';
import { contentHash } from '../../src/pipeline/index.js';
import { ThreatDetectorCache } from '../../src/threat-cases/index.js';
import { createTestDatabase } from '../helpers/postgres.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sourceId: number;
let dir: string;
const now = new Date('2026-12-03T10:00:00Z');
const THREAT = 'Vi vet var du bor, socialsekreterare. Ikväll bränner vi ner socialkontoret i Västerås.';

async function store(externalId: string, text: string): Promise<number> {
  const base = { url: `https://e.se/${externalId}`, title: null, text };
  const out = await upsertPosts(database.db, { sourceId, platform: 'mastodon', fetchRunId: null, now }, [
    { ...base, externalId, authorHandle: 'someone', language: 'sv', publishedAt: now, contentHash: contentHash(base), metadata: {} },
  ]);
  return (out.inserted[0] ?? out.updated[0])!;
}

/** The shipped model with its bias pushed so far that it scores every text 1 (or 0): what it does is then certain. */
async function modelFile(name: string, bias: number): Promise<string> {
  const file = JSON.parse(await readFile('config/threat-model.json', 'utf8')) as Record<string, unknown>;
  const path = join(dir, name);
  await writeFile(path, JSON.stringify({ ...file, bias }));
  return path;
}

function caches(model: { file: string; threshold: number | null } | null): ClassifyCaches {
  return { narratives: new ClassifierCache(database.db), threats: new ThreatDetectorCache(database.db, { rulesDir: 'config/threats', watchlistKey: null, model }) };
}

async function caseOf(postId: number) {
  const [filed] = await database.db.select().from(schema.threatCasePosts).where(eq(schema.threatCasePosts.postId, postId));
  if (filed === undefined) return null;
  const [c] = await database.db.select().from(schema.threatCases).where(eq(schema.threatCases.id, filed.caseId));
  return { post: filed, case: c! };
}

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'vaksam-model-'));
  sourceId = (await insertSource(database.db, { kind: 'mastodon', name: 'm', url: 'https://m.example/', config: {}, everyMinutes: 5, identityKey: 'm' }))!.id;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  await database.drop();
});

describe('the model as a second opinion in classifyPosts', () => {
  it('files a post the rules left at none as a case suggested by the model, at the rules level, with its score', async () => {
    const post = await store('s1', 'Kommunen bjuder in till öppet hus på biblioteket på lördag.');
    const outcome = await classifyPosts(database.db, caches({ file: await modelFile('always.json', 50), threshold: null }), [post], now);
    expect(outcome.threats).toEqual([]);
    expect(outcome.cases).toEqual([expect.objectContaining({ postId: post, change: 'created', level: 'none' })]);
    const filed = await caseOf(post);
    expect(filed!.post).toMatchObject({ suggested: true, modelScore: 1, level: 'none' });
    expect(filed!.post.modelVersion).toMatch(/^tm-/u);
    expect(filed!.case).toMatchObject({ origin: 'model', modelScore: 1, level: 'none', status: 'new' });
    const events = await database.db.select().from(schema.threatCaseEvents).where(eq(schema.threatCaseEvents.caseId, filed!.case.id));
    expect(events[0]!.details).toMatchObject({ suggestedBy: filed!.post.modelVersion, score: 1 });
  });

  it('never lowers what a rule decided: a threat the model scores 0 is still filed at its rule level', async () => {
    const post = await store('s2', THREAT);
    const outcome = await classifyPosts(database.db, caches({ file: await modelFile('never.json', -50), threshold: null }), [post], now);
    expect(outcome.threats).toEqual([post]);
    const filed = await caseOf(post);
    expect(['high', 'critical']).toContain(filed!.case.level);
    expect(filed!.case.origin).toBe('rules');
    expect(filed!.post).toMatchObject({ suggested: false, modelScore: 0 });
  });

  it('does not suggest a rules case, even when the model scores it 1: it is in the queue by the rules', async () => {
    const post = await store('s3', `${THREAT} Igen.`);
    await classifyPosts(database.db, caches({ file: await modelFile('always2.json', 50), threshold: null }), [post], now);
    const filed = await caseOf(post);
    expect(filed!.post).toMatchObject({ suggested: false, modelScore: 1 });
    expect(filed!.case.origin).toBe('rules');
  });

  it('files nothing for a post below the threshold the config sets', async () => {
    const post = await store('s4', 'Biblioteket har nya öppettider från januari.');
    const outcome = await classifyPosts(database.db, caches({ file: 'config/threat-model.json', threshold: 0.999 }), [post], now);
    expect(outcome.cases).toEqual([]);
    expect(await caseOf(post)).toBeNull();
  });

  it('runs without a model when none is configured', async () => {
    const post = await store('s5', 'Simhallen stänger för renovering i mars.');
    expect((await classifyPosts(database.db, caches(null), [post], now)).cases).toEqual([]);
  });

  it('is idempotent: a re-delivered batch leaves one case and one case post', async () => {
    const post = await store('s6', 'Fotbollsträningen flyttas till torsdag kväll.');
    const model = caches({ file: await modelFile('always3.json', 50), threshold: null });
    await classifyPosts(database.db, model, [post], now);
    await classifyPosts(database.db, model, [post], now);
    const rows = await database.db.select().from(schema.threatCasePosts).where(eq(schema.threatCasePosts.postId, post));
    expect(rows).toHaveLength(1);
  });

  it('names the weights file when it cannot be read', async () => {
    const post = await store('s7', 'Något annat.');
    await expect(classifyPosts(database.db, caches({ file: '/nonexistent/model.json', threshold: null }), [post], now)).rejects.toThrow(/\/nonexistent\/model\.json/u);
  });
});
