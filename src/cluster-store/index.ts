export { assignClusters, REPORT_PLATFORMS, type ClusterOutcome } from './assign-clusters.js';
export { findCoordination, shareEvents, summariseCoordination, type CoordinationQuery, type CoordinationSummary } from './coordination.js';
