export { assignClusters, REPORT_PLATFORMS, type ClusterOutcome } from './assign-clusters.js';
