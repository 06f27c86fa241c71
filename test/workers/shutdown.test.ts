import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, sourceAdminDeps, type App, startWorkers } from '../../src/app/index.js';
import { EXIT_JOBS_UNFINISHED } from '../../src/cli/io.js';
import { loadConfig, packageRoot } from '../../src/config/index.js';
import { silentLogger } from '../../src/log/index.js';
import { addSource } from '../../src/pipeline/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { processEnv, spawnCli, watch } from '../helpers/processes.js';
import { deletePrefix, testPrefix } from '../helpers/redis.js';
import { rssFeed, startServer, type TestServer } from '../helpers/http-server.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
const prefix = testPrefix();
let env: Record<string, string>;
let app: App;
let events: QueueEvents;
/** Responses that drip one byte at a time and never end until the test ends them. */
const dripping: ServerResponse[] = [];
let dripStarted: () => void = () => {};

const feed = rssFeed(Array.from({ length: 5 }, (_, i) => ({ id: `d-${i}`, title: `T ${i}`, text: `Text ${i}` })));

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer((req, res) => {
    // The first request drips the feed a byte at a time and never finishes; a retry gets it whole at once.
    if (server.hits.get('/drip')! > 1) return void res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write(feed.slice(0, 1));
    dripping.push(res);
    dripStarted();
  });
  env = processEnv(database.url, prefix, {
    LOG_LEVEL: 'info',
    VAKSAM_WORKERS__SHUTDOWN_GRACE_MS: '300',
    VAKSAM_WORKERS__LOCK_DURATION_MS: '1500',
    VAKSAM_WORKERS__STALLED_INTERVAL_MS: '500',
    VAKSAM_HTTP__PORT: '0',
  });
  app = await openApp(loadConfig({ env }), silentLogger, { redis: 'required', migrate: false });
  events = new QueueEvents('collect', { connection: app.redis!.duplicate(), prefix });
  await events.waitUntilReady();
});

afterAll(async () => {
  dripping.splice(0).forEach((res) => res.destroy());
  await events.close();
  await app.close();
  await server.close();
  await deletePrefix(prefix);
  await database.drop();
});

describe('shutdown', () => {
  it('exits non-zero when a job outlives workers.shutdownGraceMs, and the job is recovered as stalled', async () => {
    const source = await addSource({ ...sourceAdminDeps(app), queues: null }, { kind: 'feed', name: 'drip', url: `${server.url}/drip` });
    const worker = spawnCli(['worker', '--queues', 'collect'], env);
    await worker.waitFor(/vaksam worker started/);
    const started = new Promise<void>((resolve) => (dripStarted = resolve));
    const job = await app.queues!.collect.add('collect', { sourceId: source.id }, { attempts: 1 });
    await started;
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toBe(EXIT_JOBS_UNFINISHED);
    expect(worker.stderr()).toMatch(/jobs still running after workers.shutdownGraceMs/);
    expect(worker.stderr()).toContain(`collect:${job.id}`);

    // Nobody finished the job: a new worker finds it stalled once its lock expires and runs it again.
    const running = startWorkers(app, ['collect']);
    try {
      expect(await job.waitUntilFinished(events)).toMatchObject({ status: 'ok', new: 5 });
    } finally {
      await running.close();
    }
  });

  it('`npm start` passes SIGTERM on to vaksam, which stops and leaves no process behind', async () => {
    const npm = watch(spawn('npm', ['start', '--silent'], { cwd: packageRoot(), env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
    await npm.waitFor(/Vaksam web UI: http/);
    // Every process writing to these pipes (npm, the shell, node) has ended once both are closed.
    const pipesClosed = Promise.all([once(npm.child.stdout!, 'close'), once(npm.child.stderr!, 'close')]);
    npm.child.kill('SIGTERM');
    await pipesClosed;
    await npm.exited;
    expect(npm.stderr()).toMatch(/"msg":"stopped"/);
  });
});
