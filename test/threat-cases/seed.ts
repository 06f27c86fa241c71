import { createHash } from 'node:crypto';
import type { Db } from '../../src/db/index.js';
import { fetchRuns, posts, sources } from '../../src/db/schema/index.js';

export const EXCHANGE = {
  url: 'https://forum.example/feed.xml',
  status: 200,
  headers: { 'content-type': 'application/rss+xml', etag: '"abc123"', date: 'Mon, 03 Mar 2025 08:00:00 GMT' },
  sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  bytes: 5120,
  at: '2025-03-03T08:00:01.000Z',
};

/** A feed source and one fetch run whose exchange (headers, body hash) the evidence pack must carry. */
export async function seedSource(db: Db, name = 'Forum'): Promise<{ sourceId: number; fetchRunId: number }> {
  const [source] = await db
    .insert(sources)
    .values({ kind: 'feed', name, url: `https://forum.example/${name}.xml`, identityKey: `feed:${name}`, everyMinutes: 15 })
    .returning({ id: sources.id });
  const [run] = await db
    .insert(fetchRuns)
    .values({ sourceId: (source as { id: number }).id, startedAt: new Date('2025-03-03T08:00:00Z'), status: 'ok', exchanges: [EXCHANGE] })
    .returning({ id: fetchRuns.id });
  return { sourceId: (source as { id: number }).id, fetchRunId: Number((run as { id: number }).id) };
}

let counter = 0;

export async function insertPost(
  db: Db,
  seed: { sourceId: number; fetchRunId: number },
  post: { text: string; author?: string; publishedAt?: Date; fetchedAt?: Date; url?: string },
): Promise<number> {
  counter++;
  const [row] = await db
    .insert(posts)
    .values({
      sourceId: seed.sourceId,
      platform: 'feed',
      externalId: `p${counter}-${Math.random().toString(36).slice(2)}`,
      url: post.url ?? `https://forum.example/t/${counter}`,
      authorHandle: post.author ?? 'anon',
      text: post.text,
      publishedAt: post.publishedAt ?? new Date('2025-03-03T07:55:00Z'),
      fetchedAt: post.fetchedAt ?? new Date('2025-03-03T08:00:01Z'),
      updatedAt: post.fetchedAt ?? new Date('2025-03-03T08:00:01Z'),
      contentHash: createHash('sha256').update(post.text).digest('hex'),
      fetchRunId: seed.fetchRunId,
    })
    .returning({ id: posts.id });
  return Number((row as { id: number }).id);
}
