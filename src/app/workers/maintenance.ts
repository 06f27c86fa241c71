import type { Processor } from 'bullmq';
import type { App } from '../context.js';
import { runMaintenance } from '../maintenance.js';
import type { MaintenanceJobData } from '../../queue/index.js';

export function maintenanceProcessor(app: App): Processor<MaintenanceJobData> {
  return (job) => runMaintenance(app, job.data.task);
}
