import { describe, expect, it } from 'vitest';
import { healthAfterFailure, healthAfterSuccess, isBackedOff } from '../../src/pipeline/index.js';

const settings = { unhealthyAfterFailures: 3, maxBackoffMinutes: 120 };
const now = new Date('2026-11-23T10:00:00Z');

describe('source health', () => {
  it('resets the failure streak after a successful run', () => {
    expect(healthAfterSuccess()).toEqual({ health: 'healthy', consecutiveFailures: 0, backoffUntil: null });
  });

  it.each([
    [0, 'failing', null],
    [1, 'failing', null],
    [2, 'unhealthy', 15],
    [3, 'unhealthy', 30],
    [4, 'unhealthy', 60],
    [5, 'unhealthy', 120],
    [9, 'unhealthy', 120],
  ])('after %i earlier failures it is %s with a back-off of %s minutes', (previous, health, minutes) => {
    const state = healthAfterFailure(previous, 15, now, settings);
    expect(state.health).toBe(health);
    expect(state.consecutiveFailures).toBe(previous + 1);
    expect(state.backoffUntil?.getTime() ?? null).toBe(minutes === null ? null : now.getTime() + minutes * 60_000);
  });

  it('skips runs only while the back-off lasts', () => {
    const until = new Date(now.getTime() + 60_000);
    expect(isBackedOff(until, now)).toBe(true);
    expect(isBackedOff(until, new Date(now.getTime() + 60_001))).toBe(false);
    expect(isBackedOff(null, now)).toBe(false);
  });
});
