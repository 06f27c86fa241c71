import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { ACCEPT_ENCODING, readBody } from './body.js';
import { startDeadline, untilAborted, type Deadline } from './deadline.js';
import {
  FetchAbortedError,
  FetchError,
  FetchHttpError,
  FetchNetworkError,
  FetchRetryLaterError,
  FetchRobotsDisallowedError,
  FetchTimeoutError,
  FetchTooManyRedirectsError,
} from './errors.js';
import {
  AddressRefusedError,
  assertLiteralAllowed,
  blockedError,
  createAddressPolicy,
  createGuardedConnector,
  resolveWithDns,
} from './guard.js';
import { HostLimiter } from './limiter.js';
import { resolveFetchOptions, robotsToken, type FetcherOptions, type FetchOptions } from './options.js';
import { redactUrl } from './redact-url.js';
import { flattenHeaders, isRedirect, retryLaterDelay } from './response.js';
import { RobotsCache } from './robots.js';
import type { FetchRequest, FetchResponse, Fetcher } from './types.js';
import { parseTargetUrl } from './url.js';

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB of robots.txt. */
const ROBOTS_MAX_BYTES = 512 * 1024;

/** Request headers that must not follow a redirect to another origin. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

type HopResult =
  | { kind: 'redirect'; location: string }
  | { kind: 'done'; status: number; headers: Record<string, string>; body: Buffer };

/**
 * The one HTTP client of Vaksam. Every request and every redirect hop goes through the same undici Agent, whose
 * connector refuses non-public addresses at connect time, and through the per-host limiter and robots.txt check.
 */
export function createFetcher(input: FetcherOptions): Fetcher {
  const options = resolveFetchOptions(input);
  const policy = createAddressPolicy(options.allowPrivateNetworks);
  const agent = new Agent({
    connect: createGuardedConnector({
      policy,
      resolve: input.resolveHost ?? resolveWithDns,
      connectTimeoutMs: options.connectTimeoutMs,
    }),
    headersTimeout: options.headersTimeoutMs,
    bodyTimeout: options.bodyTimeoutMs,
    connections: options.perHostConcurrency,
  });
  const limiter = new HostLimiter({
    concurrency: options.perHostConcurrency,
    minIntervalMs: options.perHostMinIntervalMs,
  });
  const robots = options.respectRobots
    ? new RobotsCache({
        ttlMs: options.robotsTtlMs,
        token: robotsToken(options.userAgent),
        fetchRobotsTxt: async (robotsUrl) =>
          (await fetchResource({ url: robotsUrl, ignoreRobots: true, maxBodyBytes: ROBOTS_MAX_BYTES })).body,
      })
    : null;

  async function fetchResource(request: FetchRequest): Promise<FetchResponse> {
    const booked = await awaitBudget(request);
    const startedMs = performance.now();
    const deadline = startDeadline(request.totalTimeoutMs ?? options.totalTimeoutMs, request.signal);
    let url: URL | null = null;
    try {
      url = parseTargetUrl(request.url);
      let headers = requestHeaders(request, options.userAgent);
      const redirects: string[] = [];
      const warnings: string[] = [];
      const seen = new Set([url.href]);
      for (;;) {
        assertLiteralAllowed(url, policy);
        if (robots && !request.ignoreRobots) {
          const verdict = await untilAborted(robots.check(url), deadline.signal);
          if (verdict.warning !== null) warnings.push(verdict.warning);
          if (!verdict.allowed) throw new FetchRobotsDisallowedError(url.href, robotsToken(options.userAgent));
        }
        const hop = await fetchHop(url, headers, request, deadline, booked && redirects.length === 0);
        if (hop.kind === 'done') {
          return toResponse(request, url, hop, { redirects, warnings, startedMs });
        }
        const next = nextHop(url, hop.location, redirects.length, seen, options.maxRedirects);
        if (next.origin !== url.origin) headers = withoutCredentials(headers);
        seen.add(next.href);
        redirects.push(next.href);
        url = next;
      }
    } catch (err) {
      throw toFetchError(err, url?.href ?? request.url, deadline, options);
    } finally {
      deadline.dispose();
    }
  }

  /**
   * A request with an API budget (minIntervalMs) first waits for its turn at the host, bounded by the caller's signal
   * only: queued behind other sources of a 6-requests-a-minute API it may wait longer than totalTimeoutMs.
   */
  async function awaitBudget(request: FetchRequest): Promise<boolean> {
    if (request.minIntervalMs === undefined || !URL.canParse(request.url)) return false;
    try {
      await limiter.awaitTurn(new URL(request.url).hostname, request.minIntervalMs, request.signal ?? new AbortController().signal);
      return true;
    } catch (err) {
      throw new FetchAbortedError(request.url, err);
    }
  }

  async function fetchHop(url: URL, headers: Record<string, string>, request: FetchRequest, deadline: Deadline, booked: boolean) {
    const host = url.hostname;
    const pause = limiter.pauseOf(host);
    if (pause && pause.untilMs > deadline.deadlineMs) {
      const waitMs = pause.untilMs - Date.now();
      const reason = `host asked us to wait ${waitMs} ms (HTTP ${pause.status})`;
      throw new FetchRetryLaterError(
        url.href,
        pause.status,
        waitMs,
        `${reason}, longer than the ${deadline.limitMs} ms total timeout`,
      );
    }
    const release = await limiter.acquire(host, deadline.signal, { spacingMs: request.minIntervalMs, booked });
    try {
      return await exchange(url, headers, request.maxBodyBytes ?? options.maxBodyBytes, deadline.signal);
    } finally {
      release();
    }
  }

  async function exchange(
    url: URL,
    headers: Record<string, string>,
    maxBodyBytes: number,
    signal: AbortSignal,
  ): Promise<HopResult> {
    const response = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers,
      signal,
    });
    const { statusCode: status, body } = response;
    const responseHeaders = flattenHeaders(response.headers);
    if (isRedirect(status, responseHeaders.location)) {
      await body.dump();
      return { kind: 'redirect', location: responseHeaders.location };
    }
    const delayMs = retryLaterDelay(status, responseHeaders['retry-after'], Date.now());
    if (delayMs !== null) {
      await body.dump();
      limiter.pauseHost(url.hostname, { untilMs: Date.now() + delayMs, status });
      const reason = `HTTP ${status}: host asked us to wait ${delayMs} ms (Retry-After)`;
      throw new FetchRetryLaterError(url.href, status, delayMs, reason);
    }
    if (status === 304) {
      await body.dump();
      return { kind: 'done', status, headers: responseHeaders, body: Buffer.alloc(0) };
    }
    if (status < 200 || status > 299) {
      await body.dump();
      throw new FetchHttpError(url.href, status);
    }
    const bytes = await readBody(body, {
      url: url.href,
      contentEncoding: responseHeaders['content-encoding'],
      contentLength: responseHeaders['content-length'],
      maxBodyBytes,
    });
    return { kind: 'done', status, headers: responseHeaders, body: bytes };
  }

  async function close(): Promise<void> {
    limiter.close(new Error('fetcher closed'));
    robots?.clear();
    await agent.close();
  }

  return { fetch: fetchResource, close };
}

