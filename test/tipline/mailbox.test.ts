import exifr from 'exifr';
import { eq, sql } from 'drizzle-orm';
import { ImapFlow } from 'imapflow';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/index.js';
import { tiplineReports, tiplineScreenshots } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createMailTransport } from '../../src/mail/index.js';
import { pollMailbox, sendReceipts, tiplineConfigSchema, type TiplineSettings } from '../../src/tipline/index.js';
import { startSmtpServer } from '../mail/smtp-test-server.js';
import { haveDovecot, startDovecot, type DovecotServer } from '../helpers/dovecot.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { fixtureImage, jpegWithGps, pngWithGps } from './image-fixtures.js';

if (!haveDovecot) console.warn('IMAP tests skipped: dovecot is missing (apt-get install -y dovecot-imapd; .ci/run installs it)');

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let dovecot: DovecotServer;
let settings: TiplineSettings;
const clock = new Date('2026-12-03T10:00:00Z');
const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

/** The raw RFC 5322 message nodemailer would send. */
async function compose(options: SendMailOptions): Promise<Buffer> {
  return (await composer.sendMail(options)).message as Buffer;
}

async function imap<T>(use: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.logout();
  }
}

const ARABIC = 'السوسيال يخطف أطفالنا. نعرف أين تسكنين، سنأتي إلى المكتب الليلة.';

beforeAll(async () => {
  if (!haveDovecot) return;
  database = await createTestDatabase();
  dovecot = await startDovecot();
  settings = tiplineConfigSchema.parse({ mailbox: { enabled: true, host: dovecot.host, port: dovecot.port, secure: false, user: dovecot.user, password: dovecot.password, timeoutMs: 10_000 } });
  const messages = [
    await compose({
      from: 'Lena Handläggare <lena@kommun.example.se>',
      to: 'rapport@kommun.example.se',
      subject: 'VB: Hot i Facebookgrupp',
      messageId: '<sv-plain-1@kommun.example.se>',
      text: 'Hej! Det här postades i en sluten grupp: https://www.facebook.com/groups/123/posts/456\n\nVi vet var du bor. Vi bränner ner kontoret i kväll.\n\n/Lena',
      attachments: [{ filename: 'Skärmbild 2026-12-03.png', content: pngWithGps(fixtureImage('png')), contentType: 'image/png' }],
    }),
    await compose({
      from: 'Omar <omar@kommun.example.se>',
      to: 'rapport@kommun.example.se',
      subject: 'تهديد على تيك توك',
      messageId: '<ar-html-2@kommun.example.se>',
      html: `<div dir="rtl"><p>${ARABIC}</p><p><img src="cid:shot1@kommun"></p></div>`,
      attachments: [{ filename: 'photo.jpg', content: jpegWithGps(fixtureImage('jpg')), contentType: 'image/jpeg', cid: 'shot1@kommun' }],
    }),
    await compose({
      from: 'Anna <anna@kommun.example.se>',
      to: 'rapport@kommun.example.se',
      subject: 'Inlägg om soc',
      messageId: '<sv-html-3@kommun.example.se>',
      html: '<p>Socialtjänsten <b>kidnappar</b> barn, skriver de på <a href="https://www.tiktok.com/@konto/video/1">TikTok</a>.</p>',
      attachments: [{ filename: 'protokoll.pdf', content: Buffer.from('%PDF-1.4 not a screenshot'), contentType: 'application/pdf' }],
    }),
    await compose({ from: 'Lena <lena@kommun.example.se>', to: 'rapport@kommun.example.se', subject: 'Frånvaro', messageId: '<auto-4@kommun.example.se>', headers: { 'Auto-Submitted': 'auto-replied' }, text: 'Jag är ledig till måndag.' }),
    await compose({ from: 'Lena <lena@kommun.example.se>', to: 'rapport@kommun.example.se', subject: '', messageId: '<empty-5@kommun.example.se>', text: '' }),
    await compose({
      from: 'Lena Handläggare <lena@kommun.example.se>',
      to: 'rapport@kommun.example.se',
      subject: 'VB: Hot i Facebookgrupp',
      messageId: '<sv-plain-1@kommun.example.se>',
      text: 'Samma meddelande en gång till.',
    }),
  ];
  await imap(async (client) => {
    for (const raw of messages) await client.append('INBOX', raw);
  });
}, 60_000);

afterAll(async () => {
  if (!haveDovecot) return;
  await dovecot.close();
  await database.drop();
});

