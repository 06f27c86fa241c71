import type { Processor } from 'bullmq';
import { checkPosts, runAlertTick } from '../src/alerts/index.js';
import type { App } from '../src/app/context.js';
import { sendDueDigests, type DigestDeps } from '../src/digest/index.js';
import type { AlertJobData } from '../src/queue/index.js';

export function alertDepsFromApp(app: App): DigestDeps {
  return {
    db: app.database.db,
    log: app.log,
    now: app.now,
    settings: app.config.alerts,
    digest: app.config.digest,
    from: app.config.mail.from,
    notifyMail: async (ids) => {
      await app.queues?.enqueueMail(ids);
    },
  };
}

/** `posts`: the event entry point after a classify batch; `tick`: surges, lost threats, medium batch, silence, digests. */
export function alertProcessor(app: App): Processor<AlertJobData> {
  const deps = alertDepsFromApp(app);
  return async (job) => {
    if (job.data.task === 'posts') return checkPosts(deps, job.data.postIds);
    const tick = await runAlertTick(deps);
    return { ...tick, digests: await sendDueDigests(deps) };
  };
}
