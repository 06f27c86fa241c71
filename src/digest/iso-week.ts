import { localTime, parseClock, zonedTime } from '../alerts/index.js';
import { VaksamError } from '../errors/index.js';

export interface IsoWeek {
  year: number;
  week: number;
}

export class DigestWeekError extends VaksamError {
  constructor(raw: string) {
    super('DIGEST_WEEK_INVALID', `week '${raw}' must be an ISO week such as 2026-W47`);
  }
}

const DAY_MS = 86_400_000;

export function formatIsoWeek(w: IsoWeek): string {
  return `${w.year}-W${String(w.week).padStart(2, '0')}`;
}

export function parseIsoWeek(raw: string): IsoWeek {
  const match = /^(\d{4})-W(\d{2})$/.exec(raw.trim());
  if (!match) throw new DigestWeekError(raw);
  const w = { year: Number(match[1]), week: Number(match[2]) };
  if (w.week < 1 || w.week > weeksInYear(w.year)) throw new DigestWeekError(raw);
  return w;
}

/** ISO 8601: the week with the year's first Thursday is week 1; weeks start on Monday. */
export function isoWeekOfDate(year: number, month: number, day: number): IsoWeek {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  const thursday = new Date(date.getTime() + (4 - weekday) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return { year: thursday.getUTCFullYear(), week: Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1 };
}

function weeksInYear(year: number): number {
  return isoWeekOfDate(year, 12, 28).week;
}

/** The ISO week of the local date at `at` in the zone. */
export function isoWeekAt(at: Date, timeZone: string): IsoWeek {
  const l = localTime(at, timeZone);
  return isoWeekOfDate(l.year, l.month, l.day);
}

/** The calendar date (UTC midnight as a carrier) of the Monday of an ISO week. */
function mondayOf(w: IsoWeek): Date {
  const jan4 = new Date(Date.UTC(w.year, 0, 4));
  const week1Monday = jan4.getTime() - ((jan4.getUTCDay() || 7) - 1) * DAY_MS;
  return new Date(week1Monday + (w.week - 1) * 7 * DAY_MS);
}

export function addWeeks(w: IsoWeek, n: number): IsoWeek {
  const monday = new Date(mondayOf(w).getTime() + n * 7 * DAY_MS);
  return isoWeekOfDate(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate());
}

/** Local midnight `days` after the week's Monday, as an instant. */
function localMidnight(w: IsoWeek, days: number, timeZone: string, minutes = 0): Date {
  const d = new Date(mondayOf(w).getTime() + days * DAY_MS);
  return zonedTime(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), Math.floor(minutes / 60), minutes % 60, timeZone);
}

/** [Monday 00:00, next Monday 00:00) local time: 167 or 169 hours in a week with a DST change. */
export function weekRange(w: IsoWeek, timeZone: string): { start: Date; end: Date } {
  return { start: localMidnight(w, 0, timeZone), end: localMidnight(w, 7, timeZone) };
}

/** Start instants of the seven local days of the week. */
export function weekDays(w: IsoWeek, timeZone: string): Date[] {
  return Array.from({ length: 7 }, (_, i) => localMidnight(w, i, timeZone));
}

/** The digest of week `w` goes out on the Monday after it at `sendAt` local time. */
export function digestDueAt(w: IsoWeek, timeZone: string, sendAt: string): Date {
  return localMidnight(w, 7, timeZone, parseClock(sendAt));
}

/** The week whose digest is due at `now`: from its send time until `catchUpHours` later; otherwise null. */
export function dueDigestWeek(now: Date, timeZone: string, sendAt: string, catchUpHours: number): IsoWeek | null {
  const previous = addWeeks(isoWeekAt(now, timeZone), -1);
  const due = digestDueAt(previous, timeZone, sendAt).getTime();
  return now.getTime() >= due && now.getTime() < due + catchUpHours * 3_600_000 ? previous : null;
}
