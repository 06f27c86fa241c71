import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Queue } from 'bullmq';
import { createTestDatabase } from '../helpers/postgres.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';
import { rssFeed, startServer, type TestServer } from '../helpers/http-server.js';
import { cli } from '../helpers/cli.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let server: TestServer;
let env: Record<string, string>;
const prefix = testPrefix();
const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
const collectQueue = new Queue('collect', { connection: redis, prefix });
const classifyQueue = new Queue('classify', { connection: redis, prefix });

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startServer((req, res) => {
    if (req.url === '/broken') return void res.writeHead(500).end('boom');
    res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
      rssFeed([
        { id: 'a', title: 'Första nyheten', text: 'Socialtjänsten informerar om LVU.' },
        { id: 'b', title: 'Andra nyheten', text: 'Kommunen bjuder in till möte.' },
      ]),
    );
  });
  env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    LOG_LEVEL: 'error',
    VAKSAM_REDIS__PREFIX: prefix,
    VAKSAM_FETCH__ALLOW_PRIVATE_NETWORKS: '["127.0.0.1/32"]',
    VAKSAM_FETCH__RESPECT_ROBOTS: 'false',
    VAKSAM_FETCH__PER_HOST_MIN_INTERVAL_MS: '0',
  };
});

afterAll(async () => {
  await collectQueue.close();
  await classifyQueue.close();
  await deletePrefix(prefix);
  await redis.quit();
  await server.close();
  await database.drop();
});

/** Ids come from a sequence that refused duplicates also advance, so the test reads them instead of guessing. */
let brokenId = 0;
const schedulerKeys = async () => (await collectQueue.getJobSchedulers(0, -1)).map((s) => s.key).sort();

describe('vaksam sources', () => {
  it('adds a source, stores it and schedules it', async () => {
    const run = await cli(['sources', 'add', 'feed', `${server.url}/feed`, '--name', 'Lokal', '--every', '20', '--json'], env);
    expect(run.code).toBe(0);
    const row = JSON.parse(run.stdout);
    expect(row).toMatchObject({ id: 1, kind: 'feed', name: 'Lokal', everyMinutes: 20, enabled: true });
    expect(await schedulerKeys()).toEqual(['source:1']);
  });

  it('refuses the same source twice and an unknown kind, with clear messages', async () => {
    const twice = await cli(['sources', 'add', 'feed', `${server.url}/feed`, '--name', 'Lokal'], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already exists.*SOURCE_EXISTS/);
    const unknown = await cli(['sources', 'add', 'myspace', 'https://example.org/'], env);
    expect(unknown.stderr).toMatch(/unknown source kind 'myspace'; known kinds: .*feed/);
    const badUrl = await cli(['sources', 'add', 'feed', 'file:///etc/passwd'], env);
    expect(badUrl.stderr).toMatch(/http or https/);
  });

  it('tests a source without storing anything', async () => {
    const run = await cli(['sources', 'test', '1'], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/dry run of source 1: HTTP 200, 2 item\(s\)/);
    expect(run.stdout).toContain('Första nyheten');
    const list = await cli(['sources', 'list', '--json'], env);
    expect(JSON.parse(list.stdout.trim().split('\n')[0]!)).toMatchObject({ itemsTotal: 0, health: 'new' });
  });

  it('collects once with progress and enqueues classification', async () => {
    brokenId = JSON.parse((await cli(['sources', 'add', 'feed', `${server.url}/broken`, '--name', 'Trasig', '--json'], env)).stdout).id;
    const run = await cli(['collect', '--once'], env);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/\[\d\/2\] Lokal: 2 seen, 2 new, 0 updated/);
    expect(run.stderr).toMatch(/\[\d\/2\] Trasig: FAILED: .*500/);
    expect(run.stdout).toMatch(/2 source\(s\): 2 new, 0 updated, 1 failed/);
    expect(await classifyQueue.getJobCountByTypes('waiting')).toBe(1);
  });

  it('lists health, last success and last error', async () => {
    const run = await cli(['sources', 'list'], env);
    expect(run.stdout).toMatch(/ID\s+KIND\s+NAME\s+STATE\s+HEALTH/);
    expect(run.stdout).toMatch(/1\s+feed\s+Lokal\s+enabled\s+healthy/);
    expect(run.stdout).toMatch(new RegExp(`${brokenId}\\s+feed\\s+Trasig\\s+enabled\\s+failing \\(1×\\).*FETCH_HTTP_5XX`));
  });

  it('shows one source with its runs', async () => {
    const run = await cli(['sources', 'show', '1'], env);
    expect(run.stdout).toContain('source 1: Lokal');
    expect(run.stdout).toMatch(/ok\s+HTTP 200\s+seen 2, new 2/);
    const missing = await cli(['sources', 'show', '99'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/source 99 does not exist/);
  });

  it('pauses and resumes a source, removing and restoring its schedule', async () => {
    expect((await cli(['sources', 'pause', '1'], env)).stdout).toMatch(/is paused/);
    expect(await schedulerKeys()).toEqual([`source:${brokenId}`]);
    expect((await cli(['sources', 'resume', '1'], env)).stdout).toMatch(/is enabled/);
    expect(await schedulerKeys()).toEqual(['source:1', `source:${brokenId}`]);
  });

  it('removes a source only with --yes', async () => {
    const unconfirmed = await cli(['sources', 'remove', String(brokenId)], env);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(/--yes/);
    expect((await cli(['sources', 'remove', String(brokenId), '--yes'], env)).code).toBe(0);
    expect(await schedulerKeys()).toEqual(['source:1']);
  });

  it('rejects a malformed id as a usage error', async () => {
    const run = await cli(['sources', 'show', 'abc'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ID must be a positive whole number/);
  });
});
