/**
 * `cluster_posts_per_s`: incremental near-duplicate assignment with the database (src/cluster-store), batch by batch
 * as the classify worker calls it: with the posts the classify stage has just read (so the timed part reads only
 * what assignment itself reads), against `cluster_exact_posts_per_s`: grouping the same posts by an exact hash of the
 * same normalised words, with the same kind of writes (a group per new hash, a membership per post), the two taking
 * turns batch by batch.
 * The stream is ordinary posts with a campaign mixed in: a third of the posts are edited copies of 300 texts.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ClusterAssigner, readClusterPosts, type ClusterPost } from '../../src/cluster-store/index.js';
import { clusterSettings } from '../../src/config/index.js';
import { comparableWords } from '../../src/clusters/index.js';
import { queryRows, type Db } from '../../src/db/index.js';
import { insertSource, upsertPosts, type PostRow } from '../../src/db/queries/index.js';
import { contentHash } from '../../src/pipeline/index.js';
import { assessedText } from '../../src/text/index.js';
import { ratePerSecond, round, seededRandom } from './measure.js';
import { ordinaryPosts } from './ordinary-posts.js';

const POSTS = 60_000;
const BATCH = Number(process.env.CLUSTER_BENCH_BATCH ?? 500);
const CAMPAIGN_TEXTS = 300;
const EDITS = ['🚨', 'Sprid!', 'RT @konto:', '#LVU', 'https://t.co/x1', 'verkligen'];

function stream(count: number): string[] {
  const rand = seededRandom(18);
  const ordinary = ordinaryPosts(count, 18);
  const campaign = ordinaryPosts(CAMPAIGN_TEXTS, 1818).map((t) => `${t} Dela detta innan det raderas, socialtjänsten tar barnen.`);
  return ordinary.map((text, i) => {
    if (i % 3 !== 0) return text;
    const base = campaign[Math.floor(rand() * campaign.length)] as string;
    const edit = EDITS[Math.floor(rand() * EDITS.length)] as string;
    return rand() < 0.5 ? `${edit} ${base}` : `${base} ${edit}`;
  });
}

async function storePosts(db: Db, name: string, texts: readonly string[]): Promise<number[]> {
  const source = (await insertSource(db, { kind: 'mastodon', name, url: `https://${name}.example/`, config: {}, everyMinutes: 5, identityKey: name }))!;
  const ids: number[] = [];
  const start = Date.parse('2026-11-20T00:00:00Z');
  for (let i = 0; i < texts.length; i += 1000) {
    const rows: PostRow[] = texts.slice(i, i + 1000).map((text, k) => {
      const base = { url: null, title: null, text };
      return { ...base, externalId: `${i + k}`, authorHandle: `a${(i + k) % 5000}`, language: null, publishedAt: new Date(start + (i + k) * 1000), contentHash: contentHash(base), metadata: {} };
    });
    ids.push(...(await upsertPosts(db, { sourceId: source.id, platform: 'mastodon', fetchRunId: null, now: new Date(start + texts.length * 1000) }, rows)).inserted);
  }
  return ids;
}

/** The posts of each batch as the classify stage reads them (not timed: classify reads them anyway). */
async function readBatches(db: Db, postIds: readonly number[]): Promise<ClusterPost[][]> {
  const batches: ClusterPost[][] = [];
  for (let i = 0; i < postIds.length; i += BATCH) batches.push(await readClusterPosts(db, postIds.slice(i, i + BATCH)));
  return batches;
}

/** The baseline: one group per exact hash of the normalised words, stored the way clusters are. */
async function groupExactly(db: Db, posts: readonly ClusterPost[]): Promise<void> {
  const hashes = posts.map((p) => createHash('sha256').update(comparableWords(assessedText(p)).join(' ')).digest('hex'));
  const ids = posts.map((p) => p.id);
  await db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await tx.execute(sql`
      insert into bench_exact_groups (hash, face_post_id)
      select * from unnest(${sql.param(hashes)}::text[], ${sql.param(ids)}::bigint[]) on conflict (hash) do nothing`);
    await tx.execute(sql`
      insert into bench_exact_members (post_id, group_id)
      select u.id, g.id from unnest(${sql.param(ids)}::bigint[], ${sql.param(hashes)}::text[]) as u(id, hash)
      join bench_exact_groups g on g.hash = u.hash on conflict (post_id) do nothing`);
  });
}

export async function benchClusters(db: Db): Promise<Record<string, number>> {
  const texts = stream(POSTS);
  const clusterIds = await storePosts(db, 'clusters', texts);
  const exactIds = await storePosts(db, 'exact', texts);
  await db.execute(sql`create table bench_exact_groups (id bigserial primary key, hash text unique not null, face_post_id bigint not null)`);
  await db.execute(sql`create table bench_exact_members (post_id bigint primary key, group_id bigint not null)`);
  const settings = clusterSettings({});
  const now = new Date('2026-11-21T00:00:00Z');
  const exactBatches = await readBatches(db, exactIds);
  const clusterBatches = await readBatches(db, clusterIds);
  // One assigner for the run, as a classify worker keeps one: its index of faces starts empty and fills as it goes.
  const assigner = new ClusterAssigner(settings);
  // Batch by batch in turn, so a busy shared machine slows both sides alike.
  let exactMs = 0;
  let clusterMs = 0;
  let created = 0;
  for (let b = 0; b < clusterBatches.length; b++) {
    exactMs += (await ratePerSecond(0, () => groupExactly(db, exactBatches[b]!))).ms;
    clusterMs += (
      await ratePerSecond(0, async () => {
        created += (await assigner.assign(db, clusterBatches[b]!, now)).created;
      })
    ).ms;
  }
  const exact = { perSecond: exactIds.length / (exactMs / 1000) };
  const clustered = { perSecond: clusterIds.length / (clusterMs / 1000) };
  const [groups] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from bench_exact_groups`);
  return {
    cluster_posts_per_s: round(clustered.perSecond, 0),
    cluster_exact_posts_per_s: round(exact.perSecond, 0),
    cluster_posts: clusterIds.length,
    cluster_batch: BATCH,
    cluster_clusters: created,
    cluster_exact_groups: groups?.n ?? 0,
  };
}
