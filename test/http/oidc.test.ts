import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema/index.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';
import { startFakeProvider, type FakeProvider } from './oidc-provider.js';

let provider: FakeProvider;
let web: TestWeb;

beforeAll(async () => {
  provider = await startFakeProvider('vaksam-test', 'client-secret-1');
  web = await startTestWeb({
    oidcClientSecret: 'client-secret-1',
    oidc: {
      enabled: true,
      issuer: provider.issuer,
      clientId: 'vaksam-test',
      roleClaim: 'roles',
      roleMap: { admin: ['Vaksam.Admin'], security: ['Vaksam.Security'], communications: ['Vaksam.Comms'], viewer: [] },
    },
  });
});
afterAll(async () => {
  await web.close();
  await provider.close();
});

/** Follows the redirects of a sign-in: Vaksam → provider → Vaksam callback. Returns the callback's answer and URL. */
async function signInThroughProvider(client: Client, next = '/narratives') {
  const start = await client.get(`/auth/oidc/start?next=${encodeURIComponent(next)}`);
  expect(start.status).toBe(303);
  const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
  const callbackUrl = new URL(authorize.headers.get('location')!);
  expect(callbackUrl.origin).toBe(web.url);
  return { reply: await client.get(callbackUrl.pathname + callbackUrl.search), callbackUrl };
}

async function lastAudit() {
  return (await web.app.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;
}

describe('OIDC sign-in', () => {
  it('offers the provider on the sign-in page', async () => {
    const page = await new Client(web.url).get('/login', { accept: 'text/html' });
    expect(page.text).toContain('href="/auth/oidc/start?next=%2F"');
  });

  it('signs in with PKCE, state and nonce, creating the account with the mapped role', async () => {
    provider.claims = { sub: 'entra-1', preferred_username: 'Sara.Lind@kommun.se', name: 'Sara Lind', roles: ['Vaksam.Comms', 'Vaksam.Security'] };
    const client = new Client(web.url, '10.3.0.1');
    const { reply } = await signInThroughProvider(client);
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/narratives');
    const session = (await client.get('/api/v1/session')).json();
    expect(session.user).toMatchObject({ username: 'sara.lind@kommun.se', displayName: 'Sara Lind', role: 'security' });
    expect(await lastAudit()).toMatchObject({ action: 'auth.login', actor: 'sara.lind@kommun.se', details: { method: 'oidc' } });
  });

  it('refuses a user whose claims map to no role', async () => {
    provider.claims = { sub: 'entra-2', preferred_username: 'outsider@kommun.se', roles: ['Other.App'] };
    const client = new Client(web.url, '10.3.0.2');
    const { reply } = await signInThroughProvider(client);
    expect(reply.headers.get('location')).toBe('/login?notice=oidc-failed');
    expect((await client.get('/api/v1/session')).status).toBe(401);
    expect(await lastAudit()).toMatchObject({ action: 'auth.login.failed', details: { reason: 'no-role', method: 'oidc' } });
  });

  it('refuses a replayed callback: each flow is used once', async () => {
    provider.claims = { sub: 'entra-1', preferred_username: 'sara.lind@kommun.se', roles: ['Vaksam.Security'] };
    const client = new Client(web.url, '10.3.0.3');
    const { callbackUrl } = await signInThroughProvider(client);
    const thief = new Client(web.url, '10.3.0.4');
    const replay = await thief.get(callbackUrl.pathname + callbackUrl.search);
    expect(replay.headers.get('location')).toBe('/login?notice=oidc-failed');
    expect((await thief.get('/api/v1/session')).status).toBe(401);
  });

  it('refuses a callback whose state was changed', async () => {
    const client = new Client(web.url, '10.3.0.5');
    const start = await client.get('/auth/oidc/start');
    const authorize = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const callbackUrl = new URL(authorize.headers.get('location')!);
    callbackUrl.searchParams.set('state', 'forged');
    const reply = await client.get(callbackUrl.pathname + callbackUrl.search);
    expect(reply.headers.get('location')).toBe('/login?notice=oidc-failed');
    expect(await lastAudit()).toMatchObject({ details: { reason: 'provider-response-invalid' } });
  });

  it('refuses an ID token carrying another nonce', async () => {
    provider.nonceOverride = 'not-the-nonce';
    try {
      const { reply } = await signInThroughProvider(new Client(web.url, '10.3.0.6'));
      expect(reply.headers.get('location')).toBe('/login?notice=oidc-failed');
    } finally {
      provider.nonceOverride = null;
    }
  });
});
