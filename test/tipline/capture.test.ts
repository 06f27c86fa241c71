import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/config/index.js';
import { createFetcher } from '../../src/fetch/index.js';
import { captureReportedUrl, captureTarget, parseCapture } from '../../src/tipline/index.js';
import { startServer, type TestServer } from '../helpers/http-server.js';

const fixture = (...parts: string[]) => readFileSync(join(packageRoot(), 'test', 'fixtures', ...parts), 'utf8');
const LIMITS = { maxBodyBytes: 100_000, timeoutMs: 10_000 };
const now = () => new Date('2026-12-03T10:00:00Z');
const ARTICLE = `<!doctype html><html lang="sv"><head><title>Inlägg</title><meta property="og:title" content="Ett inlägg"></head>
<body><article><h1>Ett inlägg</h1><p>Socialtjänsten tar våra barn. Vi vet var handläggaren bor.</p><p>Vi ses utanför kontoret.</p></article></body></html>`;
const LOGIN_WALL = `<!doctype html><html><head><meta property="og:description" content="Vi bränner ner soc i natt"></head><body><div id="root"></div></body></html>`;

let server: TestServer;
const fetcher = createFetcher({ userAgent: 'Vaksam/test (+https://example.org/vaksam)', allowPrivateNetworks: ['127.0.0.1/32'], perHostMinIntervalMs: 0, perHostConcurrency: 8 });

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'set-cookie': 'session=secret' });
      res.end(body);
    };
    if (path === '/robots.txt') return send(200, 'text/plain', 'User-agent: *\nDisallow: /private/\n');
    if (path === '/post/1') return send(200, 'text/html; charset=utf-8', ARTICLE);
    if (path === '/app/2') return send(200, 'text/html; charset=utf-8', LOGIN_WALL);
    if (path === '/members/3') return send(403, 'text/html', 'log in');
    return send(404, 'text/plain', 'no');
  });
});

afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('captureTarget', () => {
  it.each([
    ['https://t.me/kanal_namn/123', { parser: 'telegram', fetchUrl: 'https://t.me/s/kanal_namn/123', postKey: 'kanal_namn/123' }],
    ['https://t.me/s/kanal_namn/123?single', { parser: 'telegram', fetchUrl: 'https://t.me/s/kanal_namn/123' }],
    ['https://old.reddit.com/r/sweden/comments/abc123/soc_tar_barn/', { parser: 'reddit', fetchUrl: 'https://www.reddit.com/comments/abc123.json?limit=1', ignoreRobots: true }],
    ['https://social.example/@anna/113500000000000003', { parser: 'mastodon', fetchUrl: 'https://social.example/api/v1/statuses/113500000000000003' }],
    ['https://www.tiktok.com/@konto/video/7300000000000000000', { parser: 'web', ignoreRobots: false }],
  ])('sends %s to the matching collector', (url, expected) => {
    expect(captureTarget(url)).toMatchObject(expected);
  });
});

describe('parseCapture', () => {
  it('picks the reported message from a Telegram channel page', async () => {
    const target = captureTarget('https://t.me/topwar_official/70990');
    const post = await parseCapture(target, fixture('telegram', 'full.html'), target.fetchUrl);
    expect(post).toMatchObject({ parser: 'telegram', author: 'topwar_official' });
    expect(post.text.length).toBeGreaterThan(0);
  });

  it('reads a Mastodon status from the instance API', async () => {
    const status = (JSON.parse(fixture('mastodon', 'statuses-sv-ar.json')) as unknown[])[0];
    const target = captureTarget('https://social.example/@anna/113500000000000003');
    const post = await parseCapture(target, JSON.stringify(status), target.fetchUrl);
    expect(post).toMatchObject({ parser: 'mastodon', author: 'anna@social.example' });
    expect(post.text).toContain('Socialtjänsten');
  });

  it('falls back to the page description when a page has no article text', async () => {
    const post = await parseCapture(captureTarget('https://example.se/app/2'), LOGIN_WALL, 'https://example.se/app/2');
    expect(post).toMatchObject({ parser: 'web', text: 'Vi bränner ner soc i natt' });
  });
});

describe('captureReportedUrl', () => {
  it('archives a page with its headers (without cookies), SHA-256 and time, and reads the post with the web collector', async () => {
    const outcome = await captureReportedUrl(fetcher, `${server.url}/post/1`, LIMITS, now);
    expect(outcome.summary).toMatchObject({ status: 'captured', parser: 'web', title: 'Ett inlägg' });
    expect(outcome.summary.text).toContain('Vi vet var handläggaren bor.');
    expect(outcome.archive).toMatchObject({ httpStatus: 200, finalUrl: `${server.url}/post/1`, html: ARTICLE, fetchedAt: now() });
    expect(outcome.archive!.bodySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(outcome.archive!.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(outcome.archive!.headers['set-cookie']).toBeUndefined();
  });

  it('stores nothing fetched when robots.txt forbids the page, and says so', async () => {
    const outcome = await captureReportedUrl(fetcher, `${server.url}/private/5`, LIMITS, now);
    expect(outcome).toMatchObject({ archive: null, summary: { status: 'refused', reason: expect.stringContaining('FETCH_ROBOTS_DISALLOWED') } });
  });

  it('treats a login wall (403) as the site refusing, not as a failure', async () => {
    const outcome = await captureReportedUrl(fetcher, `${server.url}/members/3`, LIMITS, now);
    expect(outcome.summary.status).toBe('refused');
  });

  it('refuses a link to a private address through the SSRF guard', async () => {
    const guarded = createFetcher({ userAgent: 'Vaksam/test (+https://example.org/vaksam)' });
    const outcome = await captureReportedUrl(guarded, `${server.url}/post/1`, LIMITS, now);
    await guarded.close();
    expect(outcome.summary).toMatchObject({ status: 'refused', reason: expect.stringContaining('FETCH_BLOCKED') });
  });
});
