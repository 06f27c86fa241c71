import { inArray } from 'drizzle-orm';
import { EventEmitter, once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Worker } from 'bullmq';
import { SMTPServer } from 'smtp-server';
import { checkPosts, type AlertDeps } from '../../src/alerts/index.js';
import { schema, type Db } from '../../src/db/index.js';
import { insertAlertWithEmails } from '../../src/db/queries/alerts.js';
import { insertSource, upsertPosts, type PostRow } from '../../src/db/queries/index.js';
import { insertRecipient } from '../../src/db/queries/recipients.js';
import { writeThreatResults } from '../../src/threat-cases/index.js';
import { silentLogger } from '../../src/log/index.js';
import { createMailTransport, deliverOutbox, messageIdFor, renderEmail, type DeliverySettings } from '../../src/mail/index.js';
import { connectRedis, Queues, type AlertJobData, type MailJobData } from '../../src/queue/index.js';
import { deletePrefix, REDIS_URL, testPrefix } from '../helpers/redis.js';
import { round, seededRandom } from './measure.js';
import { alertsConfigSchema } from '../../src/config/index.js';

const FROM = 'Vaksam <bench@vaksam.invalid>';
const SETTINGS: DeliverySettings = { from: FROM, batchSize: 50, maxAttempts: 3, retryBaseMs: 1000, retryMaxMs: 1000, sendingTimeoutMs: 60_000, maxConnections: 5 };

