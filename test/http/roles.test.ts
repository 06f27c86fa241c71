import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserRole } from '../../src/users/index.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';
import { seedContent, type Seeded } from './seed.js';

let web: TestWeb;
let seeded: Seeded;
const clients = new Map<UserRole, Client>();
const ROLES: UserRole[] = ['admin', 'security', 'communications', 'viewer'];

beforeAll(async () => {
  web = await startTestWeb();
  seeded = await seedContent(web.app.database.db, new Date());
  for (const role of ROLES) {
    await web.addUser(`${role}-user`, role);
    const client = new Client(web.url, `10.1.0.${ROLES.indexOf(role) + 1}`);
    expect((await client.signIn(`${role}-user`)).status).toBe(200);
    clients.set(role, client);
  }
});
afterAll(() => web.close());

const ok = (status: number) => status >= 200 && status < 400;

// [method, path, body?], then whether admin, security, communications and viewer may.
const MATRIX: Array<[string, string, unknown, [boolean, boolean, boolean, boolean]]> = [
  ['GET', '/', undefined, [true, true, true, true]],
  ['GET', '/narratives', undefined, [true, true, true, true]],
  ['GET', '/narratives/child-kidnapping', undefined, [true, true, true, true]],
  ['GET', '/posts?q=barn', undefined, [true, true, true, true]],
  ['GET', '/sources', undefined, [true, true, true, true]],
  ['GET', '/threats', undefined, [true, true, false, false]],
  ['GET', '/api/v1/threats', undefined, [true, true, false, false]],
  ['GET', '/watchlist', undefined, [true, true, false, false]],
  ['POST', '/api/v1/threats/1/review', { note: 'seen' }, [true, true, false, false]],
  ['GET', '/alerts', undefined, [true, true, true, false]],
  ['GET', '/api/v1/alerts', undefined, [true, true, true, false]],
  ['GET', '/recipients', undefined, [true, false, false, false]],
  ['GET', '/queues', undefined, [true, false, false, false]],
  ['GET', '/users', undefined, [true, false, false, false]],
  ['GET', '/api/v1/users', undefined, [true, false, false, false]],
  ['GET', '/audit', undefined, [true, false, false, false]],
  ['GET', '/privacy', undefined, [true, false, false, false]],
  ['GET', '/privacy/export?author=lena_b', undefined, [true, false, false, false]],
  ['GET', '/threats/1/record.json', undefined, [true, true, false, false]],
  ['PUT', '/api/v1/narratives/child-kidnapping', { narrative: {}, reason: 'x' }, [true, false, false, false]],
  ['POST', '/api/v1/narratives/child-kidnapping/restore', { version: 1, reason: 'x' }, [true, false, false, false]],
  ['POST', '/api/v1/narratives/child-kidnapping/backtest', { narrative: {} }, [true, false, false, false]],
  ['POST', '/api/v1/alerts/1/resend', {}, [true, false, false, false]],
];

describe('role checks', () => {
  it.each(MATRIX)('%s %s', async (method, path, body, allowed) => {
    for (const [i, role] of ROLES.entries()) {
      const client = clients.get(role)!;
      const reply = await client.request(method, path, body === undefined ? {} : { json: body });
      if (allowed[i]) {
        expect(reply.status, `${role} ${method} ${path}`).not.toBe(403);
        expect(reply.status, `${role} ${method} ${path}`).toBeLessThan(500);
      }
      else expect(reply.status, `${role} ${method} ${path}`).toBe(403);
    }
  });

  it('refuses source tests and pauses to every role but admin', async () => {
    for (const role of ['security', 'communications', 'viewer'] as const) {
      const client = clients.get(role)!;
      expect((await client.request('POST', `/api/v1/sources/${seeded.sourceId}/test`)).status).toBe(403);
      expect((await client.request('POST', `/sources/${seeded.sourceId}/pause`)).status).toBe(403);
    }
  });

  it('shows threat posts only to security and admin', async () => {
    const path = `/posts/${seeded.postIds.threat}`;
    for (const role of ['admin', 'security'] as const) expect((await clients.get(role)!.get(path)).status).toBe(200);
    for (const role of ['communications', 'viewer'] as const) expect((await clients.get(role)!.get(path)).status).toBe(404);
    const search = (await clients.get('viewer')!.get('/api/v1/posts?q=Storgatan')).json();
    expect(search.posts).toHaveLength(0);
    const forSecurity = (await clients.get('security')!.get('/api/v1/posts?q=Storgatan')).json();
    expect(forSecurity.posts.map((p: { id: number }) => p.id)).toEqual([seeded.postIds.threat]);
    expect(forSecurity.posts[0].threatLevel).toBe('high');
  });

  it('lists the navigation a role may use and nothing more', async () => {
    const viewer = (await clients.get('viewer')!.get('/', { accept: 'text/html' })).text;
    expect(viewer).not.toMatch(/href="\/(users|audit|queues|recipients|alerts)"/);
    const admin = (await clients.get('admin')!.get('/', { accept: 'text/html' })).text;
    for (const path of ['/users', '/audit', '/queues', '/recipients', '/alerts']) expect(admin).toContain(`href="${path}"`);
  });
});
