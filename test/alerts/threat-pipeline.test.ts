import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPosts, runAlertTick, type AlertDeps } from '../../src/alerts/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createMailTransport, deliverOutbox, type DeliverDeps, type MailTransport } from '../../src/mail/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { startSmtpServer, type SmtpTestServer } from '../mail/smtp-test-server.js';
import { addPost, addRecipient, addSource, addThreat, alertRows, clearAlerts, outboxRows } from './fixtures.js';
import { alertsConfigSchema } from '../../src/config/index.js';

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
  settings: alertsConfigSchema.parse({}),
  uiBaseUrl: 'https://vaksam.example.se/admin',
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
  // Case ids far from post ids, so a test can tell them apart (the bug: emails gave the post id as the case).
  await database.db.execute(sql`select setval('threat_cases_id_seq', 500)`);
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
  it('mails a critical case at once to security recipients, quiet hours or not, naming the case and linking to it', async () => {
    clock = new Date('2026-11-23T23:30:00Z'); // 00:30 in Stockholm: inside the quiet hours
    const postId = await addPost(database.db, { sourceId, platform: 'telegram', text: TEXT, at: clock });
    const start = TEXT.indexOf(SIGNAL);
    const caseId = await addThreat(database.db, postId, 'critical', clock, ['threat'], [{ kind: 'menace', text: SIGNAL, start, end: start + SIGNAL.length }]);
    expect(caseId).not.toBe(postId);

    expect(await checkPosts(deps(), [postId])).toEqual({ threats: 1, surges: 0 });
    const rows = await outboxRows(database.db);
    expect(rows.map((r) => r.toAddress).sort()).toEqual(['night@kommun.example.se', 'sakerhet@kommun.example.se']);
    expect(rows.every((r) => r.notBefore.getTime() === clock.getTime())).toBe(true);
    expect(notified).toEqual([rows.map((r) => r.id)]);

    expect(await deliverOutbox(delivery())).toMatchObject({ sent: 2, failed: 0 });
    await smtp.received(2);
    const sv = smtp.messages.find((m) => m.to[0] === 'sakerhet@kommun.example.se')!.parsed;
    expect(sv.subject).toBe(`[KRITISKT HOT] Hot på telegram – ärende ${caseId}: ”${SIGNAL}”`);
    expect(sv.messageId).toBe(rows.find((r) => r.toAddress === 'sakerhet@kommun.example.se')!.messageId);
    expect(sv.headers.get('x-vaksam-kind')).toBe('threat');
    expect(sv.headers.get('x-vaksam-case')).toBe(String(caseId));
    expect(sv.headers.get('priority')).toBe('high');
    expect(sv.inReplyTo).toBe(rows.find((r) => r.toAddress === 'sakerhet@kommun.example.se')!.headers.References);
    expect(sv.html).toContain(`<mark style="background:#fde68a;font-weight:600">${SIGNAL}</mark>`);
    expect(sv.html).toContain(`https://vaksam.example.se/admin/threats/${caseId}?ack=1`);
    expect(sv.html).not.toContain(`/cases/`);
    expect(sv.text).toContain(`>>${SIGNAL}<<`);
    expect(sv.text).toContain(`Ärende: ${caseId}`);
    expect(sv.text).toContain(`• ${SIGNAL} (hotfull varning)`);
    const en = smtp.messages.find((m) => m.to[0] === 'night@kommun.example.se')!.parsed;
    expect(en.subject).toBe(`[CRITICAL THREAT] Threat on telegram – case ${caseId}: "${SIGNAL}"`);
    expect((await outboxRows(database.db)).map((r) => r.status)).toEqual(['sent', 'sent']);
  });

  it('never alerts the same case twice, whether the event is repeated or the sweep runs', async () => {
    const postId = await addPost(database.db, { sourceId, platform: 'telegram', text: 'vi kommer att döda er', at: clock });
    const caseId = await addThreat(database.db, postId, 'high', clock);
    await checkPosts(deps(), [postId]);
    await checkPosts(deps(), [postId]);
    await Promise.all([checkPosts(deps(), [postId]), runAlertTick(deps())]);
    const alerts = (await alertRows(database.db)).filter((a) => a.subject === `case:${caseId}`);
    expect(alerts).toHaveLength(1);
    expect((await outboxRows(database.db)).filter((r) => r.alertId === alerts[0]!.id)).toHaveLength(2);
  });

  it('sends nothing for reposts joining an open case: one case, one email, however many reposts', async () => {
    clock = new Date('2026-11-27T10:00:00Z');
    const text = 'Vi vet var handläggaren bor. Hon ska betala med blod.';
    const ids: number[] = [];
    const cases = new Set<number | null>();
    for (const [i, variant] of [text, `RT @spridare: ${text}`, text, text, `RT @annan: ${text}`].entries()) {
      clock = new Date(clock.getTime() + 60_000);
      const id = await addPost(database.db, { sourceId, platform: 'telegram', text: variant, at: clock });
      cases.add(await addThreat(database.db, id, 'high', clock));
      ids.push(id);
      // Each repost arrives in a classify batch of its own, as in production.
      expect((await checkPosts(deps(), [id])).threats).toBe(i === 0 ? 1 : 0);
    }
    expect(cases.size).toBe(1);
    const [caseId] = [...cases];
    const alerts = (await alertRows(database.db)).filter((a) => a.kind.startsWith('threat'));
    expect(alerts.map((a) => a.dedupeKey)).toEqual([`threat:case:${caseId}:high`]);
    expect(await outboxRows(database.db)).toHaveLength(2);
  });

  it('mails again when a post raises the case to critical, as a raise of the same case', async () => {
    clock = new Date('2026-11-27T12:00:00Z');
    const text = 'Soc tog våra barn. Vi ska döda handläggaren.';
    const first = await addPost(database.db, { sourceId, platform: 'telegram', text, at: clock });
    const caseId = await addThreat(database.db, first, 'high', clock);
    await checkPosts(deps(), [first]);
    const repost = await addPost(database.db, { sourceId, platform: 'telegram', text, at: clock });
    expect(await addThreat(database.db, repost, 'critical', clock)).toBe(caseId);
    expect((await checkPosts(deps(), [repost])).threats).toBe(1);
    const alerts = (await alertRows(database.db)).filter((a) => a.subject === `case:${caseId}`);
    expect(alerts.map((a) => a.dedupeKey)).toEqual([`threat:case:${caseId}:high`, `threat:case:${caseId}:critical`]);
    const raised = (await outboxRows(database.db)).filter((r) => r.alertId === alerts[1]!.id);
    expect(raised.find((r) => r.toAddress === 'sakerhet@kommun.example.se')!.subject).toBe(`[KRITISKT HOT] Ärende ${caseId} höjt från hög`);
    // One conversation in the mail client: both emails refer to the case's thread.
    const first_ = (await outboxRows(database.db)).find((r) => r.alertId === alerts[0]!.id && r.toAddress === 'sakerhet@kommun.example.se')!;
    expect(raised[0]!.headers.References).toBeDefined();
    expect(raised.find((r) => r.toAddress === first_.toAddress)!.headers.References).toBe(first_.headers.References);
  });

  it('summarises a growing case periodically, not per post', async () => {
    clock = new Date('2026-11-28T08:00:00Z');
    const text = 'Vi vet var socialsekreteraren bor, vi hälsar på ikväll.';
    const first = await addPost(database.db, { sourceId, platform: 'telegram', text, at: clock });
    const caseId = await addThreat(database.db, first, 'high', clock);
    await checkPosts(deps(), [first]);
    for (let i = 0; i < 3; i++) {
      clock = new Date(clock.getTime() + 10 * 60_000);
      const id = await addPost(database.db, { sourceId, platform: 'telegram', text, at: clock });
      await addThreat(database.db, id, 'high', clock);
      await checkPosts(deps(), [id]);
      await runAlertTick(deps());
    }
    expect((await alertRows(database.db)).filter((a) => a.subject === `case:${caseId}`)).toHaveLength(1);
    clock = new Date('2026-11-28T09:00:00Z'); // an hour after the alert: the summary is due
    expect((await runAlertTick(deps())).threats).toBe(1);
    expect((await runAlertTick(deps())).threats).toBe(0);
    const summary = (await alertRows(database.db)).find((a) => a.kind === 'threat-growth')!;
    expect(summary.dedupeKey).toBe(`threat-growth:case:${caseId}:4`);
    const email = (await outboxRows(database.db)).find((r) => r.alertId === summary.id && r.toAddress === 'sakerhet@kommun.example.se')!;
    expect(email.subject).toBe(`Ärende ${caseId} växer: 3 nya inlägg (4 totalt)`);
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

  it('finds a high case whose event was lost, on the next tick', async () => {
    clock = new Date('2026-11-26T12:00:00Z');
    const postId = await addPost(database.db, { sourceId, platform: 'telegram', text: 'vi vet var hon bor', at: clock });
    const caseId = await addThreat(database.db, postId, 'high', clock, ['doxxing']);
    expect((await runAlertTick(deps())).threats).toBeGreaterThanOrEqual(1);
    expect((await alertRows(database.db)).map((a) => a.dedupeKey)).toContain(`threat:case:${caseId}:high`);
  });

  it('batches medium cases into one heads-up per period, only to recipients who want medium', async () => {
    clock = new Date('2026-11-25T09:05:00Z');
    const cases = [];
    for (const text of ['alla till socialkontoret i Rinkeby måndag 9:00', 'mejla handläggaren tills hon slutar']) {
      const id = await addPost(database.db, { sourceId, platform: 'telegram', text, at: clock });
      cases.push(await addThreat(database.db, id, 'medium', clock, ['mobilization']));
    }
    expect(await checkPosts(deps(), [])).toEqual({ threats: 0, surges: 0 });
    expect((await runAlertTick(deps())).mediumBatch).toBe(false); // the 09:00-09:30 period is still open
    clock = new Date('2026-11-25T09:31:00Z');
    expect((await runAlertTick(deps())).mediumBatch).toBe(true);
    expect((await runAlertTick(deps())).mediumBatch).toBe(false);
    const batch = (await alertRows(database.db)).filter((a) => a.kind === 'threat-batch');
    expect(batch).toHaveLength(1);
    expect(batch[0]!.payload.caseIds).toEqual(cases);
    const rows = (await outboxRows(database.db)).filter((r) => r.alertId === batch[0]!.id);
    expect(rows.map((r) => r.toAddress)).toEqual(['sakerhet@kommun.example.se']);
    expect(rows[0]!.subject).toBe('Att uppmärksamma: 2 ärenden med mobilisering eller hot på medelnivå');
    expect(rows[0]!.html).toContain(`https://vaksam.example.se/admin/threats/${cases[0]}`);
  });
});
