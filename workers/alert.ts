import type { Processor } from 'bullmq';
import { checkPosts, runAlertTick } from '../src/alerts/index.js';
import { alertDepsFromApp } from '../src/app/alert-deps.js';
import type { App } from '../src/app/context.js';
import { sendDueDigests } from '../src/digest/index.js';
import type { AlertJobData } from '../src/queue/index.js';

/** `posts`: the event entry point after a classify batch; `tick`: surges, cases, medium batch, escalation, silence, digests. */
export function alertProcessor(app: App): Processor<AlertJobData> {
  const deps = alertDepsFromApp(app);
  return async (job) => {
    if (job.data.task === 'posts') return checkPosts(deps, job.data.postIds);
    const tick = await runAlertTick(deps);
    return { ...tick, digests: await sendDueDigests(deps) };
  };
}
