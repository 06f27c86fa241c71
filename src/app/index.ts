// Wiring lives here and only here: the app opened from config, the dependencies each stage gets from it, one
// function per job or command, and the BullMQ workers. Entry points (cli, http) import this file only.
export { openApp, collectDeps, recoveryDeps, scheduleDeps, sourceAdminDeps, type App, type OpenAppOptions } from './context.js';
export { alertDepsFromApp, runAlertJob, uiBaseUrl } from './alert-deps.js';
export { classifyBatch, classifyCachesOf } from './classify.js';
export { channelDeliverySettings, deliverDue, deliverySettings } from './deliver.js';
export { runMaintenance } from './maintenance.js';
export { readReportMailbox, reportDepsOf, runTiplineJob } from './tipline.js';
export { DEMO_SOURCES_FILE, seedCatalogue, seedDemoSources, seedThreatRules } from './seed.js';
export { settlesWithin } from './deadline.js';
export { checkRecipients, keepSchedules, prepareStart, type RecipientCheck } from './start.js';
export { startWorkers, type RunningWorkers } from './workers/index.js';
