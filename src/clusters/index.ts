export { comparableWords, hashString, jaccard, jaccardAtLeast, shingleHashes, WordReader } from './shingles.js';
export { BANDS, ROWS, bandHashes, bandKeys, minhashSignature } from './minhash.js';
export { ClusterIndex, fingerprintShingles, fingerprintText, MAX_COMPARED, MAX_PER_BAND, type Assignment, type FingerprintOptions, type IndexedCluster, type TextFingerprint } from './cluster-index.js';
export { detectCoordination, summariseCoordination, type CoordinationEvidence, type CoordinationNetwork, type CoordinationSummary, type ShareEvent } from './coordination.js';
export type { ClusterSettings, CoordinationSettings } from '../config/index.js';
export { sharedLinks } from './share-keys.js';
