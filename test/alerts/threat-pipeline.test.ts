import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertsConfigSchema, checkPosts, runAlertTick, type AlertDeps } from '../../src/alerts/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createMailTransport, deliverOutbox, type DeliverDeps, type MailTransport } from '../../src/mail/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { startSmtpServer, type SmtpTestServer } from '../mail/smtp-test-server.js';
import { addPost, addRecipient, addSource, addThreat, alertRows, clearAlerts, outboxRows } from './fixtures.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: SmtpTestServer;
let transport: MailTransport;
let sourceId: number;
let clock = new Date('2026-11-23T10:00:00Z');
const notified: number[][] = [];

const deps = (): AlertDeps => ({
  db: database.db,
  log: silentLogger,
  now: () => clock,
  settings: alertsConfigSchema.parse({ uiBaseUrl: 'https://vaksam.example.se/admin' }),
  from: 'Vaksam <larm@vaksam.example.se>',
  notifyMail: async (ids) => void notified.push(ids),
});

const delivery = (): DeliverDeps => ({
  db: database.db,
  transport,
  log: silentLogger,
  now: () => clock,
  settings: { from: 'Vaksam <larm@vaksam.example.se>', batchSize: 10, maxAttempts: 3, retryBaseMs: 60_000, retryMaxMs: 600_000, sendingTimeoutMs: 300_000, maxConnections: 2 },
});

const SIGNAL = 'vi vet var du bor';
const TEXT = `Hon heter Anna och jobbar på soc i Rinkeby. ${SIGNAL}, ikväll bränner vi kontoret.`;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: '', timeoutMs: 5_000, maxConnections: 2 });
  sourceId = await addSource(database.db, 'telegram');
  await addRecipient(database.db, { email: 'sakerhet@kommun.example.se', roles: ['security'] });
  // Quiet 22:00-07:00 Stockholm; only wants high and above.
  await addRecipient(database.db, { email: 'night@kommun.example.se', roles: ['security'], language: 'en', minThreatLevel: 'high', quietHours: { start: '22:00', end: '07:00' } });
  await addRecipient(database.db, { email: 'komm@kommun.example.se', roles: ['communications'] });
});

afterAll(async () => {
  transport.close();
  await smtp.close();
  await database.drop();
});

beforeEach(async () => {
  await clearAlerts(database.db);
  smtp.messages.length = 0;
  notified.length = 0;
});

