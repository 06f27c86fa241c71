export * from './store.js';
export { diffLines, formatDiff, type DiffLine } from './line-diff.js';
