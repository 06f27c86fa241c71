import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkPosts, deliverWaitingAlerts, loadRecipients, type AlertDeps } from '../../src/alerts/index.js';
import { waitingAlertCounts } from '../../src/db/queries/alerts.js';
import { silentLogger } from '../../src/log/index.js';
import { addPost, addSource, addThreat, alertRows, clearAlerts, outboxRows } from '../alerts/fixtures.js';
import { cli, startCli } from '../helpers/cli.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';
import { startSmtpServer, type SmtpTestServer } from '../mail/smtp-test-server.js';
import { sql } from 'drizzle-orm';
import { alertsConfigSchema } from '../../src/config/index.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: SmtpTestServer;
let env: Record<string, string>;
let sourceId: number;
const prefix = testPrefix();
const dir = mkdtempSync(join(tmpdir(), 'vaksam-first-run-'));
const HOUR = 3_600_000;

const deps = (now: Date): AlertDeps => ({
  db: database.db,
  log: silentLogger,
  now: () => now,
  settings: alertsConfigSchema.parse({}),
  uiBaseUrl: 'http://127.0.0.1:8080',
  from: 'Vaksam <larm@vaksam.example.se>',
  notifyMail: async () => {},
});

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  env = {
    DATABASE_URL: database.url,
    REDIS_URL,
    VAKSAM_REDIS__PREFIX: prefix,
    LOG_LEVEL: 'warn',
    SMTP_URL: smtp.url,
    VAKSAM_MAIL__FROM: 'Vaksam <larm@vaksam.example.se>',
    VAKSAM_DATA_DIR: dir,
    VAKSAM_HTTP__PORT: '0',
    VAKSAM_HTTP__SCRYPT_LOG_N: '14',
    VAKSAM_COLLECT__SEED_DEMO_SOURCES: 'false',
  };
  sourceId = await addSource(database.db, 'telegram');
});

