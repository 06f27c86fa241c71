/** Small questions about a response: is it a redirect, must we come back later, what headers did it send. */

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A 429 without Retry-After still means "slow down": wait this long before asking the host again. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

/** A Retry-After of days would silence a source until restart; a day is the longest pause we honour. */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

export function isRedirect(status: number, location: string | undefined): location is string {
  return REDIRECT_STATUSES.has(status) && location !== undefined && location.trim() !== '';
}

/** Lower-cased names; repeated headers joined with ", " as FetchResponse promises. */
export function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/**
 * Retry-After as milliseconds from `nowMs`: delay-seconds or an HTTP-date (RFC 9110 §10.2.3), clamped to
 * [0, MAX_RETRY_AFTER_MS]; null when absent or unparseable.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | null {
  const text = value?.trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) return clamp(Number(text) * 1000);
  // An HTTP-date always names a day or month; Date.parse alone would read "-5" as the year 5 BC.
  if (!/[a-z]{3}/i.test(text)) return null;
  const dateMs = Date.parse(text);
  return Number.isNaN(dateMs) ? null : clamp(dateMs - nowMs);
}

function clamp(delayMs: number): number {
  return Math.min(Math.max(delayMs, 0), MAX_RETRY_AFTER_MS);
}

/**
 * How long the host asked us to stay away, or null when the status is no such request: 429 always (default delay
 * when Retry-After is missing), 503 only with a Retry-After (a bare 503 is an ordinary transient 5xx).
 */
export function retryLaterDelay(status: number, retryAfter: string | undefined, nowMs: number): number | null {
  if (status === 429) return parseRetryAfter(retryAfter, nowMs) ?? DEFAULT_RETRY_AFTER_MS;
  if (status === 503) return parseRetryAfter(retryAfter, nowMs);
  return null;
}
