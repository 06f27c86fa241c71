import type { SurgeThresholds } from '../config/index.js';
import type { SurgeChannel } from './settings.js';

/** Spreading posts of one narrative on one channel, counted by the caller at `now`. */
export interface SurgeCounts {
  window: number;
  baseline: number;
  /** Platforms and languages with enough posts in the window and none in the look-back before it. */
  newPlatforms: string[];
  newLanguages: string[];
}

/** Kept per narrative and channel between evaluations (alert_state), so one episode gives one alert. */
export interface SurgeState {
  /** ISO time the current episode started; null when none is running. */
  episodeStart: string | null;
  lastAlertAt: string | null;
  lastAlertCount: number;
  /** Alerts sent in the current episode (0 for the first). */
  seq: number;
  /** `platform:x` / `language:y` already announced as new in this episode. */
  announced: string[];
}

export interface SurgeAlert {
  dedupeKey: string;
  reason: 'surge' | 'growth' | 'new-channel';
  window: number;
  expected: number;
  ratio: number;
  newPlatforms: string[];
  newLanguages: string[];
  episodeStart: string;
  seq: number;
}

export const EMPTY_SURGE_STATE: SurgeState = { episodeStart: null, lastAlertAt: null, lastAlertCount: 0, seq: 0, announced: [] };

/** The count the window would have at the baseline's rate, never below the floor. */
export function expectedCount(baseline: number, t: SurgeThresholds): number {
  return Math.max((baseline * t.windowMinutes) / t.baselineMinutes, t.baselineFloor);
}

export function surgeKey(slug: string, channel: SurgeChannel): string {
  return `surge:${slug}:${channel}`;
}

/** The emails of one episode are one conversation. */
export function surgeThread(slug: string, channel: SurgeChannel, episodeStart: string): string {
  return `thread:${surgeKey(slug, channel)}:${episodeStart}`;
}

/**
 * One evaluation of one narrative on one channel. An episode starts when the window holds at least `minCount`
 * posts and `minRatio` times the expected count, or when the narrative shows up on a new platform or language;
 * it ends when neither holds. Within an episode only growth by `growthFactor` or another new platform/language
 * alerts again, and no sooner than `followUpMinutes` after the last alert (one email per episode, then summaries,
 * however many classify batches feed it); a new episode may not alert within `cooldownMinutes` of the last alert.
 */
export function evaluateSurge(
  slug: string,
  channel: SurgeChannel,
  counts: SurgeCounts,
  state: SurgeState,
  t: SurgeThresholds,
  now: Date,
  followUpMinutes = 0,
): { state: SurgeState; alert: SurgeAlert | null } {
  const expected = expectedCount(counts.baseline, t);
  const ratio = counts.window / expected;
  const surging = counts.window >= t.minCount && ratio >= t.minRatio;
  const channels = [...counts.newPlatforms.map((p) => `platform:${p}`), ...counts.newLanguages.map((l) => `language:${l}`)];
  const fresh = channels.filter((c) => !state.announced.includes(c));

  if (!surging && channels.length === 0) {
    return { state: state.episodeStart ? { ...state, episodeStart: null, seq: 0, announced: [] } : state, alert: null };
  }
  let reason: SurgeAlert['reason'];
  let next: SurgeState;
  if (state.episodeStart === null) {
    if (fresh.length === 0 && !surging) return { state, alert: null };
    const sinceLast = state.lastAlertAt ? now.getTime() - Date.parse(state.lastAlertAt) : Infinity;
    if (sinceLast < t.cooldownMinutes * 60_000) return { state, alert: null };
    reason = surging ? 'surge' : 'new-channel';
    next = { episodeStart: now.toISOString(), lastAlertAt: null, lastAlertCount: 0, seq: 0, announced: [] };
  } else {
    const grew = surging && counts.window >= state.lastAlertCount * t.growthFactor;
    if (!grew && fresh.length === 0) return { state, alert: null };
    const sinceLast = state.lastAlertAt ? now.getTime() - Date.parse(state.lastAlertAt) : Infinity;
    if (sinceLast < followUpMinutes * 60_000) return { state, alert: null };
    reason = grew ? 'growth' : 'new-channel';
    next = { ...state, seq: state.seq + 1 };
  }
  next = { ...next, lastAlertAt: now.toISOString(), lastAlertCount: counts.window, announced: [...next.announced, ...fresh] };
  const episodeStart = next.episodeStart!;
  return {
    state: next,
    alert: {
      dedupeKey: `${surgeKey(slug, channel)}:${episodeStart}:${next.seq}`,
      reason,
      window: counts.window,
      expected: round1(expected),
      ratio: round1(ratio),
      newPlatforms: counts.newPlatforms.filter((p) => fresh.includes(`platform:${p}`)),
      newLanguages: counts.newLanguages.filter((l) => fresh.includes(`language:${l}`)),
      episodeStart,
      seq: next.seq,
    },
  };
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
