import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/postgres.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';
import { cli } from '../helpers/cli.js';
import { startSmtpServer, type SmtpTestServer } from '../mail/smtp-test-server.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: SmtpTestServer;
let env: Record<string, string>;
const prefix = testPrefix();
const dir = mkdtempSync(join(tmpdir(), 'vaksam-alerts-cli-'));

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  env = { DATABASE_URL: database.url, REDIS_URL, VAKSAM_REDIS__PREFIX: prefix, LOG_LEVEL: 'error', SMTP_URL: smtp.url, VAKSAM_MAIL__FROM: 'Vaksam <larm@vaksam.example.se>' };
});

afterAll(async () => {
  await smtp.close();
  await deletePrefix(prefix);
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe('vaksam recipients', () => {
  it('adds, validates and lists recipients', async () => {
    const added = await cli(['recipients', 'add', '--name', 'Sara', '--email', 'sara@kommun.example.se', '--roles', 'communications,admin', '--quiet', '22:00-07:00', '--json'], env);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ id: 1, roles: ['communications', 'admin'], quietHours: { start: '22:00', end: '07:00' }, minThreatLevel: null });
    const security = await cli(['recipients', 'add', '--name', 'Sam', '--email', 'sam@kommun.example.se', '--roles', 'security', '--language', 'en'], env);
    expect(security.stdout).toBe('added recipient 2 (security)\n');

    const table = [
      [['--email', 'inte en adress'], /not a valid email address \[RECIPIENT_INVALID\]/],
      [['--email', 'a@b.se\r\nBcc: x@y.se'], /not a valid email address/],
      [['--email', 'SARA@kommun.example.se'], /already exists .*\[RECIPIENT_EXISTS\]/],
      [['--email', 'x@kommun.example.se', '--quiet', '25:00-07:00'], /must look like 22:00-07:00/],
    ] as const;
    for (const [args, message] of table) {
      const run = await cli(['recipients', 'add', '--name', 'X', '--roles', 'security', ...args], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(message);
    }
    const badRole = await cli(['recipients', 'add', '--name', 'X', '--email', 'x@kommun.example.se', '--roles', 'boss'], env);
    expect(badRole.stderr).toMatch(/unknown role 'boss'; allowed: communications, security, admin/);

    const list = await cli(['recipients', 'list'], env);
    expect(list.stdout).toContain('1  Sara  <sara@kommun.example.se>  sv  communications+admin  quiet 22:00-07:00  all narratives  no threat mail');
    expect(list.stdout).toContain('2  Sam  <sam@kommun.example.se>  en  security  all narratives  threats ≥ medium');
  });
});

describe('vaksam mail test and alerts', () => {
  it('sends a test email over SMTP', async () => {
    const run = await cli(['mail', 'test', '--to', 'prov@kommun.example.se'], env);
    expect(run.stdout).toMatch(/^test email \d+ sent via SMTP\n$/);
    await smtp.received(1);
    expect(smtp.messages[0]!.parsed.subject).toMatch(/^Vaksam: provmejl /);
    expect(smtp.messages[0]!.to).toEqual(['prov@kommun.example.se']);
  });

  it('surfaces a refused email in alerts list and show, and resends it', async () => {
    smtp.reply = () => ({ code: 550, message: 'no such user' });
    const refused = await cli(['mail', 'test', '--to', 'okand@kommun.example.se'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/test email \d+ failed: SMTP_550 .*no such user \[MAIL_NOT_SENT\]/);

    const failed = await cli(['alerts', 'list', '--status', 'failed'], env);
    const [line] = failed.stdout.trim().split('\n');
    expect(line).toMatch(/^\d+  \S+  test  info  mail test  \[1 failed\]$/);
    const id = line!.split(' ')[0]!;
    const show = await cli(['alerts', 'show', id], env);
    expect(show.stdout).toMatch(/email \d+ → okand@kommun\.example\.se  failed  attempts 1  <[0-9a-f]{32}@vaksam\.example\.se>  SMTP_550/);

    smtp.reply = () => ({ accept: true });
    const resend = await cli(['alerts', 'resend', id], env);
    expect(resend.stdout).toBe(`alert ${id}: 1 email(s)/post(s) queued again, 0 new email(s) to recipients added since\nalert ${id}: 1 email(s) sent, 0 will be retried, 0 failed\n`);
    expect((await cli(['alerts', 'list', '--status', 'failed'], env)).stdout).toBe('no alerts\n');
    const missing = await cli(['alerts', 'show', '999'], env);
    expect(missing.stderr).toMatch(/no alert 999 .*\[ALERT_NOT_FOUND\]/);
  });

  it('writes an .eml file when no SMTP server is configured', async () => {
    const outbox = join(dir, 'outbox');
    const run = await cli(['mail', 'test', '--to', 'prov@kommun.example.se'], { ...env, SMTP_URL: '', VAKSAM_MAIL__SMTP_URL: 'null', VAKSAM_MAIL__OUTBOX_DIR: outbox });
    expect(run.stdout).toMatch(/sent via an \.eml file in /);
    const files = readdirSync(outbox);
    expect(files).toHaveLength(1);
    const parsed = await simpleParser(readFileSync(join(outbox, files[0]!)));
    expect(parsed.subject).toMatch(/^Vaksam: provmejl /);
    expect(parsed.messageId).toMatch(/@vaksam\.example\.se>$/);
  });
});

describe('vaksam digest', () => {
  it('previews a digest to files without sending, then sends each recipient one', async () => {
    const base = join(dir, 'preview');
    const preview = await cli(['digest', 'preview', '--recipient', 'sara@kommun.example.se', '--week', '2026-W47', '--out', base], env);
    expect(preview.stdout).toBe(`wrote ${base}.eml and ${base}.html (Veckosammanfattning 2026-W47: 0 spridande inlägg, 0 hot); due 2026-11-23T06:00:00.000Z\n`);
    const eml = await simpleParser(readFileSync(`${base}.eml`));
    expect(eml.subject).toBe('Veckosammanfattning 2026-W47: 0 spridande inlägg, 0 hot');
    expect(readFileSync(`${base}.html`, 'utf8')).toContain('Veckan som gick (2026-W47)');

    // Sara's quiet hours (22:00-07:00) hold a digest back, so with the alerts' time zone the test would pass by day
    // and fail by night: send in a zone where it is midday now.
    const sendEnv = { ...env, VAKSAM_ALERTS__TIME_ZONE: zoneAtMidday(new Date()) };
    const before = smtp.messages.length;
    const send = await cli(['digest', 'send', '--week', '2026-W47'], sendEnv);
    expect(send.stdout).toBe('digest 2026-W47: 2 new, 2 email(s) sent, 0 to retry, 0 failed\n');
    await smtp.received(before + 2);
    expect((await cli(['digest', 'send', '--week', '2026-W47'], sendEnv)).stdout).toBe('digest 2026-W47: 0 new, 0 email(s) sent, 0 to retry, 0 failed\n');
    expect((await cli(['digest', 'send', '--week', '2026-W99'], sendEnv)).stderr).toMatch(/must be an ISO week/);
  });

  it('removes a recipient', async () => {
    expect((await cli(['recipients', 'remove', 'sam@kommun.example.se'], env)).stdout).toBe('recipient 2 removed; 0 pending email(s) cancelled\n');
    expect((await cli(['recipients', 'remove', '2'], env)).stderr).toMatch(/RECIPIENT_NOT_FOUND/);
  });
});

/** A fixed-offset IANA zone whose clock shows 12:xx at `now` (Etc/GMT-N is UTC+N). */
function zoneAtMidday(now: Date): string {
  const ahead = 12 - now.getUTCHours();
  return ahead === 0 ? 'Etc/GMT' : ahead > 0 ? `Etc/GMT-${ahead}` : `Etc/GMT+${-ahead}`;
}

