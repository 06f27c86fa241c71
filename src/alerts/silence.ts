/** What the silence rule needs to know about one source. */
export interface SourceActivity {
  sourceId: number;
  enabled: boolean;
  /** Days with new posts within the history period (which ends where the silence period starts). */
  activeDays: number;
  lastItemsAt: Date | null;
  lastSuccessAt: Date | null;
}

export interface SilenceSettings {
  afterHours: number;
  historyDays: number;
  minActiveDays: number;
}

export interface SilenceFinding {
  sourceId: number;
  /** `errors`: no successful run in the silence period either, so the collector is probably blocked. */
  reason: 'no-items' | 'errors';
  silentSince: Date;
  /** One alert per silence: keyed on the last items seen before it. */
  dedupeKey: string;
}

/**
 * Sources that normally bring items every day and brought none for `afterHours`, so that a blocked collector is
 * never mistaken for a quiet week. Sources without a daily history (new, weekly blogs) are left alone.
 */
export function findSilentSources(sources: readonly SourceActivity[], settings: SilenceSettings, now: Date): SilenceFinding[] {
  const cutoff = now.getTime() - settings.afterHours * 3_600_000;
  return sources.flatMap((s) => {
    if (!s.enabled || s.activeDays < settings.minActiveDays || !s.lastItemsAt || s.lastItemsAt.getTime() > cutoff) return [];
    const failing = !s.lastSuccessAt || s.lastSuccessAt.getTime() <= cutoff;
    return [
      {
        sourceId: s.sourceId,
        reason: failing ? ('errors' as const) : ('no-items' as const),
        silentSince: s.lastItemsAt,
        dedupeKey: `silence:source:${s.sourceId}:${s.lastItemsAt.toISOString()}`,
      },
    ];
  });
}
