import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPosts } from '../../src/alerts/index.js';
import { alertDepsFromApp } from '../../src/app/index.js';
import { schema } from '../../src/db/index.js';
import { silentLogger } from '../../src/log/index.js';
import { addPost, addSource, addThreat, alertRows, outboxRows } from '../alerts/fixtures.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';

let web: TestWeb;
let admin: Client;
let alertId: number;

beforeAll(async () => {
  web = await startTestWeb();
  await web.addUser('anna', 'admin');
  admin = new Client(web.url);
  await admin.signIn('anna');
  const db = web.app.database.db;
  const sourceId = await addSource(db, 'telegram');
  const postId = await addPost(db, { sourceId, platform: 'telegram', text: 'Vi ska bränna socialkontoret ikväll.', at: new Date() });
  await addThreat(db, postId, 'critical', new Date());
  await checkPosts({ ...alertDepsFromApp(web.app), log: silentLogger, notifyMail: async () => {} }, [postId]);
  alertId = (await alertRows(db))[0]!.id;
}, 60_000);

afterAll(() => web.close());

describe('alerts that reached nobody, in the web UI', () => {
  it('shows the alert waiting, says why and for which role', async () => {
    const list = (await admin.get('/alerts', { accept: 'text/html' })).text;
    expect(list).toContain('1 larm väntar på en mottagare för rollen säkerhet.');
    expect(list).toContain('<span class="badge pending">väntar på mottagare</span>');
    const page = (await admin.get(`/alerts/${alertId}`, { accept: 'text/html' })).text;
    expect(page).toContain('Det skickas till den första mottagare som läggs till för rollen säkerhet (inom 24 timmar)');
    const recipients = (await admin.get('/recipients', { accept: 'text/html' })).text;
    expect(recipients).toContain('1 larm väntar på en mottagare för rollen säkerhet.');
  });

  it('says so when “resend all” has nobody to send to', async () => {
    const reply = await admin.request('POST', `/alerts/${alertId}/resend`, { form: { _csrf: admin.csrfToken, all: 'true' } });
    expect(reply.headers.get('location')).toBe(`/alerts/${alertId}?notice=nobody`);
    expect((await admin.get(reply.headers.get('location')!, { accept: 'text/html' })).text).toContain('Inget skickades: ingen mottagare tar emot den här sortens larm ännu.');
  });

  it('delivers the waiting alert to a recipient added in the form, and “resend all” then says what it queued', async () => {
    const added = await admin.request('POST', '/recipients', { form: { _csrf: admin.csrfToken, name: 'Sam', email: 'sam@kommun.example.se', 'role-security': 'on', 'channel-email': 'on', language: 'sv' } });
    expect(added.headers.get('location')).toBe('/recipients?notice=added&delivered=1');
    expect((await admin.get(added.headers.get('location')!, { accept: 'text/html' })).text).toContain('Mottagaren är tillagd och har fått 1 larm som väntade.');
    expect((await outboxRows(web.app.database.db)).map((r) => [r.alertId, r.toAddress])).toEqual([[alertId, 'sam@kommun.example.se']]);
    await web.app.database.db.update(schema.mailOutbox).set({ status: 'sent' });
    const resent = await admin.request('POST', `/alerts/${alertId}/resend`, { form: { _csrf: admin.csrfToken, all: 'true' } });
    expect(resent.headers.get('location')).toBe(`/alerts/${alertId}?notice=resent&requeued=1&added=0`);
    expect((await admin.get(resent.headers.get('location')!, { accept: 'text/html' })).text).toContain('1 e-post/inlägg i kö igen, 0 nya till mottagare som tillkommit.');
  });
});
