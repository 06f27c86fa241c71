export { ClassifierCache, classifyPosts, type ClassifyBatchOutcome, type ClassifyCaches } from './classify-posts.js';
export { backtestNarrative, type BacktestOptions, type BacktestReport, type BacktestSample } from './backtest.js';
