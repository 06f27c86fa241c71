import { VaksamError } from '../errors/index.js';
import { redactUrl } from './redact-url.js';

interface FetchErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * Base of every error the fetcher raises. `url` is the redacted URL (no credentials, secret query values hidden),
 * safe to log and to store on a source row.
 */
export class FetchError extends VaksamError {
  readonly url: string;

  constructor(code: string, url: string, message: string, options: FetchErrorOptions = {}) {
    const safeUrl = redactUrl(url);
    super(code, `${safeUrl}: ${message}`, { cause: options.cause, details: { url: safeUrl, ...options.details } });
    this.url = safeUrl;
  }
}

/** The URL cannot be fetched at all: unparseable, not http(s), or carrying credentials. Permanent. */
export class FetchBadUrlError extends FetchError {
  constructor(url: string, reason: string, options: FetchErrorOptions = {}) {
    super('FETCH_BAD_URL', url, reason, options);
  }
}

/** The SSRF guard refused the target: a non-public address, a scheme other than http(s), credentials. Permanent. */
export class FetchBlockedError extends FetchError {
  /** The refused address when an address rule was hit, else null. */
  readonly address: string | null;

  constructor(url: string, reason: string, address: string | null = null) {
    super('FETCH_BLOCKED', url, reason, { details: { address } });
    this.address = address;
  }
}

export type TimeoutPhase = 'connect' | 'headers' | 'body' | 'total';

/** A connect, headers, body-inactivity or wall-clock limit ran out. Transient. */
export class FetchTimeoutError extends FetchError {
  readonly phase: TimeoutPhase;
  readonly limitMs: number;

  constructor(url: string, phase: TimeoutPhase, limitMs: number, options: FetchErrorOptions = {}) {
    super('FETCH_TIMEOUT', url, `${phase} timeout of ${limitMs} ms exceeded (fetch.${phase}TimeoutMs)`, {
      ...options,
      details: { phase, limitMs },
    });
    this.phase = phase;
    this.limitMs = limitMs;
  }
}

/** The (decompressed) body grew past maxBodyBytes; reading stopped there. */
export class FetchTooLargeError extends FetchError {
  readonly maxBodyBytes: number;

  constructor(url: string, maxBodyBytes: number, what: string) {
    super('FETCH_TOO_LARGE', url, `${what} exceeds the limit of ${maxBodyBytes} bytes (fetch.maxBodyBytes)`, {
      details: { maxBodyBytes },
    });
    this.maxBodyBytes = maxBodyBytes;
  }
}

export class FetchTooManyRedirectsError extends FetchError {
  readonly maxRedirects: number;

  constructor(url: string, maxRedirects: number, reason: string) {
    super('FETCH_TOO_MANY_REDIRECTS', url, `${reason} (fetch.maxRedirects = ${maxRedirects})`, {
      details: { maxRedirects },
    });
    this.maxRedirects = maxRedirects;
  }
}

/** 429, or 503 with Retry-After: the host asked us to wait; later requests to it wait or fail fast. Transient. */
export class FetchRetryLaterError extends FetchError {
  readonly status: number;
  readonly retryAfterMs: number;

  constructor(url: string, status: number, retryAfterMs: number, message: string) {
    super('FETCH_RETRY_LATER', url, message, { details: { status, retryAfterMs } });
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** An HTTP status we do not accept: FETCH_GONE (404/410, permanent), FETCH_HTTP_4XX, FETCH_HTTP_5XX, FETCH_HTTP_3XX. */
export class FetchHttpError extends FetchError {
  readonly status: number;

  constructor(url: string, status: number) {
    super(httpStatusCode(status), url, `HTTP ${status}; only 2xx, 304 and redirects with a Location are accepted`, {
      details: { status },
    });
    this.status = status;
  }
}

function httpStatusCode(status: number): string {
  if (status === 404 || status === 410) return 'FETCH_GONE';
  if (status >= 500) return 'FETCH_HTTP_5XX';
  if (status >= 400) return 'FETCH_HTTP_4XX';
  return 'FETCH_HTTP_3XX';
}

export class FetchRobotsDisallowedError extends FetchError {
  constructor(url: string, userAgentToken: string) {
    super('FETCH_ROBOTS_DISALLOWED', url, `robots.txt disallows this path for user agent '${userAgentToken}'`, {
      details: { userAgentToken },
    });
  }
}

/** Connection refused/reset, DNS failure, TLS failure and the like. Transient. */
export class FetchNetworkError extends FetchError {
  constructor(url: string, cause: unknown) {
    super('FETCH_NETWORK', url, `network error: ${describeCause(cause)}`, { cause });
  }
}

/** The body could not be decompressed, or used a Content-Encoding we did not ask for. */
export class FetchBadEncodingError extends FetchError {
  constructor(url: string, reason: string, cause?: unknown) {
    super('FETCH_BAD_ENCODING', url, `${reason}; supported Content-Encoding: gzip, deflate, br, identity`, { cause });
  }
}

/** The caller's AbortSignal fired (shutdown, job cancelled). */
export class FetchAbortedError extends FetchError {
  constructor(url: string, cause: unknown) {
    super('FETCH_ABORTED', url, 'aborted by the caller', { cause });
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${cause.message}` : cause.message;
  }
  return String(cause);
}
