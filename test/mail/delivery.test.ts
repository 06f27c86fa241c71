import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schema, type Db } from '../../src/db/index.js';
import { listAlerts } from '../../src/db/queries/alerts.js';
import { claimOutbox, requeueAlertEmails } from '../../src/db/queries/outbox.js';
import { deleteRecipient } from '../../src/db/queries/recipients.js';
import { encodePng } from '../../src/digest/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createMailTransport, deliverOutbox, messageIdFor, type DeliverDeps, type MailTransport } from '../../src/mail/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { addRecipient, clearAlerts, outboxRows } from '../alerts/fixtures.js';
import { FROM, queueEmails, simpleContent } from './outbox-fixtures.js';
import { startDroppingServer, startSmtpServer, type SmtpTestServer } from './smtp-test-server.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: SmtpTestServer;
let transport: MailTransport;
let clock = new Date('2026-11-23T10:00:00Z');
const SETTINGS = { from: FROM, batchSize: 10, maxAttempts: 3, retryBaseMs: 60_000, retryMaxMs: 600_000, sendingTimeoutMs: 300_000, maxConnections: 3 };

const deps = (overrides: Partial<DeliverDeps> = {}): DeliverDeps => ({ db: database.db, transport, log: silentLogger, now: () => clock, settings: SETTINGS, ...overrides });
const smtpTransport = (url: string, timeoutMs = 5_000) => createMailTransport({ smtpUrl: url, outboxDir: '', timeoutMs, maxConnections: 3 });
const row = async (id: number) => (await database.db.select().from(schema.mailOutbox).where(eq(schema.mailOutbox.id, id)))[0]!;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  transport = smtpTransport(smtp.url);
});

afterAll(async () => {
  transport.close();
  await smtp.close();
  await database.drop();
});

beforeEach(async () => {
  await clearAlerts(database.db);
  smtp.messages.length = 0;
  smtp.reply = () => ({ accept: true });
});

