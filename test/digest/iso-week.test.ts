import { describe, expect, it } from 'vitest';
import { addWeeks, digestDueAt, dueDigestWeek, formatIsoWeek, isoWeekAt, isoWeekOfDate, parseIsoWeek, weekRange } from '../../src/digest/index.js';

const TZ = 'Europe/Stockholm';
const w = (s: string) => parseIsoWeek(s);

describe('ISO weeks', () => {
  it.each([
    [2026, 1, 1, '2026-W01'], // a Thursday
    [2027, 1, 1, '2026-W53'], // a Friday: still the last week of 2026
    [2024, 12, 30, '2025-W01'],
    [2026, 11, 23, '2026-W48'],
    [2026, 11, 22, '2026-W47'],
  ])('%i-%i-%i is in %s', (y, m, d, week) => {
    expect(formatIsoWeek(isoWeekOfDate(y, m, d))).toBe(week);
  });

  it('reads the week of a local date, not the UTC one', () => {
    // Sunday 23:30 UTC is already Monday in Stockholm.
    expect(formatIsoWeek(isoWeekAt(new Date('2026-11-22T23:30:00Z'), TZ))).toBe('2026-W48');
  });

  it('steps across year ends', () => {
    expect(formatIsoWeek(addWeeks(w('2026-W53'), 1))).toBe('2027-W01');
    expect(formatIsoWeek(addWeeks(w('2027-W01'), -1))).toBe('2026-W53');
  });

  it.each(['2026W47', '2026-W54', '2025-W53', '2026-W00', 'week 47'])('refuses %s', (raw) => {
    expect(() => parseIsoWeek(raw)).toThrow(/must be an ISO week such as 2026-W47/);
  });
});

describe('digest weeks across DST changes in Europe/Stockholm', () => {
  it.each([
    // week, start (Monday 00:00 local), end (next Monday 00:00 local), hours, due (next Monday 07:00 local)
    ['2026-W12', '2026-03-15T23:00:00.000Z', '2026-03-22T23:00:00.000Z', 168, '2026-03-23T06:00:00.000Z'],
    ['2026-W13', '2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 167, '2026-03-30T05:00:00.000Z'], // spring forward on Sunday 29 March
    ['2026-W43', '2026-10-18T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 169, '2026-10-26T06:00:00.000Z'], // fall back on Sunday 25 October
    ['2026-W47', '2026-11-15T23:00:00.000Z', '2026-11-22T23:00:00.000Z', 168, '2026-11-23T06:00:00.000Z'],
  ])('%s runs from %s to %s (%i hours) and is due at %s', (week, start, end, hours, due) => {
    const range = weekRange(w(week), TZ);
    expect(range.start.toISOString()).toBe(start);
    expect(range.end.toISOString()).toBe(end);
    expect((range.end.getTime() - range.start.getTime()) / 3_600_000).toBe(hours);
    expect(digestDueAt(w(week), TZ, '07:00').toISOString()).toBe(due);
  });

  it.each([
    ['2026-03-30T04:59:00Z', null], // 06:59 CEST on the Monday after spring forward
    ['2026-03-30T05:00:00Z', '2026-W13'],
    ['2026-03-31T04:59:00Z', '2026-W13'], // still within the 24-hour catch-up
    ['2026-03-31T05:00:00Z', null],
    ['2026-10-26T05:30:00Z', null], // 06:30 CET: an hour-off clock would already send
    ['2026-10-26T06:00:00Z', '2026-W43'],
  ])('at %s the due digest is %s', (now, week) => {
    const due = dueDigestWeek(new Date(now), TZ, '07:00', 24);
    expect(due ? formatIsoWeek(due) : null).toBe(week);
  });
});
