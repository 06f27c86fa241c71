import { desc } from 'drizzle-orm';
import { scheduleDeps } from '../../src/app/index.js';
import { reconcileAllSchedules } from '../../src/pipeline/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { startHttpServer } from '../../src/http/index.js';
import { Client, PASSWORD, startTestWeb, type TestWeb } from './harness.js';

let web: TestWeb;

beforeAll(async () => {
  web = await startTestWeb({ login: { windowMinutes: 15, maxFailuresPerAccount: 3, maxFailuresPerIp: 5 } });
  await web.addUser('anna', 'admin');
  await web.addUser('bo', 'viewer');
  await web.addUser('cilla', 'viewer');
});
afterAll(() => web.close());

async function lastAudit(n = 1) {
  return web.app.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(n);
}

describe('sign-in', () => {
  it('sends anonymous page views to the sign-in page and API calls a 401', async () => {
    const client = new Client(web.url);
    const page = await client.get('/account', { accept: 'text/html' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/login?next=%2Faccount');
    expect((await client.get('/api/v1/session')).status).toBe(401);
  });

  it('signs in through the form with its pre-session token, setting a HttpOnly Secure SameSite=Lax cookie', async () => {
    const client = new Client(web.url, '10.0.0.1');
    const form = await client.get('/login?next=/narratives', { accept: 'text/html' });
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    expect(token).toBeTruthy();
    const reply = await client.request('POST', '/login', { form: { username: 'Anna', password: PASSWORD, _csrf: token!, next: '/narratives' } });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/narratives');
    const cookie = reply.headers.getSetCookie().find((c) => c.startsWith('__Host-vaksam-session='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    const session = await client.get('/api/v1/session');
    expect(session.json().user).toMatchObject({ username: 'anna', role: 'admin' });
    expect((await lastAudit())[0]).toMatchObject({ actor: 'anna', action: 'auth.login', subject: 'user:anna' });
  });

  it('refuses a sign-in form posted without its pre-session token (login CSRF)', async () => {
    const client = new Client(web.url, '10.0.0.2');
    const reply = await client.request('POST', '/login', { form: { username: 'anna', password: PASSWORD } });
    expect(reply.status).toBe(403);
    expect(reply.json().error.code).toBe('CSRF_TOKEN');
  });

  it('answers a wrong password and an unknown user alike, and audits both', async () => {
    const client = new Client(web.url, '10.0.0.3');
    const wrong = await client.signIn('cilla', 'not the password at all');
    const unknown = await client.signIn('nobody', 'not the password at all');
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    const [second, first] = await lastAudit(2);
    expect(first).toMatchObject({ action: 'auth.login.failed', subject: 'user:cilla', details: { reason: 'bad-password', ip: '10.0.0.3' } });
    expect(second).toMatchObject({ action: 'auth.login.failed', subject: 'user:nobody', details: { reason: 'unknown-user' } });
  });

  it('locks an account after too many failures, even for the right password, and says when to retry', async () => {
    const client = new Client(web.url, '10.0.0.4');
    for (let i = 0; i < 3; i++) expect((await client.signIn('bo', `wrong password ${i}`)).status).toBe(401);
    const locked = await new Client(web.url, '10.0.0.5').signIn('bo');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await lastAudit())[0]).toMatchObject({ action: 'auth.login.limited', subject: 'user:bo' });
  });

  it('limits failures per address across accounts', async () => {
    const client = new Client(web.url, '10.0.0.6');
    for (let i = 0; i < 5; i++) await client.signIn(`guess${i}`, 'wrong password here');
    expect((await client.signIn('anna')).status).toBe(429);
    expect((await new Client(web.url, '10.0.0.7').signIn('anna')).status).toBe(200);
  });

  it('keeps the limits in the database, so a restarted server still enforces them', async () => {
    const restarted = await startHttpServer(web.app);
    try {
      expect((await new Client(restarted.url, '10.0.0.8').signIn('bo')).status).toBe(429);
    } finally {
      await restarted.close();
    }
  });
});

describe('sessions and CSRF', () => {
  it('signs out with the CSRF token, after which the cookie is worthless', async () => {
    const client = new Client(web.url, '10.0.1.1');
    await client.signIn('anna');
    const stolen = new Map(client.cookies);
    expect((await client.request('POST', '/api/v1/auth/logout')).status).toBe(204);
    const replay = new Client(web.url, '10.0.1.1');
    for (const [k, v] of stolen) replay.cookies.set(k, v);
    expect((await replay.get('/api/v1/session')).status).toBe(401);
    expect((await lastAudit())[0]).toMatchObject({ action: 'auth.logout', actor: 'anna' });
  });

  it.each([
    ['no token', { csrf: false }],
    ['a wrong token', { headers: { 'x-csrf-token': 'x'.repeat(43) }, csrf: false }],
  ])('refuses a state change with %s', async (_name, options) => {
    const client = new Client(web.url, '10.0.1.2');
    await client.signIn('anna');
    const reply = await client.request('POST', '/api/v1/auth/logout', options);
    expect(reply.status).toBe(403);
    expect(reply.json().error.code).toBe('CSRF_TOKEN');
    expect((await client.get('/api/v1/session')).status).toBe(200);
  });

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['no Origin and no Referer', { origin: null }],
    ['a foreign Referer', { origin: null, headers: { referer: 'https://evil.example/page' } }],
  ])('refuses a write with %s, even with the right token', async (_name, options) => {
    const client = new Client(web.url, '10.0.1.3');
    await client.signIn('anna');
    const reply = await client.request('POST', '/api/v1/auth/logout', options);
    expect(reply.status).toBe(403);
    expect(reply.json().error.code).toBe('CSRF_ORIGIN');
  });

  it('accepts a same-site Referer when the Origin header is missing', async () => {
    const client = new Client(web.url, '10.0.1.4');
    await client.signIn('anna');
    const reply = await client.request('POST', '/api/v1/auth/logout', { origin: null, headers: { referer: `${web.url}/narratives` } });
    expect(reply.status).toBe(204);
  });

  it('refuses a JSON sign-in from another origin', async () => {
    const reply = await new Client(web.url, '10.0.1.5').request('POST', '/api/v1/auth/login', { json: { username: 'anna', password: PASSWORD }, origin: 'https://evil.example' });
    expect(reply.status).toBe(403);
  });
});

describe('headers and documents', () => {
  it('sends a strict CSP with no inline script and anti-framing headers on every answer', async () => {
    for (const path of ['/login', '/api/v1/session', '/does-not-exist']) {
      const reply = await new Client(web.url).get(path, { accept: 'text/html' });
      const csp = reply.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
      expect(reply.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('serves the sign-in page without any inline script', async () => {
    const page = await new Client(web.url).get('/login', { accept: 'text/html' });
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(page.text).not.toMatch(/\son[a-z]+=/i);
  });

  it('publishes an OpenAPI document of the /api/v1 routes only', async () => {
    const doc = (await new Client(web.url).get('/api/v1/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/v1/auth/login');
    expect(Object.keys(doc.paths).every((p: string) => p.startsWith('/api/v1/'))).toBe(true);
  });

  it('reports alive and ready when Postgres, migrations, Redis and the job schedulers are fine', async () => {
    expect((await new Client(web.url).get('/healthz')).status).toBe(200);
    await reconcileAllSchedules(scheduleDeps(web.app)!);
    const ready = await new Client(web.url).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json().checks.redisEvictionPolicy).toEqual({ ok: true, detail: 'noeviction' });
  });
});
