import { QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, type App, startWorkers } from '../../src/app/index.js';
import { loadConfig } from '../../src/config/index.js';
import { silentLogger } from '../../src/log/index.js';
import { ALERT_TICK_SCHEDULER, MAIL_SWEEP_SCHEDULER } from '../../src/queue/index.js';
import { addNarrativeMatch, addPost, addRecipient, addSource, addThreat, outboxRows } from '../alerts/fixtures.js';
import { createTestDatabase } from '../helpers/postgres.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';
import { startSmtpServer, type SmtpTestServer } from '../mail/smtp-test-server.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let smtp: SmtpTestServer;
let app: App;
let events: QueueEvents;
const prefix = testPrefix();

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpServer();
  const env = { DATABASE_URL: database.url, REDIS_URL, VAKSAM_REDIS__PREFIX: prefix, SMTP_URL: smtp.url, LOG_LEVEL: 'silent' };
  app = await openApp(loadConfig({ env }), silentLogger, { redis: 'required', migrate: false });
  events = new QueueEvents('alert', { connection: app.redis!.duplicate(), prefix });
  await events.waitUntilReady();
  await addRecipient(database.db, { email: 'sec@kommun.example.se', roles: ['security'] });
  await addRecipient(database.db, { email: 'komm@kommun.example.se', roles: ['communications'] });
});

afterAll(async () => {
  await events.close();
  await app.close();
  await smtp.close();
  await deletePrefix(prefix);
  await database.drop();
});

describe('alert and mail workers', () => {
  it('turn a stored threat and a surge into emails accepted by SMTP, from the classify entry point', async () => {
    const running = startWorkers(app, ['alert', 'mail']);
    try {
      const now = new Date();
      const source = await addSource(database.db, 'telegram');
      const threatPost = await addPost(database.db, { sourceId: source, platform: 'telegram', text: 'jag bränner kontoret ikväll', at: now });
      await addThreat(database.db, threatPost, 'critical', now);
      const surgePosts = [];
      for (let i = 0; i < 12; i++) {
        const id = await addPost(database.db, { sourceId: source, platform: 'telegram', at: new Date(now.getTime() - i * 60_000) });
        await addNarrativeMatch(database.db, id, 'child-kidnapping', now);
        surgePosts.push(id);
      }
      await app.queues!.enqueueAlertCheck([threatPost, ...surgePosts]);
      await smtp.received(2);
      const subjects = smtp.messages.map((m) => `${m.to[0]} ${m.parsed.subject}`).sort();
      expect(subjects[0]).toMatch(/^komm@kommun\.example\.se Ökning: child-kidnapping – 12 inlägg senaste timmen/);
      expect(subjects[1]).toMatch(/^sec@kommun\.example\.se \[KRITISKT HOT\] Hot på telegram – ärende \d+/);
      // The same event again (a retried classify job): nothing new.
      const again = await app.queues!.alert.add('alert', { task: 'posts', postIds: [threatPost, ...surgePosts] });
      expect(await again.waitUntilFinished(events)).toEqual({ threats: 0, surges: 0 });
      expect((await outboxRows(database.db)).map((r) => r.status)).toEqual(['sent', 'sent']);
    } finally {
      await running.close();
    }
  });

  it('schedules the repeating tick and outbox sweep once', async () => {
    await app.queues!.scheduleAlertJobs(60, 60);
    await app.queues!.scheduleAlertJobs(30, 60);
    const alert = await app.queues!.alert.getJobSchedulers(0, -1);
    const mail = await app.queues!.mail.getJobSchedulers(0, -1);
    expect(alert.map((s) => [s.key, s.every])).toEqual([[ALERT_TICK_SCHEDULER, 30_000]]);
    expect(mail.map((s) => s.key)).toEqual([MAIL_SWEEP_SCHEDULER]);
  });
});