afterAll(async () => {
  await smtp.close();
  await deletePrefix(prefix);
  await database.drop();
  rmSync(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await clearAlerts(database.db);
  await database.db.execute(sql`truncate recipients restart identity cascade`);
  smtp.messages.length = 0;
});

async function criticalCaseAt(at: Date, text = 'Vi ska bränna socialkontoret ikväll.'): Promise<number> {
  const id = await addPost(database.db, { sourceId, platform: 'telegram', text: `${text} ${at.toISOString()}`, at });
  const caseId = (await addThreat(database.db, id, 'critical', at))!;
  await checkPosts(deps(at), [id]);
  return caseId;
}

describe('the first run, before anyone receives alerts', () => {
  it('keeps an alert nobody received and delivers it to the first recipient added for its role, within its waiting time', async () => {
    const now = new Date();
    await criticalCaseAt(new Date(now.getTime() - 30 * HOUR)); // older than alerts.waitingHours.threat (24)
    // Another threat, not a near-copy of the first (issue 18 would join a near-copy to the first case).
    await criticalCaseAt(new Date(now.getTime() - HOUR), 'Vi tar med oss bensin till familjecentralen på Storgatan i natt.');
    expect(await outboxRows(database.db)).toHaveLength(0);
    expect(await waitingAlertCounts(database.db, new Date(now.getTime() - 72 * HOUR))).toEqual({ security: 2 });

    const added = await cli(['recipients', 'add', '--name', 'Kim', '--email', 'kim@kommun.example.se', '--roles', 'communications'], env);
    expect(added.stdout).toBe('added recipient 1 (communications)\n'); // a communicator gets no threat alerts

    const security = await cli(['recipients', 'add', '--name', 'Sam', '--email', 'sam@kommun.example.se', '--roles', 'security'], env);
    const recent = (await alertRows(database.db)).at(-1)!;
    expect(security.stdout).toBe(`added recipient 2 (security)\nsent them 1 alert(s) that were waiting for a recipient: ${recent.id}\n`);
    await smtp.received(1);
    expect(smtp.messages[0]!.to).toEqual(['sam@kommun.example.se']);
    expect(smtp.messages[0]!.parsed.subject).toMatch(/^\[KRITISKT HOT\] Hot på telegram – ärende \d+/);
    // Delivered once: the alert no longer waits, and a second recipient does not get it again this way.
    const [sam] = await loadRecipients(database.db).then((all) => all.filter((r) => r.email === 'sam@kommun.example.se'));
    expect(await deliverWaitingAlerts(deps(now), sam!)).toEqual([]);
  });

  it('resends an alert to recipients added since, and says what it did', async () => {
    await criticalCaseAt(new Date());
    const [alert] = await alertRows(database.db);
    const nobody = await cli(['alerts', 'resend', String(alert!.id), '--all'], env);
    expect(nobody.stdout).toBe(`alert ${alert!.id}: nothing sent: no recipient gets security alerts yet (add one: vaksam recipients add … --roles security)\n`);
    await database.db.execute(sql`insert into recipients (name, email, language, roles, min_threat_level) values ('Sam', 'sam@kommun.example.se', 'sv', '["security"]', 'high')`);
    const resent = await cli(['alerts', 'resend', String(alert!.id), '--all'], env);
    expect(resent.stdout).toBe(`alert ${alert!.id}: 0 email(s)/post(s) queued again, 1 new email(s) to recipients added since\nalert ${alert!.id}: 1 email(s) sent, 0 will be retried, 0 failed\n`);
    await smtp.received(1);
    const again = await cli(['alerts', 'resend', String(alert!.id), '--all'], env);
    expect(again.stdout).toMatch(new RegExp(`^alert ${alert!.id}: 1 email\\(s\\)/post\\(s\\) queued again, 0 new`));
    const plain = await cli(['alerts', 'resend', String(alert!.id)], env);
    expect(plain.stdout).toBe(`alert ${alert!.id}: nothing to resend: nothing failed (add --all to send sent emails again)\n`);
  });
});

describe('vaksam start on the first run', () => {
  it('warns once that nobody receives alerts, with the command that fixes it', async () => {
    const run = startCli(['start'], env);
    await run.until(/Vaksam web UI: /);
    await run.until(/Nobody receives/);
    run.stop();
    const { code, stdout, stderr } = await run.done;
    expect(code).toBe(0);
    expect(stderr.match(/no recipient for these roles/g)).toHaveLength(1);
    expect(stderr).toMatch(/"roles":\["communications","security","admin"\]/);
    expect(stderr).toContain('Nobody receives communications, security, admin alerts yet');
    expect(stderr).toContain('npx vaksam recipients add --name "Your Name" --email you@example.org --roles communications,security,admin');
    expect(stderr).toContain('VAKSAM_ADMIN_EMAIL=you@example.org');
    expect(stdout).not.toContain('Alerts go to');
  }, 60_000);

  it('makes VAKSAM_ADMIN_EMAIL the first recipient, with every role, and sends it what waited', async () => {
    await criticalCaseAt(new Date());
    const run = startCli(['start'], { ...env, VAKSAM_ADMIN_EMAIL: 'chef@kommun.example.se' });
    await run.until(/Alerts go to/);
    run.stop();
    const { stdout, stderr } = await run.done;
    expect(stdout).toContain('Alerts go to chef@kommun.example.se (VAKSAM_ADMIN_EMAIL); 1 waiting alert(s) sent.');
    expect(stderr).not.toContain('no recipient for these roles');
    const [admin] = await loadRecipients(database.db);
    expect(admin).toMatchObject({ email: 'chef@kommun.example.se', roles: ['communications', 'security', 'admin'], minThreatLevel: 'medium' });
    expect((await outboxRows(database.db)).map((r) => r.toAddress)).toEqual(['chef@kommun.example.se']);
  }, 60_000);
});
