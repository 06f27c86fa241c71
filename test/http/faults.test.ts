import { QueueEvents, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleDeps } from '../../src/app/index.js';
import { ScheduleReconciler } from '../../src/pipeline/index.js';
import { Client, startTestWeb, type TestWeb } from './harness.js';

let web: TestWeb;
let admin: Client;
const MARKER = 'inläggstext-b81e';

beforeAll(async () => {
  web = await startTestWeb();
  await web.addUser('anna', 'admin');
  admin = new Client(web.url);
  await admin.signIn('anna');
});
afterAll(() => web.close());

describe('hostile input and what the UI shows of failures', () => {
  it.each(['/api/v1/posts?q=a%00b', '/posts?q=a%00b', '/api/v1/posts?lang=%00'])('answers 400, not 500, to %s', async (path) => {
    const reply = await admin.get(path);
    expect(reply.status).toBe(400);
    expect(reply.json().error.code).toBe('BAD_INPUT_CHARACTERS');
  });

  it('answers 400 to a JSON body with a NUL', async () => {
    const reply = await admin.request('POST', '/api/v1/recipients', { json: { name: 'a\u0000b', email: 'x@kommun.se', roles: ['admin'] } });
    expect(reply.status).toBe(400);
  });

  it('is not ready while an expected job scheduler is missing, and counts reconciliations in /metrics', async () => {
    const missing = await admin.get('/readyz');
    expect(missing.status).toBe(503);
    expect(missing.json().checks.schedules.ok).toBe(false);
    expect(missing.json().checks.schedules.detail).toMatch(/job scheduler\(s\) missing: .*alert\/alert-tick/);
    expect((await admin.get('/metrics')).text).toMatch(/^vaksam_schedulers_missing [1-9]\d*$/m);

    web.app.reconciler = new ScheduleReconciler({ ...scheduleDeps(web.app)!, redis: web.app.redis!, log: web.app.log, everyMs: 3_600_000, recoverLostJobs: async () => ({}) });
    expect((await web.app.reconciler.start()).restored).toBeGreaterThan(0);
    const ready = await admin.get('/readyz');
    expect(ready.status, ready.text).toBe(200);
    const metrics = (await admin.get('/metrics')).text;
    expect(metrics).toMatch(/^vaksam_schedulers_missing 0$/m);
    expect(metrics).toMatch(/^vaksam_schedule_reconciliations_total 1$/m);
  });

  it('never shows a database statement dump of a failed job on the Queues page', async () => {
    const { prefix } = web.app.config.redis;
    const queue = web.app.queues!.classify;
    const events = new QueueEvents('classify', { connection: web.app.redis!.duplicate(), prefix });
    const worker = new Worker(
      'classify',
      async () => {
        // What an older version stored: Drizzle's message with the statement's parameters.
        throw new Error(`Failed query: insert into "post_narratives" values ($1)\nparams: ${MARKER}`);
      },
      { connection: web.app.redis!.duplicate({ maxRetriesPerRequest: null }), prefix },
    );
    try {
      await events.waitUntilReady();
      const job = await queue.add('classify', { postIds: [1] });
      await expect(job.waitUntilFinished(events)).rejects.toThrow();
    } finally {
      await worker.close();
      await events.close();
    }
    const page = await admin.get('/queues?failed=classify', { accept: 'text/html' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('database statement failed');
    expect(page.text).not.toContain(MARKER);
  });
});