describe('outbox delivery over SMTP', () => {
  it('sends the stored email with its headers, Message-ID and inline PNG attachment', async () => {
    const png = encodePng(2, 1, new Uint8Array([255, 0, 0, 0, 0, 255]));
    const content = simpleContent({
      blocks: [{ kind: 'image', cid: 'chart@vaksam', alt: 'diagram', width: 2, height: 1 }],
      attachments: [{ cid: 'chart@vaksam', filename: 'chart.png', contentType: 'image/png', content: png }],
      headers: { 'X-Vaksam-Kind': 'test' },
    });
    const [id] = await queueEmails(database.db, [{ address: 'a@kommun.example.se' }], clock, content);
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 1 });
    await smtp.received(1);
    const mail = smtp.messages[0]!.parsed;
    const stored = await row(id!);
    expect(mail.messageId).toBe(stored.messageId);
    expect(stored.messageId).toMatch(/^<[0-9a-f]{32}@vaksam\.example\.se>$/);
    expect(mail.from?.value[0]).toMatchObject({ name: 'Vaksam', address: 'larm@vaksam.example.se' });
    expect(mail.date?.toISOString()).toBe(clock.toISOString());
    expect(mail.headers.get('x-vaksam-kind')).toBe('test');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    // mailparser swaps a resolvable cid: reference for the attachment's data, so this proves the link.
    expect(mail.html).toContain(`src="data:image/png;base64,${png.toString('base64')}"`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ contentType: 'image/png', contentDisposition: 'inline', cid: 'chart@vaksam' });
    expect(Buffer.compare(mail.attachments[0]!.content, png)).toBe(0);
    expect(stored).toMatchObject({ status: 'sent', attempts: 1, sentAt: clock });
  });

  it('derives the same Message-ID for the same alert and recipient, and re-sends carry it', async () => {
    expect(messageIdFor('surge:x:social:t:0', 7, FROM)).toBe(messageIdFor('surge:x:social:t:0', 7, FROM));
    expect(messageIdFor('surge:x:social:t:0', 7, FROM)).not.toBe(messageIdFor('surge:x:social:t:0', 8, FROM));
    const [id] = await queueEmails(database.db, [{ address: 'a@kommun.example.se' }], clock);
    await deliverOutbox(deps());
    const { alertId } = await row(id!);
    expect(await requeueAlertEmails(database.db, alertId, clock, true)).toEqual([id]);
    await deliverOutbox(deps());
    await smtp.received(2);
    expect(smtp.messages[0]!.parsed.messageId).toBe(smtp.messages[1]!.parsed.messageId);
  });

  it('marks a 5xx refusal failed at once and lists it among failed alerts', async () => {
    smtp.reply = () => ({ code: 550, message: 'mailbox unavailable' });
    const [id] = await queueEmails(database.db, [{ address: 'gone@kommun.example.se' }], clock);
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 0, failed: 1 });
    expect(await row(id!)).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'SMTP_550' });
    const failed = await listAlerts(database.db, { limit: 10, status: 'failed' });
    expect(failed.map((a) => a.emails)).toEqual([{ failed: 1 }]);
  });

  it('retries a 4xx refusal with back-off and sends it once the server takes it', async () => {
    let calls = 0;
    smtp.reply = () => (calls++ === 0 ? { code: 451, message: 'try again later' } : { accept: true });
    const [id] = await queueEmails(database.db, [{ address: 'a@kommun.example.se' }], clock);
    expect(await deliverOutbox(deps())).toMatchObject({ retrying: 1 });
    const waiting = await row(id!);
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'SMTP_451' });
    expect(waiting.notBefore.getTime() - clock.getTime()).toBe(60_000);
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 0, retrying: 0 }); // not due yet
    clock = new Date(clock.getTime() + 60_000);
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 1 });
    expect(await row(id!)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up after the last attempt', async () => {
    smtp.reply = () => ({ code: 421, message: 'busy' });
    const [id] = await queueEmails(database.db, [{ address: 'a@kommun.example.se' }], clock);
    for (let i = 0; i < 3; i++) {
      await deliverOutbox(deps());
      clock = new Date(clock.getTime() + 600_000);
    }
    expect(await row(id!)).toMatchObject({ status: 'failed', attempts: 3, lastErrorCode: 'SMTP_421' });
  });

  it('retries when the server never answers the message', async () => {
    smtp.reply = () => ({ hang: true });
    const impatient = smtpTransport(smtp.url, 300);
    try {
      const [id] = await queueEmails(database.db, [{ address: 'a@kommun.example.se' }], clock);
      expect(await deliverOutbox(deps({ transport: impatient }))).toMatchObject({ retrying: 1 });
      expect(await row(id!)).toMatchObject({ status: 'pending', lastErrorCode: 'ETIMEDOUT' });
    } finally {
      impatient.close();
    }
  });

  it('retries when the connection drops in the middle of DATA', async () => {
    const dropping = await startDroppingServer();
    const dropped = smtpTransport(dropping.url);
    try {
      const [id] = await queueEmails(database.db, [{ address: 'a@kommun.example.se' }], clock);
      expect(await deliverOutbox(deps({ transport: dropped }))).toMatchObject({ retrying: 1 });
      expect(dropping.drops).toBe(1);
      const after = await row(id!);
      expect(after.status).toBe('pending');
      expect(after.lastErrorCode).toMatch(/^E(CONNECTION|SOCKET|PROTOCOL)$/);
    } finally {
      dropped.close();
      await dropping.close();
    }
  });

  it('sends at most one duplicate, with the same Message-ID, when a worker dies between send and status write', async () => {
    const [id] = await queueEmails(database.db, [{ address: 'a@kommun.example.se' }], clock);
    const doomed = await openDatabase({ url: database.url, dataDir: '', poolSize: 1 });
    // The "process" loses its database right after the server accepted: the status write never happens.
    const dying: MailTransport = { kind: 'smtp', send: async (m) => transport.send(m).finally(() => doomed.close()), close: () => {} };
    await expect(deliverOutbox(deps({ db: doomed.db, transport: dying }))).rejects.toThrow();
    await smtp.received(1);
    expect(await row(id!)).toMatchObject({ status: 'sending' });

    expect(await deliverOutbox(deps())).toMatchObject({ sent: 0, recovered: 0 }); // the claim is not stale yet
    clock = new Date(clock.getTime() + SETTINGS.sendingTimeoutMs);
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 1, recovered: 1 });
    await smtp.received(2);
    expect(smtp.messages[1]!.parsed.messageId).toBe(smtp.messages[0]!.parsed.messageId);
    expect(await row(id!)).toMatchObject({ status: 'sent', recoveries: 1 });
  });

  it('marks an email unknown instead of sending a third copy when its claim is abandoned twice', async () => {
    const [id] = await queueEmails(database.db, [{ address: 'a@kommun.example.se' }], clock);
    const claimedAt = new Date(clock.getTime() - SETTINGS.sendingTimeoutMs);
    await database.db.update(schema.mailOutbox).set({ status: 'sending', claimToken: 'dead', claimedAt, recoveries: 1 }).where(eq(schema.mailOutbox.id, id!));
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 0, unknown: 1 });
    expect(await row(id!)).toMatchObject({ status: 'unknown', lastErrorCode: 'MAIL_ABANDONED' });
    expect(smtp.messages).toHaveLength(0);
    expect((await listAlerts(database.db, { limit: 5, status: 'unknown' })).length).toBe(1);
  });

  it('lets two workers race over the same rows without sending any twice', async () => {
    const other = await openDatabase({ url: database.url, dataDir: '', poolSize: 2 });
    try {
      const ids = await queueEmails(database.db, Array.from({ length: 24 }, (_, i) => ({ address: `r${i}@kommun.example.se` })), clock);
      const [a, b] = await Promise.all([deliverOutbox(deps()), deliverOutbox(deps({ db: other.db as Db }))]);
      expect(a.sent + b.sent).toBe(24);
      await smtp.received(24);
      expect(new Set(smtp.messages.map((m) => m.parsed.messageId)).size).toBe(24);
      expect((await outboxRows(database.db)).filter((r) => ids.includes(r.id)).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('claims at most a batch of rows at a time, so other workers get the rest (regression: the subquery claimed them all)', async () => {
    await queueEmails(database.db, Array.from({ length: 12 }, (_, i) => ({ address: `b${i}@kommun.example.se` })), clock);
    const first = await claimOutbox(database.db, { now: clock, limit: 5, token: 'one' });
    const second = await claimOutbox(database.db, { now: clock, limit: 5, token: 'two' });
    expect([first.length, second.length]).toEqual([5, 5]);
    expect(new Set([...first, ...second].map((r) => r.id)).size).toBe(10);
  });

  it('does not send to a recipient removed while their email was pending', async () => {
    const recipientId = await addRecipient(database.db, { email: 'leaving@kommun.example.se', roles: ['security'] });
    const [id] = await queueEmails(database.db, [{ address: 'leaving@kommun.example.se', recipientId }], clock);
    expect(await deleteRecipient(database.db, recipientId, clock)).toEqual({ removed: true, cancelled: 1 });
    expect(await deliverOutbox(deps())).toMatchObject({ sent: 0 });
    expect(await row(id!)).toMatchObject({ status: 'cancelled', recipientId: null, lastErrorCode: 'RECIPIENT_REMOVED' });
    expect(smtp.messages).toHaveLength(0);
  });
});
