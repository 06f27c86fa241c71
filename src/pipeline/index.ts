export { collectSource, testSource, SourceNotFoundError, type CollectDeps, type CollectSummary } from './collect-source.js';
export * from './source-admin.js';
export { contentHash } from './content-hash.js';
export { healthAfterFailure, healthAfterSuccess, isBackedOff } from './health.js';
export { importFile, type ImportFileSummary } from './import-file.js';
export { toPostRow } from './post-row.js';
export { missingSchedules, reconcileAllSchedules, ScheduleReconciler, type ScheduleDeps } from './schedules.js';
export { closeAbandonedRuns, enqueueLostClassifications, processRunOwner, recoverLostWork, type RecoveryDeps } from './recovery.js';
