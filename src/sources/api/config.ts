import { z } from 'zod';

export interface PolitenessDefaults {
  requestsPerMinute: number;
  maxPages: number;
}

/** Config fields every platform adapter shares; defaults differ per platform. */
export function politenessFields(defaults: PolitenessDefaults) {
  return {
    requestsPerMinute: z
      .number()
      .positive()
      .max(600)
      .default(defaults.requestsPerMinute)
      .describe(`Requests per minute to this host, shared by all its sources (default ${defaults.requestsPerMinute})`),
    maxPages: z
      .number()
      .int()
      .min(1)
      .max(50)
      .default(defaults.maxPages)
      .describe(`Pages fetched per run at most; the rest waits for the next run (default ${defaults.maxPages})`),
  };
}

/** For APIs that report their budget in headers: stop paging when fewer requests than this remain. */
export const minRateLimitRemainingField = z
  .number()
  .int()
  .min(0)
  .default(5)
  .describe('Stop paging (with a warning) when the rate-limit headers say fewer requests remain (default 5)');

/** An http(s) base URL without a trailing slash. */
export const baseUrlField = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((url) => url.replace(/\/+$/, ''));

/** An optional API token: never logged (pino redacts `token`), sent as a Bearer Authorization header. */
export const tokenField = z.string().min(1).optional().describe('API access token (secret)');

/** An Authorization header for an optional token. */
export function bearerHeaders(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** Milliseconds between two requests for a requests-per-minute budget. */
export function minIntervalMs(requestsPerMinute: number): number {
  return Math.ceil(60_000 / requestsPerMinute);
}
