import robotsParserModule from 'robots-parser';
import { FetchAbortedError, FetchBlockedError, FetchError, FetchHttpError } from './errors.js';
import { redactUrl } from './redact-url.js';

/** Fetches a robots.txt through the guarded path and returns its body; throws a FetchError otherwise. */
export type FetchRobotsTxt = (robotsUrl: string) => Promise<Buffer>;

export interface RobotsVerdict {
  allowed: boolean;
  /** Set when robots.txt could not be read and the fetch went ahead without it. */
  warning: string | null;
}

export interface RobotsCacheOptions {
  ttlMs: number;
  /** Product token rules are matched against ("vaksam"). */
  token: string;
  fetchRobotsTxt: FetchRobotsTxt;
}

// robots-parser is CommonJS whose module.exports is the function, but its typings declare an ES default export.
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;

type Robot = ReturnType<typeof robotsParser>;

interface RobotsEntry {
  robot: Robot | null;
  warning: string | null;
  expiresAtMs: number;
}

/** An unreachable robots.txt is asked for again after at most this long, not only after the full TTL. */
const UNREACHABLE_RETRY_MS = 5 * 60 * 1000;

/**
 * robots.txt per origin, fetched once (concurrent checks share one request) and trusted for ttlMs.
 *
 * Policy (RFC 9309 §2.3.1 for 4xx; our own choice for failures):
 * - 2xx: rules apply to our product token, else to "*".
 * - 4xx (404, 410, 401, 403...): no rules, everything allowed.
 * - 5xx, 429, timeout, network error, oversized or undecodable file: allowed, with a warning on the verdict, and
 *   retried after 5 minutes. RFC 9309 would assume "disallow all"; we only read public pages of sites we were told
 *   to watch, at a polite rate, and a flaky robots.txt must not silence a source. The warning reaches
 *   FetchResponse.warnings so the caller can log it.
 * - The origin itself refused by the SSRF guard: the FetchBlockedError is thrown, nothing is cached.
 */
export class RobotsCache {
  private readonly entries = new Map<string, RobotsEntry>();
  private readonly pending = new Map<string, Promise<RobotsEntry>>();

  constructor(private readonly options: RobotsCacheOptions) {}

  async check(url: URL): Promise<RobotsVerdict> {
    const entry = await this.entryFor(url.origin);
    const allowed = entry.robot?.isAllowed(url.href, this.options.token) !== false;
    return { allowed, warning: entry.warning };
  }

  clear(): void {
    this.entries.clear();
  }

  private entryFor(origin: string): Promise<RobotsEntry> {
    const cached = this.entries.get(origin);
    if (cached && cached.expiresAtMs > Date.now()) return Promise.resolve(cached);
    let pending = this.pending.get(origin);
    if (!pending) {
      pending = this.load(origin).finally(() => this.pending.delete(origin));
      this.pending.set(origin, pending);
    }
    return pending;
  }

  private async load(origin: string): Promise<RobotsEntry> {
    const entry = await this.fetchEntry(`${origin}/robots.txt`);
    const now = Date.now();
    for (const [key, old] of this.entries) if (old.expiresAtMs <= now) this.entries.delete(key);
    this.entries.set(origin, entry);
    return entry;
  }

  private async fetchEntry(robotsUrl: string): Promise<RobotsEntry> {
    const { ttlMs } = this.options;
    try {
      const body = await this.options.fetchRobotsTxt(robotsUrl);
      // RFC 9309 §2.3: robots.txt is UTF-8.
      return { robot: robotsParser(robotsUrl, body.toString('utf8')), warning: null, expiresAtMs: Date.now() + ttlMs };
    } catch (err) {
      if (err instanceof FetchHttpError && err.status >= 400 && err.status < 500) {
        return { robot: null, warning: null, expiresAtMs: Date.now() + ttlMs };
      }
      if (!(err instanceof FetchError) || err instanceof FetchAbortedError) throw err;
      if (err instanceof FetchBlockedError && err.url === redactUrl(robotsUrl)) throw err;
      return {
        robot: null,
        warning: `robots.txt unavailable, fetched without it (${err.code}: ${err.message})`,
        expiresAtMs: Date.now() + Math.min(ttlMs, UNREACHABLE_RETRY_MS),
      };
    }
  }
}
