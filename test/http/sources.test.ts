import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertSource } from '../../src/db/queries/index.js';
import { auditLog, posts, sources } from '../../src/db/schema/index.js';
import { rssFeed, startServer, type TestServer } from '../helpers/http-server.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';

let web: TestWeb;
let feeds: TestServer;
let admin: Client;
let feedId: number;
let goneId: number;

beforeAll(async () => {
  feeds = await startServer((req, res) => {
    if (req.url === '/feed.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(rssFeed([{ id: 'a', title: 'Första <b>nyheten</b>', text: 'Text ett' }, { id: 'b', title: 'Andra nyheten', text: 'Text två' }]));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  web = await startTestWeb({}, { fetch: { allowPrivateNetworks: ['127.0.0.1/32'] } });
  const add = async (name: string, path: string) =>
    (await insertSource(web.app.database.db, { kind: 'feed', name, url: `${feeds.url}${path}`, config: {}, everyMinutes: 15, identityKey: `feed ${path}` }))!.id;
  feedId = await add('Lokalt flöde', '/feed.xml');
  goneId = await add('Borttaget flöde', '/gone.xml');
  await web.addUser('anna', 'admin');
  admin = new Client(web.url);
  await admin.signIn('anna');
});
afterAll(async () => {
  await web.close();
  await feeds.close();
});

describe('sources', () => {
  it('tests a source now without storing anything, and shows what came back', async () => {
    const page = await admin.request('POST', `/sources/${feedId}/test`, { form: { _csrf: admin.csrfToken }, headers: { accept: 'text/html', 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('2 items found, 0 quarantined, HTTP 200');
    expect(page.text).toMatch(/Första (&lt;b&gt;)?nyheten/);
    expect(await web.app.database.db.select().from(posts)).toHaveLength(0);
    const [entry] = await web.app.database.db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ actor: 'anna', action: 'source.test', subject: `source:${feedId}` });
  });

  it('reports a failing source as the test result, with its error code', async () => {
    const reply = await admin.request('POST', `/api/v1/sources/${goneId}/test`);
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ ok: false, code: expect.stringMatching(/^FETCH_/) });
  });

  it('pauses and resumes a source', async () => {
    const paused = await admin.request('POST', `/sources/${feedId}/pause`, { form: { _csrf: admin.csrfToken } });
    expect(paused.headers.get('location')).toBe(`/sources?notice=paused#source-${feedId}`);
    const [row] = await web.app.database.db.select().from(sources).where(eq(sources.id, feedId));
    expect(row!.enabled).toBe(false);
    await admin.request('POST', `/sources/${feedId}/resume`, { form: { _csrf: admin.csrfToken } });
    const [again] = await web.app.database.db.select().from(sources).where(eq(sources.id, feedId));
    expect(again!.enabled).toBe(true);
  });
});
