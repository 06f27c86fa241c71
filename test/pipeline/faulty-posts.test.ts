import { eq, sql } from 'drizzle-orm';
import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, collectDeps, sourceAdminDeps, type App } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { schema } from '../../src/db/index.js';
import { getSource, recentFetchRuns } from '../../src/db/queries/index.js';
import { silentLogger } from '../../src/log/index.js';
import { addSource, collectSource } from '../../src/pipeline/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { processEnv, spawnCli } from '../helpers/processes.js';
import { deletePrefix, testPrefix } from '../helpers/redis.js';
import { startServer, type TestServer } from '../helpers/http-server.js';

/** A post text the database refuses (a check constraint added below): stands for any post that makes a statement fail. */
const MARKER = 'MARKÖR-7f3a-hemlig-text';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
const prefix = testPrefix();
let env: Record<string, string>;
let app: App;

function jsonFeed(items: Array<{ id: string; text: string }>): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Testflöde',
    items: items.map((i) => ({ id: i.id, url: `https://example.se/${i.id}`, content_text: i.text, date_published: '2026-11-23T08:00:00Z' })),
  });
}

const FEEDS: Record<string, string> = {
  '/nul.json': jsonFeed([
    { id: 'n1', text: 'före\u0000efter' },
    { id: 'n2', text: 'helt vanlig text' },
  ]),
  '/marker.json': jsonFeed([{ id: 'm1', text: `inlägg med ${MARKER}` }]),
};

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(sql.raw(`alter table posts add constraint refuses_marker check (position('${MARKER}' in text) = 0)`));
  server = await startServer((req, res) => {
    const body = FEEDS[(req.url ?? '').split('?')[0]!];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/feed+json' }).end(body);
  });
  env = processEnv(database.url, prefix, { LOG_LEVEL: 'info' });
  app = await openApp(loadConfig({ env }), silentLogger, { redis: 'required', migrate: false });
});

afterAll(async () => {
  await app.close();
  await server.close();
  await deletePrefix(prefix);
  await database.drop();
});

/** Each test adds a source of its own (`?for=` keeps the same feed a distinct source). */
const feedSource = (path: string, test: string) =>
  addSource({ ...sourceAdminDeps(app), queues: null }, { kind: 'feed', name: `${path} ${test}`, url: `${server.url}${path}?for=${test}` });

describe('posts the database would refuse', () => {
  it('stores a JSON Feed item with a NUL without it, and counts the removed character in the run', async () => {
    const source = await feedSource('/nul.json', 'nul');
    const summary = await collectSource(collectDeps(app), source.id);
    expect(summary.status).toBe('ok');
    expect(summary.itemsNew).toBe(2);
    const stored = await database.db.select({ text: schema.posts.text }).from(schema.posts).where(eq(schema.posts.sourceId, source.id));
    expect(stored.map((p) => p.text).sort()).toEqual(['föreefter', 'helt vanlig text']);
    const [run] = await recentFetchRuns(database.db, source.id, 1);
    expect(run).toMatchObject({ status: 'ok', removedCodePoints: 1 });
    expect(run!.warnings[0]).toMatch(/removed 1 character/);
    expect((await getSource(database.db, source.id))!.health).toBe('healthy');
  });

  it('marks the run failed and the source failing with the SQL state when the upsert fails, never leaving it running', async () => {
    const source = await feedSource('/marker.json', 'run');
    const summary = await collectSource(collectDeps(app), source.id);
    expect(summary.status).toBe('failed');
    const [run] = await recentFetchRuns(database.db, source.id, 1);
    expect(run).toMatchObject({ status: 'failed', errorCode: 'DB_QUERY_FAILED' });
    expect(run!.error).toMatch(/SQLSTATE 23514, table posts, constraint refuses_marker/);
    const after = (await getSource(database.db, source.id))!;
    expect(after).toMatchObject({ health: 'failing', lastErrorCode: 'DB_QUERY_FAILED' });
    expect(`${run!.error} ${after.lastError}`).not.toContain(MARKER);
  });

  it('keeps the text of a failing post out of every log line and out of the job failure reason', async () => {
    const source = await feedSource('/marker.json', 'logs');
    const worker = spawnCli(['worker', '--queues', 'collect'], env);
    await worker.waitFor(/vaksam worker started/);
    const events = new QueueEvents('collect', { connection: app.redis!.duplicate(), prefix });
    try {
      await events.waitUntilReady();
      const job = await app.queues!.collect.add('collect', { sourceId: source.id }, { attempts: 1 });
      await expect(job.waitUntilFinished(events)).rejects.toThrow(/SQLSTATE 23514/);
      const failed = (await app.queues!.collect.getJob(job.id!))!;
      expect(`${failed.failedReason} ${(failed.stacktrace ?? []).join(' ')}`).not.toContain(MARKER);
    } finally {
      await events.close();
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    expect(worker.stderr()).toMatch(/"msg":"source run failed"/);
    expect(worker.stderr()).toMatch(/"msg":"job failed"/);
    expect(worker.stderr()).not.toContain(MARKER);
  });
});
