import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../../src/db/index.js';
import { postNarratives, posts, postThreats, sources, threatCasePosts, threatCases, tiplineReports } from '../../src/db/schema/index.js';

export interface PostSeed {
  author?: string | null;
  platform?: string;
  text?: string;
  title?: string;
  url?: string | null;
  fetchedAt: Date;
  classified?: boolean;
  metadata?: Record<string, unknown>;
}

/** A source of its own for one test file. */
export async function seedSource(db: Db, name = `src-${randomBytes(3).toString('hex')}`): Promise<number> {
  const [row] = await db.insert(sources).values({ kind: 'feed', name, url: `https://forum.example/${name}.xml`, identityKey: `feed:${name}`, everyMinutes: 15 }).returning({ id: sources.id });
  return (row as { id: number }).id;
}

export async function insertPost(db: Db, sourceId: number, seed: PostSeed): Promise<number> {
  const text = seed.text ?? `inlägg ${randomBytes(4).toString('hex')}`;
  const [row] = await db
    .insert(posts)
    .values({
      sourceId,
      platform: seed.platform ?? 'mastodon',
      externalId: randomBytes(8).toString('hex'),
      url: seed.url === undefined ? `https://social.example/@${seed.author ?? 'anon'}/${randomBytes(3).toString('hex')}` : seed.url,
      authorHandle: seed.author === undefined ? 'anon' : seed.author,
      title: seed.title ?? null,
      text,
      publishedAt: seed.fetchedAt,
      fetchedAt: seed.fetchedAt,
      updatedAt: seed.fetchedAt,
      contentHash: createHash('sha256').update(text).digest('hex'),
      metadata: seed.metadata ?? {},
      classifiedAt: seed.classified === false ? null : seed.fetchedAt,
    })
    .returning({ id: posts.id });
  return Number((row as { id: number }).id);
}

export async function markNarrative(db: Db, postId: number, at: Date, slug = 'child-kidnapping'): Promise<void> {
  await db.insert(postNarratives).values({ postId, slug, score: 0.9, stance: 'spreading', explanation: {}, catalogueVersion: 'v1', contentHash: 'h', classifiedAt: at });
}

export async function markThreat(db: Db, postId: number, at: Date, level: 'low' | 'medium' | 'high' = 'low'): Promise<void> {
  await db.insert(postThreats).values({ postId, level, categories: ['hostile'], signals: [{ kind: 'insult', text: 'idioter', start: 0, end: 7 }], rulesVersion: 'r1', contentHash: 'h', classifiedAt: at });
}

/** A case holding the posts, as filing would leave it (snapshot with text, handle, URL). */
export async function openCase(db: Db, postIds: number[], at: Date, extra: Partial<typeof threatCases.$inferInsert> = {}): Promise<number> {
  const [c] = await db
    .insert(threatCases)
    .values({ groupKey: randomBytes(8).toString('hex'), level: 'high', categories: ['threat'], createdAt: at, updatedAt: at, statusChangedAt: at, postCount: postIds.length, ...extra })
    .returning({ id: threatCases.id });
  const caseId = Number((c as { id: number }).id);
  for (const postId of postIds) await addToCase(db, caseId, postId, at);
  return caseId;
}

export async function addToCase(db: Db, caseId: number, postId: number, at: Date): Promise<void> {
  const [p] = await db.select().from(posts).where(eqId(postId));
  if (!p) throw new Error(`no post ${postId}`);
  await db.insert(threatCasePosts).values({
    caseId,
    postId,
    level: 'high',
    signals: [{ kind: 'menace', text: p.text.slice(0, 40), start: 0, end: Math.min(40, p.text.length) }],
    rules: ['sv/we-know-where'],
    rulesVersion: 'r1',
    text: p.text,
    textSha256: createHash('sha256').update(p.text).digest('hex'),
    platform: p.platform,
    url: p.url,
    authorHandle: p.authorHandle,
    publishedAt: p.publishedAt,
    fetchedAt: p.fetchedAt,
    exchanges: [{ url: p.url ?? 'https://social.example/api/v1/timelines/tag/soc', status: 200, headers: {}, sha256: 'x', bytes: 1, at: at.toISOString() }],
    contentHash: p.contentHash,
    addedAt: at,
  });
}

export async function reportPost(db: Db, postId: number, at: Date, extra: Partial<typeof tiplineReports.$inferInsert> = {}): Promise<number> {
  const [r] = await db
    .insert(tiplineReports)
    .values({ reference: `R-${randomBytes(5).toString('hex').toUpperCase()}`, intakeKey: randomBytes(8).toString('hex'), channel: 'form', concerns: 'me', postId, receivedAt: at, reporterName: 'Stina Handläggare', reporterEmail: 'stina@kommun.se', ...extra })
    .returning({ id: tiplineReports.id });
  return Number((r as { id: number }).id);
}

const eqId = (id: number) => eq(posts.id, id);
