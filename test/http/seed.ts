import { join } from 'node:path';
import { loadCatalogueDir } from '../../src/catalogue/index.js';
import { importCatalogue } from '../../src/catalogue-store/index.js';
import { ClassifierCache, classifyPosts, type ClassifyCaches } from '../../src/classify-store/index.js';
import { packageRoot } from '../../src/config/index.js';
import type { Db } from '../../src/db/index.js';
import { insertSource, upsertPosts } from '../../src/db/queries/index.js';
import { postThreats, threatCasePosts, threatCases } from '../../src/db/schema/index.js';
import { ThreatDetectorCache } from '../../src/threat-cases/index.js';
import { contentHash } from '../../src/pipeline/index.js';

/** A post whose text tries every way into the page: markup, attributes, a javascript: link, a closing tag. */
export const XSS_TEXT = `<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> "><svg onload=alert(1)> </textarea><a href="javascript:alert(3)">klicka</a> socialtjänsten kidnappar barn`;
export const XSS_URL = 'javascript:alert(4)';

export interface Seeded {
  sourceId: number;
  postIds: { kidnap: number; xss: number; threat: number; neutral: number };
  caseIds: { high: number; medium: number };
}

/**
 * The shipped catalogue, one source and a few classified posts published `now`: a clear child-kidnapping claim, an XSS
 * payload that also carries the claim, a doxxing threat (assessed high), and an unrelated post.
 */
export async function seedContent(db: Db, now: Date): Promise<Seeded> {
  const catalogue = await loadCatalogueDir(join(packageRoot(), 'config', 'narratives'));
  await importCatalogue(db, catalogue, { actor: 'seed', reason: 'test seed' });
  const source = await insertSource(db, { kind: 'feed', name: 'Testflöde', url: 'https://example.se/feed.xml', config: {}, everyMinutes: 15, identityKey: 'feed https://example.se/feed.xml {}' });
  const post = (externalId: string, title: string | null, text: string, url: string | null) => {
    const row = { externalId, url, authorHandle: 'someone', title, text, language: 'sv', publishedAt: now, metadata: {} };
    return { ...row, contentHash: contentHash(row) };
  };
  const { inserted } = await upsertPosts(db, { sourceId: source!.id, platform: 'rss', fetchRunId: null, now }, [
    post('kidnap', 'Socialtjänsten kidnappar barn', 'Socialtjänsten kidnappar muslimska barn och stjäl våra barn. Barnrov av staten!', 'https://example.se/a/1'),
    post('xss', null, XSS_TEXT, XSS_URL),
    post('threat', 'Hon bor här', 'Handläggaren Anna Svensson bor på Storgatan 1 i Västerås, vi vet var du bor.', 'https://example.se/a/3'),
    post('neutral', 'Väder', 'Regn i Malmö i morgon.', 'https://example.se/a/4'),
  ]);
  const [kidnap, xss, threat, neutral] = inserted as [number, number, number, number];
  await classifyPosts(db, classifyCaches(db), inserted, now);
  // The threat detector files its own cases; tests want exactly the ones below.
  await db.delete(threatCases);
  await db.delete(postThreats);
  await db.insert(postThreats).values({
    postId: threat,
    level: 'high',
    categories: ['doxxing'],
    signals: [{ kind: 'address', text: 'Storgatan 1', start: 50, end: 61 }],
    rulesVersion: 'test',
    contentHash: 'test',
    classifiedAt: now,
  });
  const caseIds = {
    high: await fileCase(db, { postId: threat, level: 'high', categories: ['doxxing'], text: 'Handläggaren Anna Svensson bor på Storgatan 1 i Västerås, vi vet var du bor.', now }),
    medium: await fileCase(db, { postId: null, level: 'medium', categories: ['mobilization'], text: 'Alla till socialkontoret i Rinkeby måndag 9:00 <b>nu</b>!', now }),
  };
  return { sourceId: source!.id, postIds: { kidnap, xss, threat, neutral }, caseIds };
}

/** The caches classify jobs use: the stored catalogue and the shipped threat rules, no watchlist. */
export function classifyCaches(db: Db): ClassifyCaches {
  return { narratives: new ClassifierCache(db), threats: new ThreatDetectorCache(db, { rulesDir: 'config/threats', watchlistKey: null }) };
}

/** A threat case with one post snapshot, written straight to the tables the threat-cases module fills. */
async function fileCase(db: Db, c: { postId: number | null; level: 'medium' | 'high'; categories: string[]; text: string; now: Date }): Promise<number> {
  const [row] = await db
    .insert(threatCases)
    .values({ groupKey: `test-${c.level}`, level: c.level, categories: c.categories, postCount: 1, createdAt: c.now, updatedAt: c.now, statusChangedAt: c.now })
    .returning({ id: threatCases.id });
  const start = c.text.indexOf('Storgatan') >= 0 ? c.text.indexOf('Storgatan') : c.text.indexOf('socialkontoret');
  await db.insert(threatCasePosts).values({
    caseId: row!.id,
    postId: c.postId,
    level: c.level,
    categories: c.categories,
    signals: [{ kind: c.level === 'high' ? 'address' : 'place', text: c.text.slice(start, start + 11), start, end: start + 11 }],
    rulesVersion: 'test',
    text: c.text,
    textSha256: 'test',
    platform: 'rss',
    url: 'https://example.se/a/3',
    authorHandle: 'someone',
    publishedAt: c.now,
    fetchedAt: c.now,
    contentHash: 'test',
    addedAt: c.now,
  });
  return Number(row!.id);
}
