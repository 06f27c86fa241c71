/** What a response's rate-limit headers say about the budget left. */
export interface RateLimitState {
  remaining: number | null;
  resetAt: Date | null;
}

/**
 * Reads `x-ratelimit-remaining`/`x-ratelimit-reset` (Mastodon: ISO time; Reddit: seconds from now) and the IETF draft
 * `ratelimit-remaining`/`ratelimit-reset` (Bluesky: epoch seconds). Unknown or missing values come back as null.
 */
export function readRateLimit(headers: Record<string, string>, now: Date): RateLimitState {
  const remainingRaw = headers['x-ratelimit-remaining'] ?? headers['ratelimit-remaining'];
  const resetRaw = headers['x-ratelimit-reset'] ?? headers['ratelimit-reset'];
  const remaining = remainingRaw === undefined ? NaN : Number.parseFloat(remainingRaw);
  return { remaining: Number.isFinite(remaining) ? remaining : null, resetAt: parseReset(resetRaw, now) };
}

/** The warning to return when the budget is too low to keep paging, else null. */
export function rateLimitStop(state: RateLimitState, minRemaining: number, sourceLabel: string): string | null {
  if (state.remaining === null || state.remaining >= minRemaining) return null;
  const reset = state.resetAt ? `, resets at ${state.resetAt.toISOString()}` : '';
  return `${sourceLabel}: stopped paging, rate limit nearly used (remaining ${state.remaining}${reset})`;
}

/** Epoch seconds are told apart from relative seconds by size: no relative window lasts 30 years. */
const EPOCH_SECONDS_THRESHOLD = 1e9;

function parseReset(raw: string | undefined, now: Date): Date | null {
  if (raw === undefined || raw.trim() === '') return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(raw)) {
    const seconds = Number.parseFloat(raw);
    const ms = seconds > EPOCH_SECONDS_THRESHOLD ? seconds * 1000 : now.getTime() + seconds * 1000;
    return new Date(ms);
  }
  const parsed = Date.parse(raw);
  return Number.isNaN(parsed) ? null : new Date(parsed);
}
