import { join } from 'node:path';
import { packageRoot } from '../../src/config/index.js';
import { createThreatDetector, loadThreatRulesDir, type ThreatDetector, type ThreatRules, type WatchlistMatcher } from '../../src/threats/index.js';

/** The shipped rules (config/threats), loaded once per test file. */
let shipped: Promise<ThreatRules> | undefined;

export function shippedRules(): Promise<ThreatRules> {
  shipped ??= loadThreatRulesDir(join(packageRoot(), 'config', 'threats'));
  return shipped;
}

export async function shippedDetector(watchlist?: WatchlistMatcher): Promise<ThreatDetector> {
  return createThreatDetector(await shippedRules(), watchlist);
}
