import { Writable } from 'node:stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkPosts,
  deliverChannelPosts,
  runAlertTick,
  verifyWebhookSignature,
  type AlertDeps,
  type ChannelDeliverySettings,
  type ChannelsSettings,
} from '../../src/alerts/index.js';
import { schema } from '../../src/db/index.js';
import { createLogger, silentLogger, type Logger } from '../../src/log/index.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { startServer, type TestServer } from '../helpers/http-server.js';
import { addPost, addRecipient, addSource, addThreat, clearAlerts, outboxRows } from './fixtures.js';
import { alertsConfigSchema, channelsConfigSchema } from '../../src/config/index.js';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let receiver: TestServer;
let sourceId: number;
let clock = new Date('2026-11-23T10:00:00Z');
const received: Received[] = [];
/** Status codes the receiver answers with per path, in order; 200 when none is queued. */
const replies = new Map<string, { status: number; headers?: Record<string, string> }[]>();
const SECRET = 'whsec-0123456789abcdef0123456789abcdef';
const SMS_PASSWORD = 'gateway-password-never-logged';
let channels: ChannelsSettings;

const deps = (extra: Partial<AlertDeps> = {}): AlertDeps => ({
  db: database.db,
  log: silentLogger,
  now: () => clock,
  settings: alertsConfigSchema.parse({}),
  uiBaseUrl: 'https://vaksam.kommun.example.se',
  from: 'Vaksam <larm@kommun.example.se>',
  channels,
  notifyMail: async () => {},
  ...extra,
});

const SETTINGS: ChannelDeliverySettings = { maxAttempts: 3, retryBaseMs: 60_000, retryMaxMs: 600_000, sendingTimeoutMs: 300_000, batchSize: 50, connectTimeoutMs: 5_000, totalTimeoutMs: 5_000 };
const deliver = (log: Logger = silentLogger) => deliverChannelPosts({ db: database.db, log, now: () => clock, channels, settings: SETTINGS });

beforeAll(async () => {
  database = await createTestDatabase();
  receiver = await startServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    const reply = replies.get(path)?.shift() ?? { status: path === '/teams' ? 202 : 200 };
    res.writeHead(reply.status, reply.headers ?? {});
    res.end(path === '/slack' && reply.status === 200 ? 'ok' : '');
  });
  channels = channelsConfigSchema.parse({
    securityTeams: { kind: 'teams', url: `${receiver.url}/teams`, roles: ['security'], escalation: true },
    commsSlack: { kind: 'slack', url: `${receiver.url}/slack`, roles: ['communications', 'security'], minThreatLevel: 'critical', quietHours: '22:00-07:00' },
    soc: { kind: 'webhook', url: `${receiver.url}/hook`, secret: SECRET, roles: ['security'] },
    sms: {
      kind: 'sms',
      url: `${receiver.url}/sms`,
      roles: ['security'],
      escalation: true,
      to: ['+46700000001'],
      format: 'form',
      fields: { to: 'to', from: 'from', text: 'message' },
      auth: { type: 'basic', username: 'u', password: SMS_PASSWORD },
    },
  });
  sourceId = await addSource(database.db, 'telegram');
  await addRecipient(database.db, { email: 'sakerhet@kommun.example.se', roles: ['security'], phone: '+46701234567', channels: ['email', 'sms'] });
});

afterAll(async () => {
  await receiver.close();
  await database.drop();
});

beforeEach(async () => {
  await clearAlerts(database.db);
  received.length = 0;
  replies.clear();
  channels = { ...channels, securityTeams: { ...channels.securityTeams!, ratePerMinute: 20 } };
});

async function criticalCase(text = 'Vi ska bränna socialkontoret i Rinkeby ikväll. <b>Ni</b> & era barn.') {
  const id = await addPost(database.db, { sourceId, platform: 'telegram', text, at: clock });
  const start = text.indexOf('bränna');
  const caseId = await addThreat(database.db, id, 'critical', clock, ['threat'], [{ kind: 'threat', text: 'bränna socialkontoret', start, end: start + 'bränna socialkontoret'.length }]);
  await checkPosts(deps(), [id]);
  return caseId!;
}

const channelRows = () => database.db.select().from(schema.channelOutbox).orderBy(schema.channelOutbox.id);

