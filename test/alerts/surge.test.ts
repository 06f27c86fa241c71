import { describe, expect, it } from 'vitest';
import { EMPTY_SURGE_STATE, evaluateSurge, type SurgeCounts, type SurgeState } from '../../src/alerts/index.js';
import { SOCIAL_DEFAULTS } from '../../src/config/index.js';

const t = SOCIAL_DEFAULTS; // 60 min vs 720 min, ratio 3, floor of 10 posts, baseline floor 2, cooldown 180 min, growth 2
const now = new Date('2026-11-23T10:00:00Z');
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const counts = (window: number, baseline: number, extra: Partial<SurgeCounts> = {}): SurgeCounts => ({ window, baseline, newPlatforms: [], newLanguages: [], ...extra });

describe('evaluateSurge', () => {
  it.each([
    ['both ratio and floor met', 12, 12, true], // expected 1 → floor 2, ratio 6
    ['ratio met but under the absolute floor', 9, 0, false],
    ['floor met but the baseline is as busy', 40, 480, false], // expected 40, ratio 1
    ['exactly the thresholds', 10, 0, true], // expected floor 2, ratio 5
    ['ratio just under', 29, 120, false], // expected 10, ratio 2.9
  ])('alerts only when %s', (_name, window, baseline, alerts) => {
    expect(evaluateSurge('x', 'social', counts(window, baseline), EMPTY_SURGE_STATE, t, now).alert !== null).toBe(alerts);
  });

  it('gives one alert per episode and a stable dedupe key', () => {
    const first = evaluateSurge('lvu', 'social', counts(15, 12), EMPTY_SURGE_STATE, t, now);
    expect(first.alert).toMatchObject({ reason: 'surge', window: 15, expected: 2, ratio: 7.5, seq: 0, dedupeKey: 'surge:lvu:social:2026-11-23T10:00:00.000Z:0' });
    const again = evaluateSurge('lvu', 'social', counts(20, 12), first.state, t, later(5));
    expect(again.alert).toBeNull();
    expect(again.state).toEqual(first.state);
  });

  it('alerts again within an episode only when the count grew by the growth factor', () => {
    const first = evaluateSurge('lvu', 'social', counts(15, 12), EMPTY_SURGE_STATE, t, now).state;
    expect(evaluateSurge('lvu', 'social', counts(29, 12), first, t, later(10)).alert).toBeNull();
    const grown = evaluateSurge('lvu', 'social', counts(30, 12), first, t, later(10));
    expect(grown.alert).toMatchObject({ reason: 'growth', seq: 1, dedupeKey: 'surge:lvu:social:2026-11-23T10:00:00.000Z:1' });
    expect(grown.state.lastAlertCount).toBe(30);
  });

  it('ends the episode when the surge is over, and keeps a new one quiet during the cooldown', () => {
    const first = evaluateSurge('lvu', 'social', counts(15, 12), EMPTY_SURGE_STATE, t, now).state;
    const ended = evaluateSurge('lvu', 'social', counts(2, 20), first, t, later(60));
    expect(ended.alert).toBeNull();
    expect(ended.state.episodeStart).toBeNull();
    expect(evaluateSurge('lvu', 'social', counts(15, 12), ended.state, t, later(120)).alert).toBeNull();
    const next = evaluateSurge('lvu', 'social', counts(15, 12), ended.state, t, later(180));
    expect(next.alert).toMatchObject({ reason: 'surge', seq: 0, episodeStart: later(180).toISOString() });
  });

  it('alerts a new platform or language even below the floor, once per episode', () => {
    const first = evaluateSurge('foster', 'social', counts(3, 0, { newPlatforms: ['tiktok'], newLanguages: ['ar'] }), EMPTY_SURGE_STATE, t, now);
    expect(first.alert).toMatchObject({ reason: 'new-channel', newPlatforms: ['tiktok'], newLanguages: ['ar'] });
    const same = evaluateSurge('foster', 'social', counts(4, 0, { newPlatforms: ['tiktok'], newLanguages: ['ar'] }), first.state, t, later(10));
    expect(same.alert).toBeNull();
    expect(same.state.episodeStart).not.toBeNull();
    const another = evaluateSurge('foster', 'social', counts(5, 0, { newPlatforms: ['tiktok', 'youtube'], newLanguages: ['ar'] }), same.state, t, later(20));
    expect(another.alert).toMatchObject({ reason: 'new-channel', newPlatforms: ['youtube'], newLanguages: [], seq: 1 });
  });

  it('tells an episode once, then growth or a new platform no sooner than the follow-up time (issue 14)', () => {
    const first = evaluateSurge('lvu', 'social', counts(15, 12), EMPTY_SURGE_STATE, t, now, 60).state;
    expect(evaluateSurge('lvu', 'social', counts(40, 12, { newPlatforms: ['tiktok'] }), first, t, later(10), 60).alert).toBeNull();
    const due = evaluateSurge('lvu', 'social', counts(40, 12, { newPlatforms: ['tiktok'] }), first, t, later(60), 60);
    expect(due.alert).toMatchObject({ reason: 'growth', seq: 1, newPlatforms: ['tiktok'] });
    expect(evaluateSurge('lvu', 'social', counts(90, 12), due.state, t, later(90), 60).alert).toBeNull();
  });

  it('does not change a state that has nothing to say', () => {
    const state: SurgeState = { ...EMPTY_SURGE_STATE, lastAlertAt: now.toISOString(), lastAlertCount: 15 };
    expect(evaluateSurge('lvu', 'social', counts(1, 1), state, t, later(1))).toEqual({ state, alert: null });
  });
});
