import { and, asc, gt, sql } from 'drizzle-orm';
import type { Narrative } from '../catalogue/index.js';
import { loadStoredCatalogue } from '../catalogue-store/index.js';
import { createClassifier, type NarrativeResult } from '../classify/index.js';
import type { Db } from '../db/index.js';
import { posts } from '../db/schema/index.js';
import { assessedText } from '../threat-cases/index.js';

export interface BacktestOptions {
  from: Date;
  to: Date;
  /** Examples kept for each of added and dropped. */
  samples?: number;
  batchSize?: number;
}

export interface BacktestSample {
  postId: number;
  url: string | null;
  at: string;
  excerpt: string;
  score: number;
  stance: string;
  matched: string[];
}

export interface BacktestReport {
  slug: string;
  from: string;
  to: string;
  postsScanned: number;
  saved: number;
  draft: number;
  added: number;
  dropped: number;
  kept: number;
  perDay: { day: string; saved: number; draft: number; added: number; dropped: number }[];
  samples: { added: BacktestSample[]; dropped: BacktestSample[] };
}

/**
 * What a draft narrative would match over stored posts, against the saved version: added and dropped posts
 * per day with examples, before the admin saves it. Posts are read in keyset-paged batches, never all at once.
 */
export async function backtestNarrative(db: Db, draft: Narrative, options: BacktestOptions): Promise<BacktestReport> {
  const { catalogue } = await loadStoredCatalogue(db);
  const saved = catalogue.narratives.find((n) => n.slug === draft.slug);
  const draftClassifier = createClassifier({ narratives: [{ ...draft, enabled: true }] });
  const savedClassifier = saved ? createClassifier({ narratives: [saved] }) : null;
  const sampleLimit = options.samples ?? 5;
  const batchSize = options.batchSize ?? 2000;
  const at = sql<Date>`coalesce(${posts.publishedAt}, ${posts.fetchedAt})`;
  const report: BacktestReport = {
    slug: draft.slug,
    from: options.from.toISOString(),
    to: options.to.toISOString(),
    postsScanned: 0,
    saved: 0,
    draft: 0,
    added: 0,
    dropped: 0,
    kept: 0,
    perDay: [],
    samples: { added: [], dropped: [] },
  };
  const days = new Map<string, BacktestReport['perDay'][number]>();
  let lastId = 0;
  for (;;) {
    const batch = await db
      .select({ id: posts.id, title: posts.title, text: posts.text, language: posts.language, platform: posts.platform, author: posts.authorHandle, url: posts.url, at })
      .from(posts)
      .where(and(gt(posts.id, lastId), sql`${at} >= ${options.from.toISOString()}::timestamptz`, sql`${at} < ${options.to.toISOString()}::timestamptz`))
      .orderBy(asc(posts.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    lastId = Number(batch[batch.length - 1]!.id);
    for (const post of batch) {
      report.postsScanned++;
      const input = { id: post.id, text: assessedText(post), lang: post.language ?? undefined, source: post.platform, author: post.author ?? undefined, url: post.url ?? undefined };
      const before = savedClassifier?.classify(input).narratives[0];
      const after = draftClassifier.classify(input).narratives[0];
      if (!before && !after) continue;
      const day = new Date(post.at).toISOString().slice(0, 10);
      const bucket = days.get(day) ?? { day, saved: 0, draft: 0, added: 0, dropped: 0 };
      days.set(day, bucket);
      if (before) (report.saved++, bucket.saved++);
      if (after) (report.draft++, bucket.draft++);
      if (before && after) report.kept++;
      else if (after) {
        report.added++;
        bucket.added++;
        if (report.samples.added.length < sampleLimit) report.samples.added.push(sample(post, after, input.text));
      } else if (before) {
        report.dropped++;
        bucket.dropped++;
        if (report.samples.dropped.length < sampleLimit) report.samples.dropped.push(sample(post, before, input.text));
      }
    }
  }
  report.perDay = [...days.values()].sort((a, b) => a.day.localeCompare(b.day));
  return report;
}

function sample(post: { id: number; url: string | null; at: Date }, result: NarrativeResult, text: string): BacktestSample {
  const flat = text.replace(/\s+/g, ' ').trim();
  return {
    postId: Number(post.id),
    url: post.url,
    at: new Date(post.at).toISOString(),
    excerpt: flat.length > 200 ? `${flat.slice(0, 199)}…` : flat,
    score: result.score,
    stance: result.stance,
    matched: [...new Set(result.matched.map((m) => m.text))].slice(0, 10),
  };
}