describe('alerts on Teams, Slack, signed webhooks and SMS', () => {
  it('posts a critical case to every channel of the security role, each in its own format, and verifies on arrival', async () => {
    clock = new Date('2026-11-23T10:00:00Z');
    const caseId = await criticalCase();
    expect((await channelRows()).map((r) => [r.channel, r.target]).sort()).toEqual([
      ['commsSlack', ''],
      ['securityTeams', ''],
      ['sms', '+46700000001'],
      ['sms', '+46701234567'],
      ['soc', ''],
    ]);
    expect(await deliver()).toMatchObject({ sent: 5, retrying: 0, failed: 0 });
    const link = `https://vaksam.kommun.example.se/threats/${caseId}?ack=1`;

    const teams = received.find((r) => r.path === '/teams')!;
    expect(teams.headers['content-type']).toBe('application/json; charset=utf-8');
    const card = JSON.parse(teams.body);
    expect(card.type).toBe('message');
    expect(card.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const content = card.attachments[0].content;
    expect(content).toMatchObject({ type: 'AdaptiveCard', version: '1.4', actions: [{ type: 'Action.OpenUrl', url: link, title: 'Öppna och kvittera ärendet' }] });
    const runs = content.body.flatMap((b: { inlines: { text: string; highlight?: boolean }[] }) => b.inlines);
    expect(runs[0]).toMatchObject({ text: 'KRITISKT HOT', color: 'Attention' });
    expect(runs.map((r: { text: string }) => r.text)).toEqual(expect.arrayContaining(['Ärende: ', String(caseId)]));
    // Post text only in TextRuns (never read as Markdown), with the decisive words highlighted.
    expect(runs.find((r: { highlight?: boolean }) => r.highlight)).toMatchObject({ text: 'bränna socialkontoret' });
    expect(JSON.stringify(content.body)).not.toMatch(/"type":"TextBlock"/);

    const slack = JSON.parse(received.find((r) => r.path === '/slack')!.body);
    expect(slack.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'KRITISKT HOT: Hot mot personal', emoji: false } });
    expect(slack.blocks.at(-1)).toEqual({ type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'Öppna och kvittera ärendet', emoji: false }, url: link, style: 'danger' }] });
    const post = slack.blocks.find((b: { type: string; text?: { type: string } }) => b.type === 'section' && b.text?.type === 'mrkdwn');
    expect(post.text.text).toContain('*bränna socialkontoret*');
    expect(post.text.text).toContain('&lt;b&gt;Ni&lt;/b&gt; &amp; era barn');

    const hook = received.find((r) => r.path === '/hook')!;
    const timestamp = String(hook.headers['x-vaksam-timestamp']);
    expect(timestamp).toBe(String(clock.getTime() / 1000));
    expect(verifyWebhookSignature({ secret: SECRET, timestamp, body: hook.body, signature: String(hook.headers['x-vaksam-signature']), now: clock })).toBe(true);
    expect(verifyWebhookSignature({ secret: SECRET, timestamp, body: hook.body.replace('critical', 'low'), signature: String(hook.headers['x-vaksam-signature']), now: clock })).toBe(false);
    // A replayed delivery outside the window (5 minutes) is refused even with a valid signature.
    expect(verifyWebhookSignature({ secret: SECRET, timestamp, body: hook.body, signature: String(hook.headers['x-vaksam-signature']), now: new Date(clock.getTime() + 301_000) })).toBe(false);
    expect(JSON.parse(hook.body)).toMatchObject({ id: `threat:case:${caseId}:critical`, type: 'vaksam.alert.threat', kind: 'threat', severity: 'critical', subject: `case:${caseId}`, url: link });

    const sms = received.filter((r) => r.path === '/sms');
    expect(sms.map((r) => r.headers['content-type'])).toEqual(['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded']);
    expect(sms[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`u:${SMS_PASSWORD}`).toString('base64')}`);
    const messages = sms.map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(messages.map((m) => m.to).sort()).toEqual(['+46700000001', '+46701234567']);
    expect(messages[0]).toMatchObject({ from: 'Vaksam', message: `Vaksam KRITISKT HOT: Hot mot personal. Ärende ${caseId}. ${link}` });
    expect((await channelRows()).every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });

  it('sends no SMS and nothing to a critical-only channel for a high case, and holds a channel in its quiet hours', async () => {
    clock = new Date('2026-11-23T22:30:00Z'); // 23:30 Stockholm
    const id = await addPost(database.db, { sourceId, platform: 'telegram', text: 'vi vet var handläggaren bor', at: clock });
    await addThreat(database.db, id, 'high', clock);
    await checkPosts(deps(), [id]);
    expect((await channelRows()).map((r) => r.channel).sort()).toEqual(['securityTeams', 'soc']);
    await criticalCase('Jag har köpt en kniv till socialkontoret, imorgon kommer jag.');
    const slack = (await channelRows()).find((r) => r.channel === 'commsSlack')!;
    expect(slack.notBefore.getTime()).toBe(clock.getTime()); // critical breaks through its quiet hours
  });

  it('retries a refused post with back-off, honours Retry-After, and gives up on a client error', async () => {
    clock = new Date('2026-11-24T10:00:00Z');
    replies.set('/teams', [{ status: 503 }, { status: 200 }]);
    replies.set('/hook', [{ status: 429, headers: { 'retry-after': '600' } }]);
    replies.set('/slack', [{ status: 400 }]);
    await criticalCase();
    expect(await deliver()).toMatchObject({ sent: 2, retrying: 2, failed: 1 });
    const rows = await channelRows();
    const byChannel = (name: string) => rows.find((r) => r.channel === name)!;
    expect(byChannel('securityTeams')).toMatchObject({ status: 'pending', attempts: 1, lastErrorCode: 'HTTP_503', responseStatus: 503 });
    expect(byChannel('securityTeams').notBefore.toISOString()).toBe('2026-11-24T10:01:00.000Z');
    expect(byChannel('soc').notBefore.toISOString()).toBe('2026-11-24T10:10:00.000Z');
    expect(byChannel('commsSlack')).toMatchObject({ status: 'failed', lastErrorCode: 'HTTP_400' });
    expect(await deliver()).toMatchObject({ sent: 0 }); // nothing due yet
    clock = new Date('2026-11-24T10:01:00Z');
    expect(await deliver()).toMatchObject({ sent: 1 });
    clock = new Date('2026-11-24T10:10:00Z');
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect((await channelRows()).filter((r) => r.status === 'sent')).toHaveLength(4);
  });

  it('keeps each channel within its rate limit, the rest waiting their turn', async () => {
    clock = new Date('2026-11-25T10:00:00Z');
    channels = { ...channels, securityTeams: { ...channels.securityTeams!, ratePerMinute: 2 } };
    for (let i = 0; i < 5; i++) await criticalCase(`Vi ska bränna socialkontoret nummer ${i} ikväll.`);
    const teamsPosts = () => received.filter((r) => r.path === '/teams').length;
    await deliver();
    expect(teamsPosts()).toBe(2);
    await deliver();
    expect(teamsPosts()).toBe(2); // the same minute: no budget left
    clock = new Date('2026-11-25T10:01:01Z');
    await deliver();
    expect(teamsPosts()).toBe(4);
    clock = new Date('2026-11-25T10:02:02Z');
    await deliver();
    expect(teamsPosts()).toBe(5);
    expect(received.filter((r) => r.path === '/hook')).toHaveLength(5); // other channels have their own limits
  });

  it('never logs a channel secret, URL or phone number, and fails a post whose channel was removed', async () => {
    clock = new Date('2026-11-26T10:00:00Z');
    replies.set('/hook', [{ status: 500 }]);
    replies.set('/sms', [{ status: 500 }, { status: 500 }]);
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', destination: new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }) });
    await criticalCase();
    const kept = channels;
    channels = { ...channels };
    delete (channels as Record<string, unknown>).securityTeams;
    await deliver(log);
    channels = kept;
    const text = lines.join('');
    expect(text).toContain('channel post failed; will retry');
    expect(text).toContain('channel post failed: the channel is not configured');
    for (const secret of [SECRET, SMS_PASSWORD, receiver.url, '+46701234567', '+46700000001', 'bränna']) expect(text).not.toContain(secret);
    expect((await channelRows()).find((r) => r.channel === 'securityTeams')).toMatchObject({ status: 'failed', lastErrorCode: 'CHANNEL_UNKNOWN' });
  });

  it('escalates an unacknowledged critical case once, to the escalation channel and SMS, not by email', async () => {
    clock = new Date('2026-11-27T03:00:00Z');
    const caseId = await criticalCase();
    await deliver();
    const before = (await outboxRows(database.db)).length;
    clock = new Date('2026-11-27T03:14:59Z');
    expect((await runAlertTick(deps())).escalations).toBe(0);
    clock = new Date('2026-11-27T03:15:00Z');
    expect((await runAlertTick(deps())).escalations).toBe(1);
    expect((await runAlertTick(deps())).escalations).toBe(0);
    const escalation = (await database.db.select().from(schema.alerts)).find((a) => a.kind === 'escalation')!;
    expect(escalation.dedupeKey).toBe(`escalation:case:${caseId}`);
    const rows = (await channelRows()).filter((r) => r.alertId === escalation.id);
    expect(rows.map((r) => [r.channel, r.target]).sort()).toEqual([
      ['securityTeams', ''],
      ['sms', '+46700000001'],
      ['sms', '+46701234567'],
    ]);
    expect(rows.every((r) => r.notBefore.getTime() === clock.getTime())).toBe(true);
    expect((await outboxRows(database.db)).length).toBe(before);
    received.length = 0;
    await deliver();
    expect(Object.fromEntries(new URLSearchParams(received.find((r) => r.path === '/sms')!.body)).message).toBe(
      `Vaksam KRITISKT HOT: Kritiskt hot utan kvittens. Ärende ${caseId}. https://vaksam.kommun.example.se/threats/${caseId}?ack=1`,
    );
  });
});
