import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignClusters } from '../../src/cluster-store/index.js';
import { clusterSettings } from '../../src/clusters/index.js';
import { schema } from '../../src/db/index.js';
import { insertSource, upsertPosts } from '../../src/db/queries/index.js';
import { contentHash } from '../../src/pipeline/index.js';
import { createTestDatabase } from '../helpers/postgres.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let sourceId: number;
let tiplineSourceId: number;
const now = new Date('2026-11-23T10:00:00Z');
const settings = clusterSettings({});
let seq = 0;

async function store(text: string, opts: { minutesAgo?: number; source?: number; platform?: string; externalId?: string } = {}): Promise<number> {
  const externalId = opts.externalId ?? `c${++seq}`;
  const base = { url: `https://e.se/${externalId}`, title: null, text };
  const out = await upsertPosts(
    database.db,
    { sourceId: opts.source ?? sourceId, platform: opts.platform ?? 'mastodon', fetchRunId: null, now },
    [{ ...base, externalId, authorHandle: `acc-${externalId}`, language: 'sv', publishedAt: new Date(now.getTime() - (opts.minutesAgo ?? 0) * 60_000), contentHash: contentHash(base), metadata: {} }],
  );
  return (out.inserted[0] ?? out.updated[0])!;
}

async function clusterOf(postId: number): Promise<number | undefined> {
  const [row] = await database.db.select().from(schema.clusterPosts).where(eq(schema.clusterPosts.postId, postId));
  return row?.clusterId;
}

async function faceOf(clusterId: number): Promise<number | null | undefined> {
  const [row] = await database.db.select().from(schema.postClusters).where(eq(schema.postClusters.id, clusterId));
  return row === undefined ? undefined : row.facePostId;
}

const TEXT = 'Socialtjänsten i Göteborg tar barn från muslimska familjer utan dom, dela innan det försvinner';

beforeAll(async () => {
  database = await createTestDatabase();
  sourceId = (await insertSource(database.db, { kind: 'mastodon', name: 'm', url: 'https://m.example/', config: {}, everyMinutes: 5, identityKey: 'm' }))!.id;
  tiplineSourceId = (await insertSource(database.db, { kind: 'tipline', name: 't', url: 'tipline:', config: {}, everyMinutes: 5, identityKey: 't' }))!.id;
});
afterAll(() => database.drop());

describe('assignClusters', () => {
  it('clusters copies across batches with the first seen post as face, and keeps other texts apart', async () => {
    const later = await store(`${TEXT}!!`, { minutesAgo: 5 });
    const first = await store(TEXT.toUpperCase(), { minutesAgo: 30 });
    const other = await store('Öppet hus hos socialtjänsten i Göteborg på lördag, alla familjer är välkomna med frågor', { minutesAgo: 10 });
    const outcome = await assignClusters(database.db, [later, first, other], settings, now);
    expect(outcome).toEqual({ assigned: 3, created: 2 });
    const cluster = (await clusterOf(first))!;
    expect(await clusterOf(later)).toBe(cluster);
    expect(await clusterOf(other)).not.toBe(cluster);
    expect(await faceOf(cluster)).toBe(first);

    const nextBatch = await store(`🚨 ${TEXT.replace('dela', 'sprid')} https://t.co/abc`, { minutesAgo: 1 });
    expect(await assignClusters(database.db, [nextBatch], settings, now)).toEqual({ assigned: 1, created: 0 });
    expect(await clusterOf(nextBatch)).toBe(cluster);
  });

  it('changes nothing when a batch is delivered again, and assigns an edited post again', async () => {
    const a = await store('Barnen försvinner från HVB-hemmen i Västerås och ingen myndighet bryr sig om det alls', { externalId: 'edit-me' });
    await assignClusters(database.db, [a], settings, now);
    const before = await clusterOf(a);
    expect(await assignClusters(database.db, [a], settings, now)).toEqual({ assigned: 0, created: 0 });
    expect(await clusterOf(a)).toBe(before);
    const edited = await store('Helt ny text om något annat: biblioteket i Västerås får nya öppettider i december', { externalId: 'edit-me' });
    expect(edited).toBe(a);
    expect(await assignClusters(database.db, [a], settings, now)).toEqual({ assigned: 1, created: 1 });
    expect(await clusterOf(a)).not.toBe(before);
    expect(await faceOf(before!)).toBeUndefined();
  });

  it('moves the face to the next member when the face is deleted, and deletes the cluster with its last post', async () => {
    const text = 'Vi vet var handläggarna på socialkontoret i Rinkeby bor och vi kommer att hitta dem alla';
    const face = await store(text, { minutesAgo: 20 });
    const second = await store(`${text}.`, { minutesAgo: 10 });
    const third = await store(`${text}!`, { minutesAgo: 15 });
    await assignClusters(database.db, [face, second, third], settings, now);
    const cluster = (await clusterOf(face))!;
    await database.db.delete(schema.posts).where(eq(schema.posts.id, face));
    expect(await faceOf(cluster)).toBe(third);
    await database.db.delete(schema.posts).where(inArray(schema.posts.id, [second, third]));
    expect(await faceOf(cluster)).toBeUndefined();
    const bands = await database.db.select().from(schema.clusterBands).where(eq(schema.clusterBands.clusterId, cluster));
    expect(bands).toEqual([]);
  });

  it('leaves staff tipline reports out of clusters', async () => {
    const report = await store(TEXT, { source: tiplineSourceId, platform: 'tipline' });
    expect(await assignClusters(database.db, [report], settings, now)).toEqual({ assigned: 0, created: 0 });
    expect(await clusterOf(report)).toBeUndefined();
  });

  it('does nothing when clustering is disabled', async () => {
    const post = await store('Ett inlägg som aldrig klustras eftersom funktionen är avstängd i konfigurationen');
    expect(await assignClusters(database.db, [post], { ...settings, enabled: false }, now)).toEqual({ assigned: 0, created: 0 });
  });
});
