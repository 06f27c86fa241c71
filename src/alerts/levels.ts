import type { ThreatLevel } from '../db/schema/index.js';

export const THREAT_LEVELS: readonly ThreatLevel[] = ['none', 'low', 'medium', 'high', 'critical'];

export function isThreatLevel(value: string): value is ThreatLevel {
  return (THREAT_LEVELS as readonly string[]).includes(value);
}

/** True when `level` is `min` or more severe. */
export function isAtLeast(level: ThreatLevel, min: ThreatLevel): boolean {
  return THREAT_LEVELS.indexOf(level) >= THREAT_LEVELS.indexOf(min);
}
