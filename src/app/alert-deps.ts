import { checkPosts, runAlertTick } from '../alerts/index.js';
import { sendDueDigests, type DigestDeps } from '../digest/index.js';
import { publicOrigin } from '../config/index.js';
import { QUEUE, type AlertJobData } from '../queue/index.js';
import type { App } from './context.js';

/**
 * Where links in alerts point: alerts.uiBaseUrl, else http.publicUrl, else the address this process's web server
 * listens on, else the one http.host and http.port configure (a worker without a web server).
 */
export function uiBaseUrl(app: Pick<App, 'config' | 'webUrl'>): string {
  return app.config.alerts.uiBaseUrl ?? app.config.http.publicUrl ?? app.webUrl ?? publicOrigin(app.config.http);
}

/** What the alert and digest jobs need, from the opened app (workers, CLI commands, web routes). */
export function alertDepsFromApp(app: App): DigestDeps {
  return {
    db: app.database.db,
    log: app.log,
    now: app.now,
    settings: app.config.alerts,
    digest: app.config.digest,
    from: app.config.mail.from,
    uiBaseUrl: uiBaseUrl(app),
    channels: app.config.channels,
    coordination: app.config.clusters.coordination,
    notifyMail: async (ids) => {
      if (!app.queues) return;
      // Only channel posts are new: a sweep job delivers them (and anything else due).
      if (ids.length === 0) await app.queues.mail.add(QUEUE.mail, {}, { removeOnComplete: true, removeOnFail: 100 });
      else await app.queues.enqueueMail(ids);
    },
  };
}

/** `posts`: the event entry point after a classify batch; `tick`: surges, cases, medium batch, escalation, silence, digests. */
export async function runAlertJob(deps: DigestDeps, job: AlertJobData) {
  if (job.task === 'posts') return checkPosts(deps, job.postIds);
  const tick = await runAlertTick(deps);
  return { ...tick, digests: await sendDueDigests(deps) };
}
