import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueDir, type Narrative } from '../../src/catalogue/index.js';
import { importCatalogue, saveNarrative } from '../../src/catalogue-store/index.js';
import { backtestNarrative, ClassifierCache, classifyPosts, type ClassifyCaches } from '../../src/classify-store/index.js';
import { ThreatDetectorCache } from '../../src/threat-cases/index.js';
import { packageRoot } from '../../src/config/index.js';
import { schema } from '../../src/db/index.js';
import { insertSource, upsertPosts } from '../../src/db/queries/index.js';
import { contentHash } from '../../src/pipeline/index.js';
import { createTestDatabase } from '../helpers/postgres.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sourceId: number;
const now = new Date('2026-11-23T10:00:00Z');
const author = { actor: 'test', reason: 'test' };

async function store(externalId: string, text: string, language: string | null = null): Promise<number> {
  const base = { url: `https://e.se/${externalId}`, title: null, text };
  const out = await upsertPosts(database.db, { sourceId, platform: 'mastodon', fetchRunId: null, now }, [
    { ...base, externalId, authorHandle: 'someone', language, publishedAt: now, contentHash: contentHash(base), metadata: {} },
  ]);
  return (out.inserted[0] ?? out.updated[0])!;
}

/** A worker's caches: the shipped threat rules, no staff watchlist. */
function caches(): ClassifyCaches {
  return { narratives: new ClassifierCache(database.db), threats: new ThreatDetectorCache(database.db, { rulesDir: 'config/threats', watchlistKey: null }) };
}

async function resultsOf(postId: number) {
  return database.db.select().from(schema.postNarratives).where(eq(schema.postNarratives.postId, postId));
}

beforeAll(async () => {
  database = await createTestDatabase();
  await importCatalogue(database.db, await loadCatalogueDir(join(packageRoot(), 'config', 'narratives')), author);
  sourceId = (await insertSource(database.db, { kind: 'mastodon', name: 'm', url: 'https://m.example/', config: {}, everyMinutes: 5, identityKey: 'm' }))!.id;
});
afterAll(() => database.drop());

describe('classifyPosts', () => {
  it('stores narratives with stance and evidence, marks posts classified and fills a missing language', async () => {
    const spreading = await store('p1', 'Socialtjänsten kidnappar muslimska barn! Sprid detta innan det raderas #LVU');
    const plain = await store('p2', 'Kommunen bjuder in till öppet hus på biblioteket på lördag.');
    const cache = caches();
    const outcome = await classifyPosts(database.db, cache, [spreading, plain], now);
    expect(outcome.posts).toBe(2);
    expect(outcome.matched).toEqual([spreading]);
    const [row] = (await resultsOf(spreading)).filter((r) => r.slug === 'child-kidnapping');
    expect(row).toMatchObject({ stance: 'spreading', catalogueVersion: outcome.catalogueVersion });
    expect((row!.explanation.matched as unknown[]).length).toBeGreaterThan(0);
    const [post] = await database.db.select().from(schema.posts).where(eq(schema.posts.id, spreading));
    expect(post!.classifiedAt).toEqual(now);
    expect(post!.language).toBe('sv');
    expect(await resultsOf(plain)).toEqual([]);
  });

  it('assesses threats in the same batch and files a case for a post at medium or above', async () => {
    const threat = await store('t1', 'Vi vet var du bor, socialsekreterare. Ikväll bränner vi ner socialkontoret i Västerås.');
    const outcome = await classifyPosts(database.db, caches(), [threat], now);
    expect(outcome.threats).toEqual([threat]);
    expect(outcome.cases.length).toBe(1);
    const [row] = await database.db.select().from(schema.postThreats).where(eq(schema.postThreats.postId, threat));
    expect(['high', 'critical']).toContain(row!.level);
    const again = await classifyPosts(database.db, caches(), [threat], now);
    expect(again.threats).toEqual([threat]);
    const cases = await database.db.select().from(schema.threatCases);
    expect(cases).toHaveLength(1);
  });

  it('writes the same rows when a batch is delivered twice', async () => {
    const id = await store('p3', 'Soc stjäl barn från muslimska familjer, de tar våra barn');
    const cache = caches();
    await classifyPosts(database.db, cache, [id], now);
    const first = await resultsOf(id);
    await classifyPosts(database.db, cache, [id], now);
    expect(await resultsOf(id)).toEqual(first);
  });

  it('drops a narrative the post no longer carries after an edit', async () => {
    const id = await store('p4', 'Socialtjänsten kidnappar barn, sprid!');
    const cache = caches();
    await classifyPosts(database.db, cache, [id], now);
    expect((await resultsOf(id)).length).toBeGreaterThan(0);
    await store('p4', 'Vi hade en fin dag i parken med barnen.');
    await classifyPosts(database.db, cache, [id], now);
    expect(await resultsOf(id)).toEqual([]);
  });

  it('picks up a catalogue change on the next batch without a restart', async () => {
    const cache = caches();
    const id = await store('p5', 'Det finns en hemlig plan med flygande tefat över kommunhuset');
    await classifyPosts(database.db, cache, [id], now);
    expect(await resultsOf(id)).toEqual([]);
    const ufo: Narrative = {
      slug: 'ufo-cover-up',
      title: { sv: 'Tefat', en: 'Saucers' },
      description: 'test narrative',
      severity: 'low',
      enabled: true,
      threshold: 0.5,
      counterFacts: { sv: 'Nej.', en: 'No.', ar: 'لا.' },
      rules: { any: { positive: [{ id: 'saucer', query: '"flygande tefat"' }], negative: [] } },
      exemplars: { sv: [], ar: [], en: [] },
    };
    await saveNarrative(database.db, ufo, author);
    const outcome = await classifyPosts(database.db, cache, [id], now);
    expect((await resultsOf(id)).map((r) => r.slug)).toEqual(['ufo-cover-up']);
    expect(outcome.matched).toEqual([id]);
  });

  it('backtests a draft against the saved version with added, dropped and per-day counts', async () => {
    const draft: Narrative = {
      slug: 'ufo-cover-up',
      title: { sv: 'Tefat', en: 'Saucers' },
      description: 'test narrative',
      severity: 'low',
      enabled: true,
      threshold: 0.5,
      counterFacts: { sv: 'Nej.', en: 'No.', ar: 'لا.' },
      rules: { any: { positive: [{ id: 'park', query: 'parken' }], negative: [] } },
      exemplars: { sv: [], ar: [], en: [] },
    };
    const report = await backtestNarrative(database.db, draft, { from: new Date(now.getTime() - 86_400_000), to: new Date(now.getTime() + 86_400_000) });
    expect(report).toMatchObject({ slug: 'ufo-cover-up', saved: 1, draft: 1, added: 1, dropped: 1, kept: 0 });
    expect(report.perDay).toEqual([{ day: '2026-11-23', saved: 1, draft: 1, added: 1, dropped: 1 }]);
    expect(report.samples.added[0]!.excerpt).toContain('parken');
    expect(report.samples.dropped[0]!.excerpt).toContain('tefat');
  });
});
