/** IANA zone names accepted by this runtime's Intl (its tz database), e.g. Europe/Stockholm, Asia/Kolkata. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Wall-clock time in a time zone, read with Intl so DST rules come from the platform's tz database. */
export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallParts(atMs: number, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(atMs))) parts[part.type] = part.value;
  return parts;
}

/** What a zone's wall clock shows at an instant. */
export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = wallParts(at.getTime(), timeZone);
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/** Milliseconds the zone's wall clock is ahead of UTC at the instant `atMs` (whole seconds; zones have no finer offsets). */
function offsetMsAt(atMs: number, timeZone: string): number {
  const p = wallParts(atMs, timeZone);
  const wall = Date.UTC(Number(p.year ?? 1970), Number(p.month ?? 1) - 1, Number(p.day ?? 1), Number(p.hour ?? 0), Number(p.minute ?? 0), Number(p.second ?? 0));
  return wall - Math.floor(atMs / 1000) * 1000;
}

/**
 * The instant at which a zone's wall clock shows `wallMs` (a wall time written as if it were UTC milliseconds).
 * Offsets come from the platform's tz database through Intl, so summer time is right for any year it knows. Two
 * passes settle the offset on either side of a change; a wall time skipped by spring-forward lands after the jump,
 * one repeated by fall-back takes the second
 * (standard-time) instant.
 */
export function wallTimeToInstant(wallMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return wallMs;
  const first = wallMs - offsetMsAt(wallMs, timeZone);
  return wallMs - offsetMsAt(first, timeZone);
}

/** The instant a wall-clock time (month 1–12) happens in a zone; see {@link wallTimeToInstant}. */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  return new Date(wallTimeToInstant(Date.UTC(year, month - 1, day, hour, minute), timeZone));
}

/** "HH:MM" → minutes after midnight. */
export function parseClock(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

