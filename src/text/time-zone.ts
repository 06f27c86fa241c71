/** IANA zone names accepted by this runtime's Intl (its tz database), e.g. Europe/Stockholm, Asia/Kolkata. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
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

/** Milliseconds the zone's wall clock is ahead of UTC at the instant `atMs` (whole seconds; zones have no finer offsets). */
function offsetMsAt(atMs: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(atMs))) parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
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