describe('threat alerts end to end', () => {
  it('mails a critical threat at once to security recipients, quiet hours or not, with the signal marked', async () => {
    clock = new Date('2026-11-23T23:30:00Z'); // 00:30 in Stockholm: inside the quiet hours
    const postId = await addPost(database.db, { sourceId, platform: 'telegram', text: TEXT, at: clock });
    const start = TEXT.indexOf(SIGNAL);
    await addThreat(database.db, postId, 'critical', clock, ['threat'], [{ kind: 'threat', text: SIGNAL, start, end: start + SIGNAL.length }]);

    expect(await checkPosts(deps(), [postId])).toEqual({ threats: 1, surges: 0 });
    const rows = await outboxRows(database.db);
    expect(rows.map((r) => r.toAddress).sort()).toEqual(['night@kommun.example.se', 'sakerhet@kommun.example.se']);
    expect(rows.every((r) => r.notBefore.getTime() === clock.getTime())).toBe(true);
    expect(notified).toEqual([rows.map((r) => r.id)]);

    expect(await deliverOutbox(delivery())).toMatchObject({ sent: 2, failed: 0 });
    await smtp.received(2);
    const sv = smtp.messages.find((m) => m.to[0] === 'sakerhet@kommun.example.se')!.parsed;
    expect(sv.subject).toBe(`[KRITISKT HOT] Hot på telegram – ärende ${postId}: ”${SIGNAL}”`);
    expect(sv.messageId).toBe(rows.find((r) => r.toAddress === 'sakerhet@kommun.example.se')!.messageId);
    expect(sv.headers.get('x-vaksam-kind')).toBe('threat');
    expect(sv.headers.get('priority')).toBe('high');
    expect(sv.html).toContain(`<mark style="background:#fde68a;font-weight:600">${SIGNAL}</mark>`);
    expect(sv.html).toContain(`https://vaksam.example.se/admin/cases/${postId}`);
    expect(sv.text).toContain(`>>${SIGNAL}<<`);
    expect(sv.text).toContain(`Ärende: ${postId}`);
    const en = smtp.messages.find((m) => m.to[0] === 'night@kommun.example.se')!.parsed;
    expect(en.subject).toMatch(/^\[CRITICAL THREAT\] Threat on telegram – case \d+/);
    expect((await outboxRows(database.db)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('never alerts the same threat twice, whether the event is repeated or the sweep runs', async () => {
    const postId = await addPost(database.db, { sourceId, platform: 'telegram', text: 'vi kommer att döda er', at: clock });
    await addThreat(database.db, postId, 'high', clock);
    await checkPosts(deps(), [postId]);
    await checkPosts(deps(), [postId]);
    await Promise.all([checkPosts(deps(), [postId]), runAlertTick(deps())]);
    const alerts = (await alertRows(database.db)).filter((a) => a.subject === `post:${postId}`);
    expect(alerts).toHaveLength(1);
    expect((await outboxRows(database.db)).filter((r) => r.alertId === alerts[0]!.id)).toHaveLength(2);
  });

  it('holds a high threat for a recipient in quiet hours until they end, and sends it to the others at once', async () => {
    clock = new Date('2026-11-24T02:00:00Z'); // 03:00 Stockholm
    const postId = await addPost(database.db, { sourceId, platform: 'telegram', text: 'de ska betala med blod', at: clock });
    await addThreat(database.db, postId, 'high', clock);
    await checkPosts(deps(), [postId]);
    const night = (await outboxRows(database.db)).find((r) => r.toAddress === 'night@kommun.example.se')!;
    expect(night.notBefore.toISOString()).toBe('2026-11-24T06:00:00.000Z'); // 07:00 Stockholm (CET)
    expect(await deliverOutbox(delivery())).toMatchObject({ sent: 1 });
    clock = new Date('2026-11-24T06:00:00Z');
    expect(await deliverOutbox(delivery())).toMatchObject({ sent: 1 });
    await smtp.received(2);
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['sakerhet@kommun.example.se', 'night@kommun.example.se']);
  });

  it('finds a high threat whose event was lost, on the next tick', async () => {
    clock = new Date('2026-11-26T12:00:00Z'); // earlier tests' threats are outside the 24-hour look-back
    const postId = await addPost(database.db, { sourceId, platform: 'telegram', text: 'vi vet var hon bor', at: clock });
    await addThreat(database.db, postId, 'high', clock, ['doxxing']);
    expect((await runAlertTick(deps())).threats).toBe(1);
    expect((await alertRows(database.db)).map((a) => a.dedupeKey)).toContain(`threat:post:${postId}:high`);
  });

  it('batches medium threats into one heads-up per period, only to recipients who want medium', async () => {
    clock = new Date('2026-11-25T09:05:00Z');
    const ids = [];
    for (const text of ['alla till socialkontoret i Rinkeby måndag 9:00', 'mejla handläggaren tills hon slutar']) {
      const id = await addPost(database.db, { sourceId, platform: 'telegram', text, at: clock });
      await addThreat(database.db, id, 'medium', clock, ['mobilization']);
      ids.push(id);
    }
    expect(await checkPosts(deps(), ids)).toEqual({ threats: 0, surges: 0 });
    expect((await runAlertTick(deps())).mediumBatch).toBe(false); // the 09:00-09:30 period is still open
    clock = new Date('2026-11-25T09:31:00Z');
    expect((await runAlertTick(deps())).mediumBatch).toBe(true);
    expect((await runAlertTick(deps())).mediumBatch).toBe(false);
    const batch = (await alertRows(database.db)).filter((a) => a.kind === 'threat-batch');
    expect(batch).toHaveLength(1);
    expect(batch[0]!.payload.postIds).toEqual(ids);
    const rows = (await outboxRows(database.db)).filter((r) => r.alertId === batch[0]!.id);
    expect(rows.map((r) => r.toAddress)).toEqual(['sakerhet@kommun.example.se']);
    expect(rows[0]!.subject).toBe('Att uppmärksamma: 2 inlägg med mobilisering eller hot på medelnivå');
  });
});
