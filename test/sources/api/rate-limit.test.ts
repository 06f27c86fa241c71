import { describe, expect, it } from 'vitest';
import { rateLimitStop, readRateLimit } from '../../../src/sources/api/index.js';

const now = new Date('2026-11-23T08:00:00Z');

describe('readRateLimit', () => {
  it.each([
    ['Mastodon (ISO reset)', { 'x-ratelimit-remaining': '299', 'x-ratelimit-reset': '2026-11-23T08:05:00.000Z' }, 299, '2026-11-23T08:05:00.000Z'],
    ['Reddit (seconds from now, float remaining)', { 'x-ratelimit-remaining': '98.0', 'x-ratelimit-reset': '120' }, 98, '2026-11-23T08:02:00.000Z'],
    ['Bluesky (epoch seconds)', { 'ratelimit-remaining': '2999', 'ratelimit-reset': '1795420800' }, 2999, '2026-11-23T08:00:00.000Z'],
    ['no headers', {}, null, null],
    ['garbage', { 'x-ratelimit-remaining': 'lots', 'x-ratelimit-reset': 'soon' }, null, null],
  ])('reads %s', (_name, headers, remaining, resetAt) => {
    const state = readRateLimit(headers, now);
    expect(state.remaining).toBe(remaining);
    expect(state.resetAt?.toISOString() ?? null).toBe(resetAt);
  });
});

describe('rateLimitStop', () => {
  it.each([
    [{ remaining: 4, resetAt: null }, 5, 'x: stopped paging, rate limit nearly used (remaining 4)'],
    [{ remaining: 5, resetAt: null }, 5, null],
    [{ remaining: null, resetAt: null }, 5, null],
  ])('decides for %j with minimum %i', (state, minimum, warning) => {
    expect(rateLimitStop(state, minimum, 'x')).toBe(warning);
  });
});
