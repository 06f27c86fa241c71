import type { z } from 'zod';
import { fetchOptionsSchema, type FetchOptions } from '../config/index.js';
import { ConfigError } from '../errors/index.js';
import type { ResolveHost } from './guard.js';

export type { FetchOptions };

/** What createFetcher accepts: the config section (defaults optional) plus test/runtime hooks. */
export type FetcherOptions = z.input<typeof fetchOptionsSchema> & {
  /** DNS resolver used at connect time; default dns.lookup with all: true. */
  resolveHost?: ResolveHost;
};

/** The defaults of every option except userAgent, which the config must set. */
export const DEFAULT_FETCH_OPTIONS: Omit<FetchOptions, 'userAgent'> = Object.freeze(
  fetchOptionsSchema.omit({ userAgent: true }).parse({}),
);

/** Applies defaults; invalid options fail with a ConfigError naming each key. */
export function resolveFetchOptions(options: FetcherOptions): FetchOptions {
  const parsed = fetchOptionsSchema.safeParse(options);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `fetch.${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid fetch options: ${problems.join('; ')}`, { cause: parsed.error });
}

/** The robots.txt product token: the user agent up to its first "/" (robots-parser compares it lower-cased). */
export function robotsToken(userAgent: string): string {
  return (userAgent.split('/')[0] ?? userAgent).trim().toLowerCase();
}
