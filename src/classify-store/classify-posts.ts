import { inArray, sql } from 'drizzle-orm';
import { createClassifier, createClassifyStage, type Classifier, type ClassifyStage } from '../classify/index.js';
import { catalogueRevision, loadStoredCatalogue } from '../catalogue-store/index.js';
import type { ClusterPost } from '../cluster-store/index.js';
import type { Db } from '../db/index.js';
import { postNarratives, posts } from '../db/schema/index.js';
import { assessedText, threatRow, writeThreatResults, type CachedThreatDetector, type CaseChange, type ThreatDetectorCache } from '../threat-cases/index.js';

/** The classifier for the catalogue in force, rebuilt only when the stored catalogue changes. */
export class ClassifierCache {
  private revision: string | null = null;
  private current: { classifier: Classifier; version: string } | null = null;

  constructor(private readonly db: Db) {}

  /** One cheap revision query per batch; a catalogue edit reaches running workers on their next batch. */
  async get(): Promise<{ classifier: Classifier; version: string }> {
    const revision = await catalogueRevision(this.db);
    if (this.current && revision === this.revision) return this.current;
    const { catalogue, version } = await loadStoredCatalogue(this.db);
    this.current = { classifier: createClassifier(catalogue), version };
    this.revision = revision;
    return this.current;
  }

  private stage: { classifier: Classifier; threats: CachedThreatDetector; stage: ClassifyStage } | null = null;

  /**
   * The classify stage (narratives and threats from one analysis per post) for the catalogue in force and the
   * threat rules and watchlist of `threats`, rebuilt only when either changed.
   */
  async stageWith(threats: CachedThreatDetector): Promise<{ stage: ClassifyStage; version: string }> {
    const { classifier, version } = await this.get();
    if (this.stage?.classifier !== classifier || this.stage.threats !== threats) {
      const stage = createClassifyStage(classifier.catalogue, threats.rules, { catalogueVersion: version, threatVersion: threats.version, watchlist: threats.watchlist });
      this.stage = { classifier, threats, stage };
    }
    return { stage: this.stage.stage, version };
  }
}

export interface ClassifyBatchOutcome {
  posts: number;
  /** Posts that carry at least one narrative. */
  matched: number[];
  /** Posts assessed above threat level none. */
  threats: number[];
  cases: CaseChange[];
  catalogueVersion: string;
  /** The posts as read for this batch, for the stages after it (clusters) to use without reading them again. */
  read: ClusterPost[];
}


/** The classifiers a worker keeps between batches: narratives and threats, each rebuilt when its rules change. */
export interface ClassifyCaches {
  narratives: ClassifierCache;
  threats: ThreatDetectorCache;
}

/**
 * Classifies stored posts for narratives and threats and writes the results in one transaction: the post's
 * previous results are replaced (threat cases are filed idempotently), so a re-delivered batch ends in the same
 * rows. A post edited while this ran keeps its pending mark (the content hash is compared) and is classified
 * again in its new version.
 */
export async function classifyPosts(db: Db, caches: ClassifyCaches, postIds: number[], now: Date): Promise<ClassifyBatchOutcome> {
  const threats = await caches.threats.get();
  const { stage, version } = await caches.narratives.stageWith(threats);
  if (postIds.length === 0) return { posts: 0, matched: [], threats: [], cases: [], catalogueVersion: version, read: [] };
  const rows = await db
    .select({ id: posts.id, title: posts.title, text: posts.text, language: posts.language, platform: posts.platform, author: posts.authorHandle, url: posts.url, contentHash: posts.contentHash, publishedAt: posts.publishedAt, fetchedAt: posts.fetchedAt })
    .from(posts)
    .where(inArray(posts.id, postIds));

  const assessed = rows.map((row) => ({
    row,
    ...stage.classify({
      id: String(row.id),
      text: assessedText(row),
      lang: row.language ?? undefined,
      source: row.platform,
      author: row.author ?? undefined,
      url: row.url ?? undefined,
    }),
  }));
  const results = assessed.map(({ row, narratives }) => ({ row, result: narratives }));

  const values = results.flatMap(({ row, result }) =>
    result.narratives.map((n) => ({
      postId: Number(row.id),
      slug: n.slug,
      score: n.score,
      stance: n.stance,
      explanation: { matched: n.matched, stanceEvidence: n.stanceEvidence, exemplar: n.exemplar ?? null, lang: result.lang, truncated: result.truncated },
      catalogueVersion: version,
      contentHash: row.contentHash,
      classifiedAt: now,
    })),
  );

  const threatRows = assessed.map(({ row, threat }) => threatRow({ ...row, id: Number(row.id) }, threat, threats.version, threats.suggester));
  const cases = await db.transaction(async (tx) => {
    const ids = rows.map((r) => Number(r.id));
    if (ids.length === 0) return [];
    await tx.delete(postNarratives).where(inArray(postNarratives.postId, ids));
    for (let i = 0; i < values.length; i += 1000) await tx.insert(postNarratives).values(values.slice(i, i + 1000));
    const marks = results.map(({ row, result }) => sql`(${Number(row.id)}::bigint, ${row.contentHash}::text, ${result.lang}::text)`);
    await tx.execute(sql`
      update ${posts} set classified_at = ${now.toISOString()}::timestamptz, language = coalesce(${posts.language}, v.lang)
      from (values ${sql.join(marks, sql`, `)}) as v(id, hash, lang)
      where ${posts.id} = v.id and ${posts.contentHash} = v.hash`);
    return (await writeThreatResults(tx, threatRows, now)).cases;
  });
  return {
    posts: rows.length,
    matched: [...new Set(values.map((v) => v.postId))],
    threats: threatRows.filter((t) => t.assessment.level !== 'none').map((t) => t.postId),
    cases,
    catalogueVersion: version,
    read: rows.map((r) => ({
      id: Number(r.id),
      title: r.title,
      text: r.text,
      platform: r.platform,
      contentHash: r.contentHash,
      seenAt: r.publishedAt !== null && r.publishedAt < r.fetchedAt ? r.publishedAt : r.fetchedAt,
    })),
  };
}
