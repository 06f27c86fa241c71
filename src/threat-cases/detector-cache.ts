import { isAbsolute, join } from 'node:path';
import { packageRoot } from '../config/index.js';
import type { Db } from '../db/index.js';
import { createThreatDetector, loadThreatRulesDir, threatRulesFingerprint, type ThreatDetector, type ThreatRules, type WatchlistMatcher } from '../threats/index.js';
import { loadStoredThreatRules, threatRulesRevision } from './rules-store.js';
import type { WatchlistKey } from './watchlist-key.js';
import { loadWatchlistMatcher, watchlistRevision } from './watchlist-store.js';

export interface ThreatDetectorCacheOptions {
  /** Shipped rules (config/threats), used while the database holds none. */
  rulesDir: string;
  /** Null: no watchlist matching (no key configured). */
  watchlistKey: WatchlistKey | null;
}

export interface CachedThreatDetector {
  detector: ThreatDetector;
  /** What the detector was built from, for the classify stage's own detector (one analysis per post). */
  rules: ThreatRules;
  watchlist: WatchlistMatcher | undefined;
  /** Rules fingerprint, stored as post_threats.rules_version. */
  version: string;
  /** Watchlist entries sealed with another key, left out of matching (worth a warning). */
  watchlistOtherKey: number;
}

/** The detector for the rules and watchlist in force, rebuilt only when either changes (two cheap queries a batch). */
export class ThreatDetectorCache {
  private revision: string | null = null;
  private current: CachedThreatDetector | null = null;

  constructor(
    private readonly db: Db,
    private readonly options: ThreatDetectorCacheOptions,
  ) {}

  async get(): Promise<CachedThreatDetector> {
    const key = this.options.watchlistKey;
    const revision = `${await threatRulesRevision(this.db)}|${key === null ? '-' : await watchlistRevision(this.db)}`;
    if (this.current && revision === this.revision) return this.current;
    const stored = await loadStoredThreatRules(this.db);
    const rules = stored?.rules ?? (await loadThreatRulesDir(resolveDir(this.options.rulesDir)));
    const watchlist = key === null ? null : await loadWatchlistMatcher(this.db, key);
    const version = stored?.fingerprint ?? threatRulesFingerprint(rules);
    this.current = { detector: createThreatDetector(rules, watchlist?.matcher, { version }), rules, watchlist: watchlist?.matcher, version, watchlistOtherKey: watchlist?.otherKey ?? 0 };
    this.revision = revision;
    return this.current;
  }
}

function resolveDir(dir: string): string {
  return isAbsolute(dir) ? dir : join(packageRoot(), dir);
}
