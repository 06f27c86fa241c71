import type { App } from './context.js';
import { ClusterAssigner } from '../cluster-store/index.js';
import { ClassifierCache, classifyPosts, type ClassifyCaches } from '../classify-store/index.js';
import { loadWatchlistKey, ThreatDetectorCache } from '../threat-cases/index.js';

/** What a classify worker keeps between batches: its classifiers and its index of cluster faces. */
export type WorkerCaches = ClassifyCaches & { clusters: ClusterAssigner };

/** The classifiers of one worker process, built on first use (a failed build is tried again on the next job). */
export function classifyCachesOf(app: App): () => Promise<WorkerCaches> {
  let caches: Promise<WorkerCaches> | null = null;
  const load = async (): Promise<WorkerCaches> => {
    const settings = app.config.threats;
    const watchlistKey = await loadWatchlistKey(settings, app.config.database.dataDir);
    return {
      narratives: new ClassifierCache(app.database.db),
      threats: new ThreatDetectorCache(app.database.db, { rulesDir: settings.rulesDir, watchlistKey, model: settings.model.enabled ? settings.model : null }),
      clusters: new ClusterAssigner(app.config.clusters),
    };
  };
  return () =>
    (caches ??= load().catch((error: unknown) => {
      caches = null;
      throw error;
    }));
}

/**
 * Classifies a batch of post ids for narratives and threats; results are written idempotently, so a re-delivered
 * job changes nothing. Posts that matched go on to the alert stage as ids.
 */
export async function classifyBatch(app: App, caches: WorkerCaches, postIds: readonly number[]) {
  const outcome = await classifyPosts(app.database.db, caches, [...postIds], app.now());
  // Clusters before alerts: the surge check that follows counts distinct texts.
  const clusters = await caches.clusters.assign(app.database.db, outcome.read, app.now());
  const flagged = [...new Set([...outcome.matched, ...outcome.threats])];
  if (flagged.length > 0) await app.queues?.enqueueAlertCheck(flagged);
  return { posts: outcome.posts, matched: outcome.matched.length, threats: outcome.threats.length, cases: outcome.cases.length, catalogue: outcome.catalogueVersion, clustered: clusters.assigned };
}
