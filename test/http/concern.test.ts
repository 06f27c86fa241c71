import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyPosts } from '../../src/classify-store/index.js';
import { insertSource, upsertPosts } from '../../src/db/queries/index.js';
import { formatIsoWeek, isoWeekAt } from '../../src/digest/index.js';
import { contentHash } from '../../src/pipeline/index.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';
import { classifyCaches, seedContent } from './seed.js';

const COMPLAINT = 'Jag överklagade beslutet om min son och fick rätt i förvaltningsrätten, men handläggaren lyssnade aldrig på oss och vi väntade i månader.';

let web: TestWeb;
let admin: Client;
let postId: number;
const now = new Date();

beforeAll(async () => {
  web = await startTestWeb();
  const db = web.app.database.db;
  await seedContent(db, now);
  const source = await insertSource(db, { kind: 'feed', name: 'Forum', url: 'https://forum.example.se/feed.xml', config: {}, everyMinutes: 15, identityKey: 'feed https://forum.example.se/feed.xml {}' });
  const row = { externalId: 'complaint', url: 'https://forum.example.se/t/1', authorHandle: 'parent', title: null, text: COMPLAINT, language: 'sv', publishedAt: now, metadata: {} };
  const { inserted } = await upsertPosts(db, { sourceId: source!.id, platform: 'rss', fetchRunId: null, now }, [{ ...row, contentHash: contentHash(row) }]);
  postId = inserted[0]!;
  // Classified by the real pipeline, so the page shows what the classifier stored.
  await classifyPosts(db, classifyCaches(db), [postId], now);
  await web.addUser('anna', 'admin');
  admin = new Client(web.url);
  await admin.signIn('anna');
});
afterAll(() => web.close());

// Issue 20 item 5: a complaint is shown as a concern, in the reader's language, and listed apart in the digest.
describe('posts of concern in the web UI', () => {
  it('labels the stance "oro/kritik" on the post page in Swedish', async () => {
    const page = await admin.get(`/posts/${postId}`, { accept: 'text/html', 'accept-language': 'sv' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('oro/kritik');
    expect(page.text).not.toMatch(/>[^<]*\bconcern\b/);
  });

  it('labels it "concern/criticism" in English and in the search list', async () => {
    const detail = await admin.get(`/posts/${postId}`, { accept: 'text/html', 'accept-language': 'en' });
    expect(detail.text).toContain('concern/criticism');
    const list = await admin.get('/posts?q=handläggaren', { accept: 'text/html', 'accept-language': 'en' });
    expect(list.text).toContain('concern/criticism');
  });

  it('lists it under "Oro och kritik" on the week\'s digest page', async () => {
    const page = await admin.get(`/digest/${formatIsoWeek(isoWeekAt(now, 'Europe/Stockholm'))}`, { accept: 'text/html', 'accept-language': 'sv' });
    expect(page.status).toBe(200);
    const section = page.text.indexOf('Oro och kritik');
    expect(section).toBeGreaterThan(0);
    expect(page.text.indexOf('handläggaren lyssnade aldrig')).toBeGreaterThan(section);
  });
});
