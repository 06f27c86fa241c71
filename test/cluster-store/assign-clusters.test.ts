import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignClusters, ClusterAssigner } from '../../src/cluster-store/index.js';
import { clusterSettings } from '../../src/config/index.js';
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
  });

  it('lets two workers with long-lived indexes join each other\'s clusters', async () => {
    const text = 'Handläggarna i Örebro omhändertar barn för att kommunen tjänar pengar på varje placering, sprid vidare';
    const workerA = new ClusterAssigner(settings);
    const workerB = new ClusterAssigner(settings);
    // Both indexes are warm before A opens the cluster: B must catch up with it, not only load it on start.
    await workerA.assignIds(database.db, [await store('Första inlägget som värmer upp index A med en helt egen text om parkering')], now);
    await workerB.assignIds(database.db, [await store('Andra inlägget som värmer upp index B med en annan text om snöröjning')], now);
    const original = await store(text, { minutesAgo: 10 });
    expect(await workerA.assignIds(database.db, [original], now)).toEqual({ assigned: 1, created: 1 });
    const copy = await store(`${text}!! #LVU`, { minutesAgo: 5 });
    expect(await workerB.assignIds(database.db, [copy], now)).toEqual({ assigned: 1, created: 0 });
    expect(await clusterOf(copy)).toBe(await clusterOf(original));
    const second = await store(`RT ${text}`, { minutesAgo: 1 });
    expect(await workerA.assignIds(database.db, [second], now)).toEqual({ assigned: 1, created: 0 });
    expect(await clusterOf(second)).toBe(await clusterOf(original));
  });

  it('gives two jobs running at once in one worker (classify.concurrency) one cluster per text', async () => {
    const text = 'Socialen i Luleå placerar barnen hos okända familjer långt bort så att föräldrarna aldrig hittar dem';
    const worker = new ClusterAssigner(settings);
    await worker.assignIds(database.db, [await store('Ett inlägg om vädret i Luleå som värmer upp indexet innan jobben körs')], now);
    const first = await Promise.all([store(text, { minutesAgo: 9 }), store(`${text}!`, { minutesAgo: 8 })]);
    const second = await Promise.all([store(`${text}!!`, { minutesAgo: 7 }), store(`🚨 ${text}`, { minutesAgo: 6 })]);
    const outcomes = await Promise.all([worker.assignIds(database.db, first, now), worker.assignIds(database.db, second, now)]);
    expect(outcomes.reduce((n, o) => n + o.created, 0)).toBe(1);
    const clusters = new Set(await Promise.all([...first, ...second].map(clusterOf)));
    expect(clusters.size).toBe(1);
    const copy = await store(`${text} #LVU`, { minutesAgo: 1 });
    expect(await worker.assignIds(database.db, [copy], now)).toEqual({ assigned: 1, created: 0 });
  });

  it('opens a new cluster when the one a warm index remembers was deleted meanwhile', async () => {
    const text = 'Socialsekreterarna i Borås säljer barnen vidare till familjer i andra länder, ingen granskar dem';
    const worker = new ClusterAssigner(settings);
    const original = await store(text, { minutesAgo: 30 });
    await worker.assignIds(database.db, [original], now);
    const gone = (await clusterOf(original))!;
    await database.db.delete(schema.posts).where(eq(schema.posts.id, original));
    expect(await faceOf(gone)).toBeUndefined();
    const copy = await store(`${text}.`, { minutesAgo: 1 });
    const alsoCopy = await store(`${text}!!`, { minutesAgo: 0 });
    expect(await worker.assignIds(database.db, [copy, alsoCopy], now)).toEqual({ assigned: 2, created: 1 });
    const cluster = (await clusterOf(copy))!;
    expect(cluster).not.toBe(gone);
    expect(await clusterOf(alsoCopy)).toBe(cluster);
    expect(await faceOf(cluster)).toBe(copy);
  });

  it('keeps a warm index right when an edit empties the cluster it remembers', async () => {
    const text = 'Familjehemmen i Umeå får betalt för varje muslimskt barn de tar emot, därför tar socialen fler barn';
    const worker = new ClusterAssigner(settings);
    const post = await store(text, { externalId: 'warm-edit', minutesAgo: 20 });
    await worker.assignIds(database.db, [post], now);
    const before = (await clusterOf(post))!;
    await store('Biblioteket i Umeå har nya öppettider under julhelgen och stänger tidigt på fredagar', { externalId: 'warm-edit' });
    expect(await worker.assignIds(database.db, [post], now)).toEqual({ assigned: 1, created: 1 });
    expect(await faceOf(before)).toBeUndefined();
    const copy = await store(`${text}!`, { minutesAgo: 1 });
    expect(await worker.assignIds(database.db, [copy], now)).toEqual({ assigned: 1, created: 1 });
    expect([before, await clusterOf(post)]).not.toContain(await clusterOf(copy));
  });

  it('assigns the posts the classify stage read, and drops one deleted since without failing the batch', async () => {
    const text = 'Kommunen i Gävle stänger familjecentralen och flyttar barnen till fosterhem i andra länder utan beslut';
    const kept = await store(text, { minutesAgo: 3 });
    const deleted = await store(`${text}!`, { minutesAgo: 2 });
    const read = await database.db.select().from(schema.posts).where(inArray(schema.posts.id, [kept, deleted]));
    const posts = read.map((r) => ({ id: r.id, title: r.title, text: r.text, platform: r.platform, contentHash: r.contentHash, seenAt: r.publishedAt ?? r.fetchedAt }));
    await database.db.delete(schema.posts).where(eq(schema.posts.id, deleted));
    const worker = new ClusterAssigner(settings);
    expect(await worker.assign(database.db, posts, now)).toEqual({ assigned: 1, created: 1 });
    expect(await clusterOf(kept)).toBeDefined();
    expect(await worker.assign(database.db, posts.filter((p) => p.id === kept), now)).toEqual({ assigned: 0, created: 0 });
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
