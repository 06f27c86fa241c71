import { z } from 'zod';
import { allowlistEntryProblem } from '../../text/index.js';

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
