import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer } from '../../src/http/index.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';
import { seedContent, type Seeded } from './seed.js';

let web: TestWeb;
let seeded: Seeded;
let admin: Client;

beforeAll(async () => {
  web = await startTestWeb({ metricsToken: 'metrics-token-0123456789' });
  seeded = await seedContent(web.app.database.db, new Date());
  await web.addUser('anna', 'admin');
  admin = new Client(web.url);
  await admin.signIn('anna');
});
afterAll(() => web.close());

const PAGES = ['/', '/narratives', '/narratives/child-kidnapping', '/narratives/child-kidnapping/versions/1', '/posts', '/posts?q=barn', '/sources', '/alerts', '/recipients', '/queues', '/users', '/audit', '/privacy', '/privacy?author=lena_b', '/account', '/threats', '/threats?status=&level=high', '/watchlist', 'threat case'];

describe('pages', () => {
  it.each(PAGES)('renders %s with no inline script or event handler', async (name) => {
    const path = name === 'threat case' ? `/threats/${seeded.caseIds.high}` : name;
    const page = await admin.get(path, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.text).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    expect(page.text).not.toMatch(/\sstyle=/);
  });

  it.each(['sv', 'en'] as const)('switches the interface language to %s and keeps the page', async (lang) => {
    const client = new Client(web.url);
    await client.signIn('anna');
    const switched = await client.get(`/lang?to=${lang}&back=/narratives`);
    expect(switched.headers.get('location')).toBe('/narratives');
    const page = await client.get('/narratives', { accept: 'text/html' });
    expect(page.text).toContain(`<html lang="${lang}">`);
    expect(page.text).toContain(lang === 'sv' ? 'Narrativ' : 'Narratives');
  });

  it('never redirects the language switch to another site', async () => {
    const reply = await admin.get('/lang?to=en&back=//evil.example/x');
    expect(reply.headers.get('location')).toBe('/');
  });
});

describe('escaping', () => {
  it('renders a post whose text is an XSS payload as inert text', async () => {
    const page = await admin.get(`/posts/${seeded.postIds.xss}`, { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('&lt;script&gt;window.__pwned = 1&lt;/script&gt;');
    expect(page.text).not.toContain('<script>window');
    expect(page.text).not.toMatch(/<img src=x/);
    expect(page.text).not.toMatch(/href="javascript:/i);
    expect(page.text).toContain('<dd>javascript:alert(4)</dd>');
  });

  it('escapes the payload in search results too, highlights included', async () => {
    const page = await admin.get('/posts?q=klicka', { accept: 'text/html' });
    expect(page.text).toContain(`href="/posts/${seeded.postIds.xss}"`);
    expect(page.text).not.toContain('<script>window');
    expect(page.text).toContain('<mark>klicka</mark>');
    expect(page.text).not.toMatch(/<(svg|img)[\s>]|<a href="javascript/i);
  });
});

describe('health and metrics', () => {
  it('needs the bearer token for metrics when one is configured', async () => {
    expect((await new Client(web.url).get('/metrics')).status).toBe(401);
    const reply = await new Client(web.url).get('/metrics', { authorization: 'Bearer metrics-token-0123456789' });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(reply.text).toMatch(new RegExp(`^vaksam_source_posts_total\\{source_id="${seeded.sourceId}",source="Testflöde",kind="feed"\\} \\d+$`, 'm'));
    expect(reply.text).toMatch(/^vaksam_classify_backlog_posts 0$/m);
    expect(reply.text).toMatch(/^vaksam_queue_jobs\{queue="collect",state="waiting"\} 0$/m);
    expect(reply.text).toContain('# TYPE vaksam_emails gauge');
  });

  const redisServer = spawnSync('redis-server', ['--version']).status === 0;
  it.skipIf(!redisServer)('is not ready when Redis may evict keys (maxmemory-policy other than noeviction)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaksam-redis-'));
    const socket = join(dir, 'redis.sock');
    const child: ChildProcess = spawn('redis-server', ['--port', '0', '--unixsocket', socket, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    while (!/ready to accept connections/i.test(output)) await once(child.stdout!, 'data');
    const redis = new Redis({ path: socket, maxRetriesPerRequest: null });
    const server = await startHttpServer({ ...web.app, redis });
    try {
      const reply = await new Client(server.url).get('/readyz');
      expect(reply.status).toBe(503);
      expect(reply.json().checks.redisEvictionPolicy).toEqual({ ok: false, detail: 'maxmemory-policy is allkeys-lru; it must be noeviction or queued jobs can be lost' });
      expect(reply.json().checks.postgres.ok).toBe(true);
    } finally {
      await server.close();
      redis.disconnect();
      child.kill();
      await once(child, 'exit');
    }
  });

  it('is not ready without Redis', async () => {
    const server = await startHttpServer({ ...web.app, redis: null });
    try {
      const reply = await new Client(server.url).get('/readyz');
      expect(reply.status).toBe(503);
      expect(reply.json().checks.redis.ok).toBe(false);
    } finally {
      await server.close();
    }
  });
});
