export { assignClusters, ClusterAssigner, REPORT_PLATFORMS, type ClusterOutcome, type ClusterPost } from './assign-clusters.js';
export { findCoordination, shareEvents, summariseCoordination, type CoordinationQuery, type CoordinationSummary } from './coordination.js';
