import { load } from 'cheerio';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPosts, runAlertTick } from '../../src/alerts/index.js';
import { alertDepsFromApp } from '../../src/app/index.js';
import type { AlertDeps } from '../../src/alerts/index.js';
import { schema } from '../../src/db/index.js';
import { silentLogger } from '../../src/log/index.js';
import { addPost, addRecipient, addSource, addThreat, alertRows, outboxRows } from '../alerts/fixtures.js';
import { Client, formFields, startTestWeb, type TestWeb } from './harness.js';
import { alertsConfigSchema } from '../../src/config/index.js';

let web: TestWeb;
let sara: Client;
let sourceId: number;
let clock = new Date('2026-11-24T02:00:00Z'); // 03:00 in Stockholm, inside the recipient's quiet hours
const MINUTE = 60_000;

const deps = (settings: Record<string, unknown> = {}): AlertDeps => ({
  ...alertDepsFromApp(web.app),
  log: silentLogger,
  now: () => clock,
  settings: alertsConfigSchema.parse(settings),
  notifyMail: async () => {},
});

beforeAll(async () => {
  web = await startTestWeb();
  await web.addUser('sara', 'security');
  sara = new Client(web.url);
  await sara.signIn('sara');
  sourceId = await addSource(web.app.database.db, 'telegram');
  await addRecipient(web.app.database.db, { email: 'jour@kommun.example.se', roles: ['security'], quietHours: { start: '22:00', end: '07:00' } });
}, 60_000);

afterAll(() => web.close());

async function criticalCase(text: string): Promise<number> {
  const id = await addPost(web.app.database.db, { sourceId, platform: 'telegram', text, at: clock });
  const caseId = (await addThreat(web.app.database.db, id, 'critical', clock, ['threat']))!;
  await checkPosts(deps(), [id]);
  return caseId;
}

const statusOf = async (caseId: number) => (await web.app.database.db.select().from(schema.threatCases).where(eq(schema.threatCases.id, caseId)))[0]!.status;

describe('escalation of critical cases nobody acknowledges', () => {
  it('is stopped by the email’s acknowledge link and by the review queue, and happens once for the rest', async () => {
    const viaEmail = await criticalCase('Vi ska skjuta handläggaren på socialkontoret imorgon.');
    const viaQueue = await criticalCase('Jag bränner ner socialkontoret i natt, soc ska brinna.');
    const ignored = await criticalCase('Vi kommer med vapen till socialtjänsten ikväll.');

    // The alert's button opens the case with the acknowledge form first; following the link changes nothing.
    const email = (await outboxRows(web.app.database.db)).find((r) => r.headers['X-Vaksam-Case'] === String(viaEmail))!;
    const href = load(email.html)(`a[href*="/threats/${viaEmail}"]`).attr('href')!;
    expect(href).toBe(`${web.url}/threats/${viaEmail}?ack=1`);
    const page = await sara.get(href.slice(web.url.length), { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(await statusOf(viaEmail)).toBe('new');
    const form = load(page.text)('.ack-first form');
    expect(form.attr('action')).toBe(`/threats/${viaEmail}/review`);
    const ack = await sara.request('POST', form.attr('action')!, { form: await formFields(page.text, '.ack-first form') });
    expect(ack.status).toBe(303);
    expect(await statusOf(viaEmail)).toBe('acknowledged');

    const queued = await sara.request('POST', `/threats/${viaQueue}/review`, { form: { _csrf: sara.csrfToken, status: 'acknowledged', back: '/threats' } });
    expect(queued.status).toBe(303);

    clock = new Date(clock.getTime() + 14 * MINUTE);
    expect((await runAlertTick(deps())).escalations).toBe(0);
    clock = new Date(clock.getTime() + MINUTE);
    expect((await runAlertTick(deps())).escalations).toBe(1);
    expect((await runAlertTick(deps())).escalations).toBe(0);
    const escalations = (await alertRows(web.app.database.db)).filter((a) => a.kind === 'escalation');
    expect(escalations.map((a) => a.dedupeKey)).toEqual([`escalation:case:${ignored}`]);

    // No escalation channel is configured: it goes by email, at once despite the quiet hours.
    const [sent] = (await outboxRows(web.app.database.db)).filter((r) => r.alertId === escalations[0]!.id);
    expect(sent).toMatchObject({ toAddress: 'jour@kommun.example.se', subject: `[ESKALERING] Ärende ${ignored}: kritiskt hot okvitterat i 15 min` });
    expect(sent!.notBefore.getTime()).toBe(clock.getTime());
    expect(sent!.html).toContain(`${web.url}/threats/${ignored}?ack=1`);
  });

  it('waits as long as alerts.escalation.afterMinutes says', async () => {
    const caseId = await criticalCase('Vi ska spränga socialkontoret med en bomb på måndag.');
    clock = new Date(clock.getTime() + 5 * MINUTE);
    expect((await runAlertTick(deps({ escalation: { afterMinutes: 10 } }))).escalations).toBe(0);
    expect((await runAlertTick(deps({ escalation: { afterMinutes: 5 } }))).escalations).toBe(1);
    expect((await alertRows(web.app.database.db)).map((a) => a.dedupeKey)).toContain(`escalation:case:${caseId}`);
  });

  it('holds a high case’s email until the quiet hours end, while critical ones go at once', async () => {
    const id = await addPost(web.app.database.db, { sourceId, platform: 'telegram', text: 'Vi vet var du bor, socialsekreterare.', at: clock });
    const caseId = await addThreat(web.app.database.db, id, 'high', clock);
    await checkPosts(deps(), [id]);
    const held = (await outboxRows(web.app.database.db)).find((r) => r.headers['X-Vaksam-Case'] === String(caseId))!;
    expect(held.notBefore.toISOString()).toBe('2026-11-24T06:00:00.000Z');
  });
});
