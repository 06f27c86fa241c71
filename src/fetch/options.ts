import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { allowlistEntryProblem, type ResolveHost } from './guard.js';

const MIB = 1024 * 1024;

const ms = (fallback: number, description: string) =>
  z.number().int().positive().default(fallback).describe(`${description} (milliseconds, default ${fallback})`);

/** The `fetch` section of the config: every limit of the outbound HTTP client, with its default. */
export const fetchOptionsSchema = z.object({
  userAgent: z
    .string()
    .regex(/^Vaksam[\w.-]*\/\S+ .*https?:\/\/\S+/i, {
      message:
        'must start with "Vaksam/<version>" and contain a contact URL, e.g. "Vaksam/0.1 (+https://example.org/vaksam)"',
    })
    .describe('User-Agent of every request; its first product token ("vaksam") is the name robots.txt rules match'),
  connectTimeoutMs: ms(10_000, 'TCP + TLS connect timeout'),
  headersTimeoutMs: ms(15_000, 'time to receive the response headers once the request is sent'),
  bodyTimeoutMs: ms(20_000, 'longest pause between two body chunks'),
  totalTimeoutMs: ms(30_000, 'wall-clock deadline of one fetch including robots.txt, queueing and redirects'),
  maxBodyBytes: z
    .number()
    .int()
    .positive()
    .default(10 * MIB)
    .describe('largest body accepted, counted after decompression (bytes, default 10 MiB)'),
  maxRedirects: z
    .number()
    .int()
    .min(0)
    .max(20)
    .default(5)
    .describe('redirect hops followed, each re-checked (default 5)'),
  perHostConcurrency: z
    .number()
    .int()
    .positive()
    .default(2)
    .describe('requests in flight to one host at once (default 2)'),
  perHostMinIntervalMs: z
    .number()
    .int()
    .min(0)
    .default(1000)
    .describe('least time between the starts of two requests to one host (milliseconds, default 1000)'),
  respectRobots: z.boolean().default(true).describe('check robots.txt before fetching (default true)'),
  robotsTtlMs: ms(3_600_000, 'how long a fetched robots.txt is trusted'),
  allowPrivateNetworks: z
    .array(
      z.string().superRefine((entry, ctx) => {
        const problem = allowlistEntryProblem(entry);
        if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
      }),
    )
    .default([])
    .describe('addresses, CIDR ranges or hostnames the SSRF guard lets through (default none)'),
});

/** Fetcher limits after defaults are applied. */
export type FetchOptions = z.infer<typeof fetchOptionsSchema>;

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
