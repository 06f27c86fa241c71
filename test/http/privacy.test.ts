import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, posts, threatCases } from '../../src/db/schema/index.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';
import { seedContent, type Seeded } from './seed.js';

let web: TestWeb;
let seeded: Seeded;
let admin: Client;
let security: Client;

beforeAll(async () => {
  web = await startTestWeb();
  seeded = await seedContent(web.app.database.db, new Date());
  await web.addUser('anna', 'admin');
  await web.addUser('sara', 'security');
  admin = new Client(web.url);
  await admin.signIn('anna');
  security = new Client(web.url);
  await security.signIn('sara');
});
afterAll(() => web.close());

describe('case records in the UI', () => {
  it('shows the secrecy marking on the case page, changes it with an audit entry, and serves the record as PDF and JSON', async () => {
    const id = seeded.caseIds.high;
    const before = await security.get(`/threats/${id}`, { accept: 'text/html' });
    expect(before.text).toContain('Ingen sekretessmarkering');
    const set = await security.request('POST', `/threats/${id}/secrecy`, { form: { _csrf: security.csrfToken, marking: 'OSL 18 kap. 1 §' } });
    expect(set.status).toBe(303);
    const after = await security.get(`/threats/${id}`, { accept: 'text/html' });
    expect(after.text).toContain('<strong class="secrecy">OSL 18 kap. 1 §</strong>');
    const pdf = await security.get(`/threats/${id}/record.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.text.startsWith('%PDF-')).toBe(true);
    const record = (await security.get(`/threats/${id}/record.json`)).json();
    expect(record).toMatchObject({ caseNumber: `VAKSAM-${String(id).padStart(6, '0')}`, secrecyMarking: 'OSL 18 kap. 1 §' });
    const audit = await web.app.database.db.select().from(auditLog).where(eq(auditLog.subject, `threat-case:${id}`));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['threat-case.secrecy-marking', 'threat-case.record']));
  });

  it('records the police release of an escalated case and refuses it for others, saying why', async () => {
    const id = seeded.caseIds.medium;
    const refused = await security.request('POST', `/threats/${id}/release`, { form: { _csrf: security.csrfToken } });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('only an escalated');
    await security.request('POST', `/threats/${id}/review`, { form: { _csrf: security.csrfToken, status: 'escalated', policeRef: '5000-K1-26' } });
    const released = await security.request('POST', `/threats/${id}/release`, { form: { _csrf: security.csrfToken, note: 'Nedlagd' } });
    expect(released.status).toBe(303);
    const [row] = await web.app.database.db.select().from(threatCases).where(eq(threatCases.id, id));
    expect(row?.policeReleasedAt).not.toBeNull();
  });
});

describe('the data protection page', () => {
  it('shows the processing as configured and what retention has done', async () => {
    const page = await admin.get('/privacy', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('raderas efter 30 dagar');
    expect(page.text).toContain('Inlägg utan träff raderade');
    const metrics = await admin.get('/metrics');
    expect(metrics.text).toMatch(/^vaksam_retention_applied_total\{rule="unmatched-posts"\} \d+$/m);
  });

  it('finds, exports and erases what is held about a handle, auditing each by hash', async () => {
    // The high case is with the police: its entry about the author must stay.
    await web.app.database.db.update(threatCases).set({ status: 'escalated', policeRef: '5000-K9-26', policeReleasedAt: null }).where(eq(threatCases.id, seeded.caseIds.high));
    const found = await admin.get('/privacy?author=%40someone', { accept: 'text/html' });
    expect(found.text).toContain('Inlägg: 4');
    const exported = await admin.get('/privacy/export?author=someone');
    expect(exported.json().posts).toHaveLength(4);
    const unconfirmed = await admin.request('POST', '/privacy/erase', { form: { _csrf: admin.csrfToken, author: 'someone' }, headers: { accept: 'text/html' } });
    expect(unconfirmed.status).toBe(400);
    const erased = await admin.request('POST', '/privacy/erase', { form: { _csrf: admin.csrfToken, author: 'someone', confirm: 'yes' }, headers: { accept: 'text/html' } });
    expect(erased.status).toBe(200);
    expect(erased.text).toMatch(/Raderat: 3 inlägg/u);
    expect(erased.text).toContain(`i ärende ${seeded.caseIds.high} sparas: ärendet är polisanmält (5000-K9-26)`);
    expect(await web.app.database.db.select().from(posts).where(eq(posts.authorHandle, 'someone'))).toHaveLength(1);
    const audit = await web.app.database.db.select().from(auditLog).where(eq(auditLog.subject, 'privacy'));
    expect(audit.map((a) => a.action)).toEqual(['privacy.find', 'privacy.export', 'privacy.erase']);
    expect(JSON.stringify(audit)).not.toContain('someone');
  });

  it('says what a handle may look like', async () => {
    const page = await admin.get('/privacy?author=%3Cscript%3E', { accept: 'text/html' });
    expect(page.status).toBe(400);
    expect(page.text).toContain('must be a handle');
    expect(page.text).not.toContain('<script>');
  });
});