describe.skipIf(!haveDovecot)('the report mailbox, against a Dovecot of the test', () => {
  it('turns Swedish and Arabic, plain and HTML messages with inline images and attachments into reports and moves them', async () => {
    const summary = await pollMailbox({ db: database.db, log: silentLogger, now: () => clock, settings });
    expect(summary).toMatchObject({ repeated: 1, rejected: 2 });
    expect(summary.created).toHaveLength(3);

    const reports = await database.db.select().from(tiplineReports).orderBy(tiplineReports.id);
    expect(reports.map((r) => r.channel)).toEqual(['email', 'email', 'email']);
    const [swedish, arabic, html] = reports as [(typeof reports)[number], (typeof reports)[number], (typeof reports)[number]];
    expect(swedish).toMatchObject({ reporterEmail: 'lena@kommun.example.se', reporterName: 'Lena Handläggare', subject: 'VB: Hot i Facebookgrupp', reportedUrl: 'https://www.facebook.com/groups/123/posts/456', concerns: 'unspecified' });
    expect(swedish.reportedText).toContain('Vi bränner ner kontoret i kväll.');
    expect(arabic.reportedText).toBe(ARABIC);
    expect(arabic.subject).toBe('تهديد على تيك توك');
    expect(html.reportedText).toContain('Socialtjänsten kidnappar barn');
    expect(html.metadata.skippedAttachments).toMatchObject([{ filename: 'protokoll.pdf', reason: expect.stringContaining('a PDF') }]);

    const shots = await database.db.select().from(tiplineScreenshots).orderBy(tiplineScreenshots.reportId);
    expect(shots.map((s) => [Number(s.reportId), s.filename, s.contentType])).toEqual([
      [Number(swedish.id), 'Skärmbild 2026-12-03.png', 'image/png'],
      [Number(arabic.id), 'photo.jpg', 'image/jpeg'],
    ]);
    for (const shot of shots) {
      expect(shot.removedMetadata).toContain('EXIF');
      expect(await exifr.gps(shot.data!)).toBeUndefined();
    }

    const count = async (client: ImapFlow, folder: string) => {
      const status = await client.status(folder, { messages: true });
      return status === false ? null : status.messages;
    };
    const folders = await imap(async (client) => ({
      inbox: await count(client, 'INBOX'),
      processed: await count(client, settings.mailbox.processedFolder),
      rejected: await count(client, settings.mailbox.rejectedFolder),
    }));
    expect(folders).toEqual({ inbox: 0, processed: 4, rejected: 2 });
  }, 60_000);

  it('stores nothing twice when a message is read again', async () => {
    await imap(async (client) => {
      await client.append('INBOX', await compose({ from: 'Omar <omar@kommun.example.se>', to: 'rapport@kommun.example.se', subject: 'igen', messageId: '<ar-html-2@kommun.example.se>', text: 'igen' }));
    });
    const summary = await pollMailbox({ db: database.db, log: silentLogger, now: () => clock, settings });
    expect(summary).toEqual({ created: [], repeated: 1, rejected: 0 });
    const [row] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from tipline_reports where channel = 'email'`);
    expect(Number(row!.n)).toBe(3);
  }, 60_000);

  it('answers a sender of an allowed domain with a receipt, once, as a reply to the message', async () => {
    await imap(async (client) => {
      await client.append('INBOX', await compose({ from: 'Kim <kim@kommun.example.se>', to: 'rapport@kommun.example.se', subject: 'Hot på TikTok', messageId: '<receipt-8@kommun.example.se>', text: 'Vi vet var du bor. https://www.tiktok.com/@x/video/1' }));
    });
    const smtp = await startSmtpServer();
    const transport = createMailTransport({ smtpUrl: smtp.url, outboxDir: '', timeoutMs: 5_000, maxConnections: 1 });
    try {
      const strict = { ...settings, mailbox: { ...settings.mailbox, allowedSenderDomains: ['kommun.example.se'] } };
      const summary = await pollMailbox({ db: database.db, log: silentLogger, now: () => clock, settings: strict });
      const deps = { db: database.db, log: silentLogger, now: () => clock, transport, from: 'Vaksam <rapport@kommun.example.se>', allowedSenderDomains: ['kommun.example.se'] };
      expect(await sendReceipts(deps, summary.created)).toBe(1);
      expect(await sendReceipts(deps, summary.created)).toBe(0);
      expect(await sendReceipts({ ...deps, allowedSenderDomains: [] }, summary.created)).toBe(0);
      await smtp.received(1);
      const [report] = await database.db.select().from(tiplineReports).where(eq(tiplineReports.id, summary.created[0]!));
      const mail = smtp.messages[0]!;
      expect(mail.to).toEqual(['kim@kommun.example.se']);
      expect(mail.parsed.subject).toContain(report!.reference);
      expect(mail.parsed.inReplyTo).toBe('<receipt-8@kommun.example.se>');
      expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-replied');
      expect(smtp.messages).toHaveLength(1);
    } finally {
      transport.close();
      await smtp.close();
    }
  }, 60_000);

  it('refuses senders outside the allowed domains', async () => {
    await imap(async (client) => {
      await client.append('INBOX', await compose({ from: 'x@elsewhere.example', to: 'rapport@kommun.example.se', subject: 'spam', messageId: '<other-7@elsewhere.example>', text: 'Köp nu https://spam.example' }));
    });
    const strict = { ...settings, mailbox: { ...settings.mailbox, allowedSenderDomains: ['kommun.example.se'] } };
    const summary = await pollMailbox({ db: database.db, log: silentLogger, now: () => clock, settings: strict });
    expect(summary).toEqual({ created: [], repeated: 0, rejected: 1 });
    const [report] = await database.db.select().from(tiplineReports).where(eq(tiplineReports.reporterEmail, 'x@elsewhere.example'));
    expect(report).toBeUndefined();
  }, 60_000);
});
