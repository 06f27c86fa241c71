export { assignClusters, ClusterAssigner, readClusterPosts, REPORT_PLATFORMS, type ClusterOutcome, type ClusterPost } from './assign-clusters.js';
export { findCoordination, shareEvents, type CoordinationQuery } from './coordination.js';