/** A lean SMTP sink: notes when each message is accepted, keyed by the case id header of threat emails. */
async function startSink() {
  const events = new EventEmitter();
  const accepted: { caseId: number | null; at: number }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // No reverse DNS lookup of 127.0.0.1 per connection: the sandbox has no resolver to ask.
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (c: Buffer) => {
        if (head.length < 4096) head += c.toString('latin1');
      });
      stream.on('end', () => {
        const match = /^X-Vaksam-Case: (\d+)/im.exec(head);
        accepted.push({ caseId: match ? Number(match[1]) : null, at: performance.now() });
        callback();
        events.emit('accepted');
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
    accepted,
    async until(n: number) {
      while (accepted.length < n) await once(events, 'accepted');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * Posts flow in at 1,000/s (classify-sized batches of 500 every 500 ms) for 10 s, 1 % carrying a high or
 * critical threat and 5 % a spreading narrative. After each batch is stored the classify entry point is called
 * (enqueueAlertCheck); real alert and mail BullMQ workers take it from there to a local SMTP server.
 * Latency: post + threat rows committed → that threat's email accepted by SMTP. Then outbox throughput alone.
 */
export async function benchAlerts(db: Db, batches = 20, batchSize = 500, intervalMs = 500) {
  const sink = await startSink();
  const redis = connectRedis(REDIS_URL);
  const prefix = testPrefix();
  const queues = new Queues(redis, { prefix, collectAttempts: 1, collectBackoffMs: 1000, classifyBatchSize: 500, sweepEveryMinutes: 5 });
  const workers: Worker[] = [];
  // Workers do not close connections handed to them; these are disconnected at the end.
  const connections = [redis.duplicate({ maxRetriesPerRequest: null }), redis.duplicate({ maxRetriesPerRequest: null })];
  try {
    const source = await insertSource(db, { kind: 'telegram', name: 'alerts bench', url: 'https://t.me/s/bench', config: {}, everyMinutes: 5, identityKey: 'alerts-bench' });
    for (const n of [1, 2]) {
      await insertRecipient(db, { name: `sec ${n}`, email: `sec${n}@bench.invalid`, language: n === 1 ? 'sv' : 'en', roles: ['security'], region: null, quietHours: null, narratives: [], minThreatLevel: 'high' }, new Date());
    }
    const deps: AlertDeps = {
      db,
      log: silentLogger,
      now: () => new Date(),
      settings: alertsConfigSchema.parse({}),
      uiBaseUrl: 'http://127.0.0.1:8080',
      from: FROM,
      notifyMail: (ids) => queues.enqueueMail(ids),
    };
    workers.push(
      new Worker<AlertJobData>('alert', async (job) => (job.data.task === 'posts' ? checkPosts(deps, job.data.postIds) : null), { prefix, connection: connections[0]!, concurrency: 2 }),
    );
    workers.push(
      new Worker<MailJobData>(
        'mail',
        async (job) => {
          const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '', timeoutMs: 10_000, maxConnections: SETTINGS.maxConnections });
          try {
            return await deliverOutbox({ db, transport, log: silentLogger, now: () => new Date(), settings: SETTINGS }, job.data.outboxIds);
          } finally {
            transport.close();
          }
        },
        { prefix, connection: connections[1]!, concurrency: 2 },
      ),
    );

    const random = seededRandom(11);
    const storedAt = new Map<number, number>();
    const start = performance.now();
    for (let b = 0; b < batches; b++) {
      const wait = start + b * intervalMs - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const now = new Date();
      const rows: PostRow[] = Array.from({ length: batchSize }, (_, i) => ({
        externalId: `b${b}-${i}`,
        url: `https://t.me/bench/${b}-${i}`,
        authorHandle: null,
        title: null,
        text: `Inlägg ${b}-${i}: vi vet var du bor, socialen tar barnen`,
        language: 'sv',
        publishedAt: now,
        contentHash: `h${b}-${i}`,
        metadata: {},
      }));
      const { inserted } = await upsertPosts(db, { sourceId: source!.id, platform: 'telegram', fetchRunId: null, now }, rows, batchSize);
      const threats = inserted.filter(() => random() < 0.01);
      const spreading = inserted.filter(() => random() < 0.05);
      if (threats.length > 0) {
        // As classifyPosts stores them: post_threats rows and one case per threatening text (each text here differs).
        const assessed = threats.map((postId, i) => ({
          postId,
          assessment: { level: i % 2 ? ('high' as const) : ('critical' as const), categories: ['threat' as const], signals: [{ kind: 'menace' as const, text: 'vi vet var du bor', start: 0, end: 0, rule: 'bench' }], rules: ['bench'] },
          rulesVersion: 'bench',
          contentHash: `h${postId}`,
          text: rows[inserted.indexOf(postId)]!.text,
        }));
        await db.transaction((tx) => writeThreatResults(tx as unknown as Db, assessed, now));
      }
      if (spreading.length > 0) {
        await db.insert(schema.postNarratives).values(spreading.map((postId) => ({ postId, slug: 'child-kidnapping', score: 0.7, stance: 'spreading' as const, explanation: {}, catalogueVersion: 'bench', contentHash: 'h', classifiedAt: now })));
      }
      const stored = performance.now();
      // Threat emails name the case (X-Vaksam-Case), so latency is keyed by case.
      if (threats.length > 0) {
        const filed = await db.select({ caseId: schema.threatCasePosts.caseId }).from(schema.threatCasePosts).where(inArray(schema.threatCasePosts.postId, threats));
        for (const f of filed) storedAt.set(Number(f.caseId), stored);
      }
      await queues.enqueueAlertCheck(inserted);
    }
    const expected = storedAt.size * 2;
    await sink.until(expected);
    const latencies = sink.accepted.filter((a) => a.caseId !== null && storedAt.has(a.caseId)).map((a) => a.at - storedAt.get(a.caseId!)!);
    latencies.sort((a, b) => a - b);
    await Promise.all(workers.splice(0).map((w) => w.close()));

    const throughput = await benchOutbox(db, sink, 2000);
    return {
      alert_latency_p50_ms: round(percentile(latencies, 50)),
      alert_latency_p95_ms: round(percentile(latencies, 95)),
      alert_threat_emails: latencies.length,
      outbox_emails_per_s: round(throughput),
    };
  } finally {
    await Promise.all(workers.map((w) => w.close()));
    for (const c of connections) c.disconnect();
    await queues.close();
    await deletePrefix(prefix);
    await redis.quit();
    await sink.close();
  }
}

/** Pending rows written at once, then sent by one delivery loop with a pooled SMTP transport: emails per second. */
async function benchOutbox(db: Db, sink: Awaited<ReturnType<typeof startSink>>, count: number): Promise<number> {
  const now = new Date();
  const email = renderEmail({ lang: 'sv', subject: 'Bench', preheader: 'bench', blocks: [{ kind: 'paragraph', text: 'x'.repeat(2000) }] });
  const key = `bench:${now.toISOString()}`;
  await db.transaction((tx) =>
    insertAlertWithEmails(
      tx as unknown as Db,
      { kind: 'test', dedupeKey: key, severity: 'info', subject: 'bench', payload: {}, postIds: [], createdAt: now },
      Array.from({ length: count }, (_, i) => ({ recipientId: null, toAddress: `r${i}@bench.invalid`, messageId: messageIdFor(key, i, FROM), ...email, attachments: [], notBefore: now })),
    ),
  );
  const before = sink.accepted.length;
  const transport = createMailTransport({ smtpUrl: sink.url, outboxDir: '', timeoutMs: 10_000, maxConnections: SETTINGS.maxConnections });
  const started = performance.now();
  try {
    let sent = 0;
    while (sent < count) sent += (await deliverOutbox({ db, transport, log: silentLogger, now: () => new Date(), settings: SETTINGS })).sent;
  } finally {
    transport.close();
  }
  await sink.until(before + count);
  return count / ((performance.now() - started) / 1000);
}
