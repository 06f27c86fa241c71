import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, posts, threatCasePosts, threatCases, threatMissedPosts } from '../../src/db/schema/index.js';
import { assessThreats, writeThreatResults } from '../../src/threat-cases/index.js';
import { loadThreatModelFile } from '../../src/threat-model/index.js';
import { shippedDetector } from '../threats/rules.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';
import { seedContent, type Seeded } from './seed.js';

let web: TestWeb;
let seeded: Seeded;
let security: Client;
let comms: Client;
let suggestedCase: number;

/** Files the seeded neutral post as the classify worker would with a model that scores everything 1. */
async function fileSuggested(postId: number): Promise<number> {
  const db = web.app.database.db;
  const model = await loadThreatModelFile('config/threat-model.json');
  const detector = await shippedDetector();
  const rows = await db
    .select({ id: posts.id, title: posts.title, text: posts.text, language: posts.language, platform: posts.platform, author: posts.authorHandle, url: posts.url, contentHash: posts.contentHash })
    .from(posts)
    .where(inArray(posts.id, [postId]));
  const assessed = assessThreats(detector, detector.version, rows, { model: { ...model, bias: 50 }, threshold: model.threshold });
  await db.transaction((tx) => writeThreatResults(tx, assessed, new Date()));
  const [filed] = await db.select().from(threatCasePosts).where(eq(threatCasePosts.postId, postId));
  return filed!.caseId;
}

beforeAll(async () => {
  web = await startTestWeb();
  seeded = await seedContent(web.app.database.db, new Date());
  await web.addUser('sara', 'security');
  await web.addUser('klas', 'communications');
  security = new Client(web.url);
  await security.signIn('sara');
  comms = new Client(web.url);
  await comms.signIn('klas');
  suggestedCase = await fileSuggested(seeded.postIds.neutral);
});
afterAll(() => web.close());

describe('suggested by the model vs matched rule', () => {
  it('shows reviewers that the model, not a rule, put the case in the queue, with its score', async () => {
    const queue = await security.get('/threats?status=new', { accept: 'text/html', 'accept-language': 'sv' });
    expect(queue.text).toContain('Föreslagen av modellen (poäng 1,00)');
    const page = await security.get(`/threats/${suggestedCase}`, { accept: 'text/html', 'accept-language': 'en' });
    expect(page.text).toContain('Suggested by the model (score 1.00)');
    expect(page.text).toContain(`action="/posts/${seeded.postIds.neutral}/missed"`);
  });
});

describe('marking a missed threat', () => {
  it('marks a post from the search page form, with CSRF, audited, and lists it on the stats page', async () => {
    const search = await security.get('/posts?q=Storgatan', { accept: 'text/html' });
    expect(search.text).toContain(`action="/posts/${seeded.postIds.threat}/missed"`);
    const reply = await security.request('POST', `/posts/${seeded.postIds.kidnap}/missed`, { form: { _csrf: security.csrfToken, level: 'critical', note: 'hot mot handläggare' } });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/threats/stats?notice=missed#missed');
    const [row] = await web.app.database.db.select().from(threatMissedPosts).where(eq(threatMissedPosts.postId, seeded.postIds.kidnap));
    expect(row).toMatchObject({ level: 'critical', markedBy: 'sara', note: 'hot mot handläggare' });
    const audit = await web.app.database.db.select().from(auditLog).where(eq(auditLog.subject, `post:${seeded.postIds.kidnap}`));
    expect(audit.map((a) => a.action)).toContain('threat-missed.mark');
    const stats = await security.get('/threats/stats', { accept: 'text/html', 'accept-language': 'sv' });
    expect(stats.text).toContain('Missade hot (1)');
    expect(stats.text).toContain('Socialtjänsten kidnappar');
  });

  it('refuses a write without the CSRF token and leaves nothing behind', async () => {
    const reply = await security.request('POST', `/posts/${seeded.postIds.xss}/missed`, { form: { level: 'high' }, csrf: false });
    expect(reply.status).toBe(403);
    expect(await web.app.database.db.select().from(threatMissedPosts).where(eq(threatMissedPosts.postId, seeded.postIds.xss))).toEqual([]);
  });

  it('refuses communicators: no form on their search page, 403 on the route and the export', async () => {
    const search = await comms.get('/posts?q=Storgatan', { accept: 'text/html' });
    expect(search.text).not.toContain('/missed"');
    expect((await comms.request('POST', `/api/v1/posts/${seeded.postIds.xss}/missed`, { json: { level: 'high' } })).status).toBe(403);
    expect((await comms.get('/threats/missed.jsonl')).status).toBe(403);
    expect((await comms.get('/api/v1/threats/stats')).status).toBe(403);
  });

  it('refuses a level below medium and an unknown post', async () => {
    expect((await security.request('POST', `/api/v1/posts/${seeded.postIds.xss}/missed`, { json: { level: 'low' } })).status).toBe(400);
    expect((await security.request('POST', '/api/v1/posts/987654321/missed', { json: { level: 'high' } })).status).toBe(404);
  });

  it('exports the missed posts as JSON lines for security roles, audited', async () => {
    await security.request('POST', `/api/v1/posts/${seeded.postIds.threat}/missed`, { json: { level: 'high' } });
    const reply = await security.get('/threats/missed.jsonl');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-disposition')).toContain('vaksam-missed-threats.jsonl');
    const lines = reply.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.threat).sort()).toEqual(['critical', 'threat']);
    expect(lines.every((l) => l.family === 'reviewer-missed' && typeof l.text === 'string')).toBe(true);
    const audit = await web.app.database.db.select().from(auditLog).where(eq(auditLog.action, 'threat-missed.export'));
    expect(audit[0]).toMatchObject({ actor: 'sara', details: { posts: 2 } });
  });
});

describe('verdicts and precision in the UI', () => {
  it('records a wrong level from the case page form and shows precision per rule and per score band', async () => {
    const reply = await security.request('POST', `/threats/${seeded.caseIds.high}/review`, { form: { _csrf: security.csrfToken, verdict: 'wrong-level', verdictLevel: 'critical' } });
    expect(reply.status).toBe(303);
    const [row] = await web.app.database.db.select().from(threatCases).where(eq(threatCases.id, seeded.caseIds.high));
    expect(row).toMatchObject({ verdict: 'wrong-level', verdictLevel: 'critical' });
    await security.request('POST', `/threats/${suggestedCase}/review`, { form: { _csrf: security.csrfToken, status: 'dismissed' } });
    const stats = (await security.get('/api/v1/threats/stats')).json();
    expect(stats.bands).toEqual([expect.objectContaining({ band: '0.9-1.0', origin: 'model', dismissed: 1, precision: 0 })]);
    expect(stats.missed).toBe(2);
    const page = await security.get('/threats/stats', { accept: 'text/html', 'accept-language': 'en' });
    expect(page.text).toContain('Precision per model score band');
    expect(page.text).toContain('the model');
  });
});
