import type { Processor } from 'bullmq';
import type { App } from '../context.js';
import { reportDepsOf, runTiplineJob } from '../tipline.js';
import type { TiplineJobData } from '../../queue/index.js';

export function tiplineProcessor(app: App): Processor<TiplineJobData> {
  const reportDeps = reportDepsOf(app);
  return (job) => runTiplineJob(app, reportDeps, job.data);
}
