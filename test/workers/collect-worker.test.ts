import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { eq } from 'drizzle-orm';
import { QueueEvents, type Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App, sourceAdminDeps, startWorkers } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { schema } from '../../src/db/index.js';
import { silentLogger } from '../../src/log/index.js';
import { addSource } from '../../src/pipeline/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { processEnv, spawnCli } from '../helpers/processes.js';
import { deletePrefix, testPrefix } from '../helpers/redis.js';
import { rssFeed, startServer, type TestServer } from '../helpers/http-server.js';


let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
const prefix = testPrefix();
let env: Record<string, string>;
let app: App;
let events: QueueEvents;
/** The first request to each /slow/* path waits until the test releases it; later ones are answered at once. */
const held: (() => void)[] = [];
const heldOnce = new Set<string>();
let arrived: () => void = () => {};

const items = (n: number, tag: string) => Array.from({ length: n }, (_, i) => ({ id: `${tag}-${i}`, title: `T ${i}`, text: `Text ${i}` }));

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer((req, res) => {
    const path = req.url ?? '';
    if (path.startsWith('/gone')) return void res.writeHead(404).end('gone');
    if (path.startsWith('/down')) return void res.writeHead(503).end('down');
    const send = () => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed(items(30, path)));
    if (path.startsWith('/slow') && !heldOnce.has(path)) {
      heldOnce.add(path);
      held.push(send);
      arrived();
      return;
    }
    send();
  });
  env = processEnv(database.url, prefix, {
    VAKSAM_FETCH__PER_HOST_MIN_INTERVAL_MS: '0',
    VAKSAM_COLLECT__ATTEMPTS: '3',
    VAKSAM_COLLECT__BACKOFF_MS: '50',
    VAKSAM_WORKERS__LOCK_DURATION_MS: '1500',
    VAKSAM_WORKERS__STALLED_INTERVAL_MS: '500',
  });
  app = await openApp(loadConfig({ env }), silentLogger, { redis: 'required', migrate: false });
  events = new QueueEvents('collect', { connection: app.redis!.duplicate(), prefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  held.splice(0).forEach((send) => send());
  await events.close();
  await app.close();
  await server.close();
  await deletePrefix(prefix);
  await database.drop();
});

async function source(path: string) {
  return addSource({ ...sourceAdminDeps(app), queues: null }, { kind: 'feed', name: path, url: `${server.url}${path}` });
}

async function postsOf(sourceId: number) {
  return database.db.select({ id: schema.posts.id }).from(schema.posts).where(eq(schema.posts.sourceId, sourceId));
}

/** A separate worker process (the compiled CLI), to kill it for real. */
function spawnWorker(): ChildProcess {
  return spawnCli(['worker', '--queues', 'collect'], env).child;
}

const requestArrives = () => new Promise<void>((resolve) => (arrived = resolve));

describe('collect worker', () => {
  it('stops retrying a permanent failure (404) and retries a transient one (503)', async () => {
    const gone = await source('/gone/feed');
    const down = await source('/down/feed');
    const running = startWorkers(app, ['collect']);
    try {
      const goneJob = await app.queues!.collect.add('collect', { sourceId: gone.id }, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
      const downJob = await app.queues!.collect.add('collect', { sourceId: down.id }, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
      await expect(goneJob.waitUntilFinished(events)).rejects.toThrow(/404/);
      await expect(downJob.waitUntilFinished(events)).rejects.toThrow(/503/);
      const [goneState, downState] = await Promise.all([app.queues!.collect.getJob(goneJob.id!), app.queues!.collect.getJob(downJob.id!)]);
      expect((goneState as Job).attemptsMade).toBe(1);
      expect((downState as Job).attemptsMade).toBe(3);
    } finally {
      await running.close();
    }
  });

  it('finishes the running job on SIGTERM before the process exits', async () => {
    const slow = await source('/slow/graceful');
    const child = spawnWorker();
    const exited = once(child, 'exit');
    const arrival = requestArrives();
    const job = await app.queues!.collect.add('collect', { sourceId: slow.id });
    await arrival;
    child.kill('SIGTERM');
    held.shift()!();
    const [code] = await exited;
    expect(code).toBe(0);
    expect(await job.waitUntilFinished(events)).toMatchObject({ status: 'ok', new: 30 });
    expect(await postsOf(slow.id)).toHaveLength(30);
  });

  it('loses nothing when a worker is killed mid-job: another worker takes the stalled job over', async () => {
    const slow = await source('/slow/killed');
    const child = spawnWorker();
    const arrival = requestArrives();
    const job = await app.queues!.collect.add('collect', { sourceId: slow.id });
    await arrival;
    child.kill('SIGKILL');
    await once(child, 'exit');
    held.splice(0).forEach((send) => send()); // the dead worker's request is answered to nobody
    const running = startWorkers(app, ['collect']);
    try {
      expect(await job.waitUntilFinished(events)).toMatchObject({ status: 'ok', new: 30 });
    } finally {
      await running.close();
    }
    expect(await postsOf(slow.id)).toHaveLength(30);
  });
});
