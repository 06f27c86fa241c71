import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { hostname } from 'node:os';
import { eq } from 'drizzle-orm';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../src/app/index.js';
import { maintenanceProcessor } from '../../src/app/workers/maintenance.js';
import { loadConfig } from '../../src/config/index.js';
import { schema } from '../../src/db/index.js';
import { finishFetchRun, insertSource, startFetchRun, upsertPosts } from '../../src/db/queries/index.js';
import { silentLogger } from '../../src/log/index.js';
import { contentHash } from '../../src/pipeline/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { processEnv, spawnCli } from '../helpers/processes.js';
import { deletePrefix, testPrefix } from '../helpers/redis.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const prefix = testPrefix();
let env: Record<string, string>;
let app: App;
let sourceId: number;

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await once(child, 'exit');
  return child.pid!;
}

/** A run as a worker leaves it after storing posts: `running`, its posts unclassified, nothing enqueued. */
async function runWithPosts(owner: string, tag: string, finished = false): Promise<{ runId: number; postIds: number[] }> {
  const now = new Date();
  const runId = await startFetchRun(database.db, sourceId, owner, now);
  const rows = [1, 2].map((n) => {
    const base = { url: null, title: null, text: `${tag} ${n}` };
    return { ...base, externalId: `${tag}-${n}`, authorHandle: null, language: 'sv', publishedAt: null, contentHash: contentHash(base), metadata: {} };
  });
  const { inserted } = await upsertPosts(database.db, { sourceId, platform: 'feed', fetchRunId: runId, now }, rows);
  if (finished) {
    await finishFetchRun(database.db, runId, {
      status: 'ok', finishedAt: now, httpStatus: 200, itemsSeen: 2, itemsNew: 2, itemsUpdated: 0, itemsQuarantined: 0,
      bytes: 1, durationMs: 1, errorCode: null, error: null, warnings: [], removedCodePoints: 0, exchanges: [],
    });
  }
  return { runId, postIds: inserted };
}

async function runStatus(runId: number): Promise<string> {
  const [row] = await database.db.select({ status: schema.fetchRuns.status }).from(schema.fetchRuns).where(eq(schema.fetchRuns.id, runId));
  return row!.status;
}

async function queuedPostIds(): Promise<number[]> {
  const jobs = await app.queues!.classify.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.flatMap((job) => job.data.postIds);
}

beforeAll(async () => {
  database = await createTestDatabase();
  env = processEnv(database.url, prefix, { LOG_LEVEL: 'info', VAKSAM_HTTP__ENABLED: 'false' });
  app = await openApp(loadConfig({ env }), silentLogger, { redis: 'required', migrate: false });
  sourceId = (await insertSource(database.db, { kind: 'feed', name: 'källa', url: 'https://example.se/feed', config: {}, everyMinutes: 60, identityKey: 'källa', enabled: false }))!.id;
});

afterAll(async () => {
  await app.close();
  await deletePrefix(prefix);
  await database.drop();
});

describe('recovery of work a dead process left', () => {
  it('closes its running fetch runs as abandoned at start and queues the posts it stored', async () => {
    const dead = await runWithPosts(`process:${hostname()}:${await deadPid()}`, 'dead');
    const alive = await runWithPosts(`process:${hostname()}:${process.pid}`, 'alive');
    const vaksam = spawnCli(['start'], env);
    try {
      const started = JSON.parse((await vaksam.waitFor(/^.*"msg":"vaksam started".*$/m))[0]);
      expect(started).toMatchObject({ abandonedRuns: 1 });
      expect(started.requeuedPosts).toBeGreaterThanOrEqual(2);
    } finally {
      vaksam.child.kill('SIGTERM');
      await vaksam.exited;
    }
    expect(await runStatus(dead.runId)).toBe('abandoned');
    expect(await runStatus(alive.runId)).toBe('running');
  });

  it('sweeps the posts of a finished run at once, without waiting ten minutes, and leaves a running run alone', async () => {
    const finished = await runWithPosts('finished-job', 'finished', true);
    const running = await runWithPosts(`process:${hostname()}:${process.pid}`, 'running');
    const sweep = maintenanceProcessor(app);
    const job = { data: { task: 'classify-sweep' } } as Job;
    const outcome = (await sweep(job, 'token')) as { swept: number };
    expect(outcome.swept).toBeGreaterThanOrEqual(2);
    const queued = await queuedPostIds();
    expect(queued).toEqual(expect.arrayContaining(finished.postIds));
    expect(queued).not.toEqual(expect.arrayContaining([running.postIds[0]]));
    // Already queued: a second sweep adds nothing.
    expect(((await sweep(job, 'token')) as { swept: number }).swept).toBe(0);
  });
});
