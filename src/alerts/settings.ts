import type { SurgeSettings, SurgeThresholds } from '../config/index.js';

export type SurgeChannel = 'social' | 'news';

/** The thresholds in force for one narrative and channel: defaults with the narrative's overrides on top. */
export function thresholdsFor(settings: SurgeSettings, slug: string, channel: SurgeChannel): SurgeThresholds {
  return { ...settings[channel], ...(settings.overrides[slug]?.[channel] ?? {}) };
}

/** A stable name for a set of thresholds, so narratives sharing one are counted with one query. */
export function thresholdsKey(t: SurgeThresholds): string {
  return [t.windowMinutes, t.baselineMinutes].join(':');
}
