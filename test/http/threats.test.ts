import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, threatCases } from '../../src/db/schema/index.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';
import { seedContent, type Seeded } from './seed.js';

let web: TestWeb;
let seeded: Seeded;
let security: Client;

beforeAll(async () => {
  web = await startTestWeb();
  seeded = await seedContent(web.app.database.db, new Date());
  await web.addUser('sara', 'security');
  await web.addUser('klas', 'communications');
  security = new Client(web.url);
  await security.signIn('sara');
});
afterAll(() => web.close());

async function statusOf(id: number) {
  const [row] = await web.app.database.db.select().from(threatCases).where(eq(threatCases.id, id));
  return row!.status;
}

describe('threat review queue', () => {
  it('lists new cases most severe first, escaping their text', async () => {
    const page = await security.get('/threats', { accept: 'text/html' });
    expect(page.status).toBe(200);
    const high = page.text.indexOf(`id="case-${seeded.caseIds.high}"`);
    const medium = page.text.indexOf(`id="case-${seeded.caseIds.medium}"`);
    expect(high).toBeGreaterThan(0);
    expect(medium).toBeGreaterThan(high);
    expect(page.text).toContain('&lt;b&gt;nu&lt;/b&gt;');
  });

  it('filters by level', async () => {
    const cases = (await security.get('/api/v1/threats?status=new&level=medium')).json();
    expect(cases.map((c: { id: number }) => c.id)).toEqual([seeded.caseIds.medium]);
  });

  it('shows the case with its signals marked and the history', async () => {
    const page = await security.get(`/threats/${seeded.caseIds.high}`, { accept: 'text/html' });
    // The kind is named in the reader's language, and the decisive words are listed once.
    expect(page.text).toContain('<mark class="signal" title="adress">Storgatan 1</mark>');
    expect(page.text).toContain('<li><mark class="signal" dir="auto">Storgatan 1</mark> <span class="muted">adress</span></li>');
  });

  it('acknowledges from the queue and returns there, recording who did it', async () => {
    const reply = await security.request('POST', `/threats/${seeded.caseIds.medium}/review`, { form: { _csrf: security.csrfToken, status: 'acknowledged', back: '/threats?status=new' } });
    expect(reply.status).toBe(303);
    expect(reply.headers.get('location')).toBe('/threats?status=new&notice=reviewed');
    expect(await statusOf(seeded.caseIds.medium)).toBe('acknowledged');
    const [entry] = await web.app.database.db.select().from(auditLog).where(eq(auditLog.subject, `threat-case:${seeded.caseIds.medium}`)).orderBy(desc(auditLog.id)).limit(1);
    expect(entry).toMatchObject({ actor: 'sara', action: 'threat-case.status' });
  });

  it('refuses to escalate without a police reference and says why', async () => {
    const reply = await security.request('POST', `/threats/${seeded.caseIds.high}/review`, { form: { _csrf: security.csrfToken, status: 'escalated', policeRef: '' }, headers: { accept: 'text/html' } });
    expect(reply.status).toBe(409);
    expect(reply.text).toContain('police report reference');
    expect(await statusOf(seeded.caseIds.high)).toBe('new');
  });

  it('escalates with a police reference and a note over the API', async () => {
    const reply = await security.request('POST', `/api/v1/threats/${seeded.caseIds.high}/review`, { json: { status: 'escalated', policeRef: '5000-K123456-26', note: 'anmält' } });
    expect(reply.json()).toEqual({ status: 'escalated' });
    const page = await security.get(`/threats/${seeded.caseIds.high}`, { accept: 'text/html' });
    expect(page.text).toContain('5000-K123456-26');
    expect(page.text).toContain('<q>anmält</q>');
  });

  it('keeps the queue and cases from communications', async () => {
    const klas = new Client(web.url, '10.2.0.2');
    await klas.signIn('klas');
    expect((await klas.get('/threats')).status).toBe(403);
    expect((await klas.get(`/api/v1/threats/${seeded.caseIds.high}`)).status).toBe(403);
    expect((await klas.request('POST', `/api/v1/threats/${seeded.caseIds.high}/review`, { json: { note: 'x' } })).status).toBe(403);
  });

  it('keeps the staff watchlist to security: values stored sealed and shown masked', async () => {
    const added = await security.request('POST', '/watchlist', { form: { _csrf: security.csrfToken, kind: 'name', value: 'Lisa Bergström' } });
    expect(added.headers.get('location')).toBe('/watchlist?notice=added');
    const page = await security.get('/watchlist', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('Bergström');
    expect(page.text).toMatch(/<code>L\S* B\S*<\/code>/);
    const klas = new Client(web.url, '10.2.0.3');
    await klas.signIn('klas');
    expect((await klas.get('/watchlist')).status).toBe(403);
    expect((await klas.request('POST', '/watchlist', { form: { _csrf: klas.csrfToken, kind: 'name', value: 'X Y' } })).status).toBe(403);
  });
});
