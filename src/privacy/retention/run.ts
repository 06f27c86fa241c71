import type { Config } from '../../config/index.js';
import type { Db } from '../../db/index.js';
import { loadWatchlistKey } from '../../threat-cases/index.js';
import { applyRetention, type RetentionOutcome } from './apply.js';

/** The pseudonym key, derived from the watchlist master key (created, mode 0600, when there is none yet). */
export async function loadPseudonymKey(config: Readonly<Config>): Promise<Buffer> {
  const key = await loadWatchlistKey(config.threats, config.database.dataDir, { create: true });
  if (!key) throw new Error('unreachable: loadWatchlistKey with create returns a key');
  return key.pseudonymKey;
}

/** Retention with the configured periods: what the maintenance worker runs daily and `privacy retention` runs now. */
export async function runRetention(db: Db, config: Readonly<Config>, now: Date, actor?: string): Promise<RetentionOutcome> {
  return applyRetention(db, {
    settings: config.privacy,
    dismissedRetentionDays: config.threats.dismissedRetentionDays,
    pseudonymKey: await loadPseudonymKey(config),
    now,
    ...(actor ? { actor } : {}),
  });
}
