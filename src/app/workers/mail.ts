import type { Processor } from 'bullmq';
import type { App } from '../context.js';
import { deliverDue } from '../deliver.js';
import type { MailJobData } from '../../queue/index.js';

/** Sends the given outbox rows, or (the repeating sweep) every due, retried or abandoned row; and due channel posts. */
export function mailProcessor(app: App): Processor<MailJobData> {
  return (job) => deliverDue(app, job.data.outboxIds);
}
