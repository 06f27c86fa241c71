import { inArray } from 'drizzle-orm';
import type { Db } from '../../src/db/index.js';
import { posts } from '../../src/db/schema/index.js';
import { assessThreats, writeThreatResults, type ThreatWriteOutcome } from '../../src/threat-cases/index.js';
import type { ThreatDetector } from '../../src/threats/index.js';

/** What classifyPosts does for threats: select the batch, assess before the transaction, write inside it. */
export async function classifyThreatBatch(db: Db, detector: ThreatDetector, postIds: number[], now: Date): Promise<ThreatWriteOutcome> {
  const rows = await db
    .select({ id: posts.id, title: posts.title, text: posts.text, language: posts.language, platform: posts.platform, author: posts.authorHandle, url: posts.url, contentHash: posts.contentHash })
    .from(posts)
    .where(inArray(posts.id, postIds));
  const assessed = assessThreats(detector, detector.version, rows);
  return db.transaction((tx) => writeThreatResults(tx, assessed, now));
}
