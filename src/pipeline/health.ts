import type { SourceHealth } from '../db/index.js';

export interface HealthSettings {
  unhealthyAfterFailures: number;
  maxBackoffMinutes: number;
}

export interface HealthState {
  health: SourceHealth;
  consecutiveFailures: number;
  backoffUntil: Date | null;
}

/** A run that fetched (even nothing new) resets the failure streak. */
export function healthAfterSuccess(): HealthState {
  return { health: 'healthy', consecutiveFailures: 0, backoffUntil: null };
}

/**
 * One more failure. Below the threshold the source is `failing` and keeps its schedule; at the threshold it is
 * `unhealthy` and skipped for a doubling back-off (its schedule, every N minutes, times 2^k, capped) so a dead
 * site is not hammered, while every skipped run stays visible in `sources list`.
 */
export function healthAfterFailure(
  previousFailures: number,
  everyMinutes: number,
  now: Date,
  settings: HealthSettings,
): HealthState {
  const failures = previousFailures + 1;
  if (failures < settings.unhealthyAfterFailures) {
    return { health: 'failing', consecutiveFailures: failures, backoffUntil: null };
  }
  const exponent = Math.min(failures - settings.unhealthyAfterFailures, 16);
  const minutes = Math.min(everyMinutes * 2 ** exponent, settings.maxBackoffMinutes);
  return { health: 'unhealthy', consecutiveFailures: failures, backoffUntil: new Date(now.getTime() + minutes * 60_000) };
}

/** True while a backed-off source should skip its scheduled run. */
export function isBackedOff(backoffUntil: Date | null, now: Date): boolean {
  return backoffUntil !== null && backoffUntil.getTime() > now.getTime();
}
