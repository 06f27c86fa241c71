import { describe, expect, it } from 'vitest';
import { MicrosecondInstant, parsePreciseInstant } from '../../src/text/index.js';

describe('parsePreciseInstant', () => {
  it.each([
    ['2024-11-20T12:34:56.789123Z', '2024-11-20T12:34:56.789123Z'],
    ['2024-11-20T12:34:56.000001Z', '2024-11-20T12:34:56.000001Z'],
    ['2024-11-20T13:34:56.789123+01:00', '2024-11-20T12:34:56.789123Z'],
    ['2024-11-20T12:34:56.7891Z', '2024-11-20T12:34:56.789100Z'],
    ['2024-11-20T12:34:56.789123456Z', '2024-11-20T12:34:56.789123Z'],
  ])('keeps the microseconds of %j', (raw, expected) => {
    const instant = parsePreciseInstant(raw);
    expect(instant).toBeInstanceOf(MicrosecondInstant);
    expect(instant?.toISOString()).toBe(expected);
    expect(JSON.stringify({ at: instant })).toBe(`{"at":"${expected}"}`);
  });

  it('is a Date to the millisecond, truncated rather than rounded', () => {
    const instant = parsePreciseInstant('2024-11-20T12:34:56.789999Z')!;
    expect(instant.getTime()).toBe(Date.UTC(2024, 10, 20, 12, 34, 56, 789));
    expect(instant < new Date('2024-11-20T12:34:56.790Z')).toBe(true);
  });

  it.each([['2024-11-20T12:34:56.789Z'], ['2024-11-20T12:34:56Z']])('reads %j, with no more than milliseconds, as a plain Date', (raw) => {
    const instant = parsePreciseInstant(raw);
    expect(instant).not.toBeInstanceOf(MicrosecondInstant);
    expect(instant?.toISOString()).toBe(new Date(raw).toISOString());
  });

  it('returns null for what is not a date', () => {
    expect(parsePreciseInstant('2024-13-40T12:34:56.123456Z')).toBeNull();
    expect(parsePreciseInstant('yesterday')).toBeNull();
  });
});
