import type { Processor } from 'bullmq';
import { classifyBatch, classifyCachesOf } from '../classify.js';
import type { App } from '../context.js';
import type { ClassifyJobData } from '../../queue/index.js';

/** One batch of post ids per job, with the classifiers this worker process built once. */
export function classifyProcessor(app: App): Processor<ClassifyJobData> {
  const caches = classifyCachesOf(app);
  return async (job) => classifyBatch(app, await caches(), job.data.postIds);
}