function requestHeaders(request: FetchRequest, userAgent: string): Record<string, string> {
  const headers: Record<string, string> = { accept: '*/*' };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  // We decompress ourselves so the size limit counts decompressed bytes; callers cannot widen this.
  headers['accept-encoding'] = ACCEPT_ENCODING;
  headers['user-agent'] = userAgent;
  return headers;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.includes(name)));
}

function nextHop(url: URL, location: string, followed: number, seen: Set<string>, maxRedirects: number): URL {
  if (followed >= maxRedirects) {
    throw new FetchTooManyRedirectsError(url.href, maxRedirects, `more than ${maxRedirects} redirects`);
  }
  const next = parseTargetUrl(location, url.href);
  if (seen.has(next.href)) {
    throw new FetchTooManyRedirectsError(url.href, maxRedirects, `redirect loop back to ${redactUrl(next.href)}`);
  }
  return next;
}

function toResponse(
  request: FetchRequest,
  url: URL,
  hop: Extract<HopResult, { kind: 'done' }>,
  trail: { redirects: string[]; warnings: string[]; startedMs: number },
): FetchResponse {
  const notModified = hop.status === 304;
  // A 304 often omits the validators; the ones we sent are still the current ones.
  const etag = hop.headers.etag ?? (notModified ? request.etag : null) ?? null;
  const lastModified = hop.headers['last-modified'] ?? (notModified ? request.lastModified : null) ?? null;
  return {
    url: url.href,
    status: hop.status,
    headers: hop.headers,
    body: hop.body,
    notModified,
    etag,
    lastModified,
    redirects: trail.redirects,
    bytes: hop.body.length,
    durationMs: Math.round(performance.now() - trail.startedMs),
    warnings: trail.warnings,
  };
}

const UNDICI_TIMEOUTS: Record<string, 'connect' | 'headers' | 'body'> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect',
  UND_ERR_HEADERS_TIMEOUT: 'headers',
  UND_ERR_BODY_TIMEOUT: 'body',
};

function toFetchError(err: unknown, url: string, deadline: Deadline, options: FetchOptions): FetchError {
  if (err instanceof FetchError) return err;
  if (err instanceof AddressRefusedError) return blockedError(url, err);
  if (deadline.expired()) return new FetchTimeoutError(url, 'total', deadline.limitMs, { cause: err });
  if (deadline.signal.aborted) return new FetchAbortedError(url, err);
  const phase = UNDICI_TIMEOUTS[String((err as { code?: unknown } | null)?.code)];
  if (phase) return new FetchTimeoutError(url, phase, options[`${phase}TimeoutMs`], { cause: err });
  return new FetchNetworkError(url, err);
}
