import type { Processor } from 'bullmq';
import { alertDepsFromApp, runAlertJob } from '../alert-deps.js';
import type { App } from '../context.js';
import type { AlertJobData } from '../../queue/index.js';

export function alertProcessor(app: App): Processor<AlertJobData> {
  const deps = alertDepsFromApp(app);
  return (job) => runAlertJob(deps, job.data);
}
