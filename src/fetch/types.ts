/** One outbound HTTP request. Everything the program fetches goes through a Fetcher. */
export interface FetchRequest {
  url: string;
  /** Extra request headers (Accept, Authorization for APIs that need a token...). */
  headers?: Record<string, string>;
  /** Conditional GET validators stored per source from the previous successful fetch. */
  etag?: string | null;
  lastModified?: string | null;
  /** Overrides of the configured limits for this one request. */
  maxBodyBytes?: number;
  totalTimeoutMs?: number;
  /**
   * Least time before the next request to this host may start, when longer than fetch.perHostMinIntervalMs: an
   * API's requests-per-minute budget. Shared by every request of the fetcher to that host.
   */
  minIntervalMs?: number;
  /** Skip the robots.txt check (only for robots.txt itself and explicit API endpoints that allow it). */
  ignoreRobots?: boolean;
  signal?: AbortSignal;
}

export interface FetchResponse {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The body after decompression, never more than maxBodyBytes. Empty on 304. */
  body: Buffer;
  /** True on 304 Not Modified for a conditional request. */
  notModified: boolean;
  /** Validators of the response; on a 304 without them, the ones the request sent. */
  etag: string | null;
  lastModified: string | null;
  /** Every URL followed, in order, not counting the first. */
  redirects: string[];
  /** Bytes of the decompressed body. */
  bytes: number;
  durationMs: number;
  /** Problems that did not stop the fetch (robots.txt unreachable, fetched without it). Worth a warn log. */
  warnings: string[];
}

export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResponse>;
  close(): Promise<void>;
}
