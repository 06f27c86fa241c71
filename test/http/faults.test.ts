import { QueueEvents, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
