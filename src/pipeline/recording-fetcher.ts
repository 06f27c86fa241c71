import { createHash } from 'node:crypto';
import type { FetchExchange } from '../db/index.js';
import type { Fetcher, FetchRequest, FetchResponse } from '../fetch/index.js';

/** Headers that identify a session or carry secrets are not kept as evidence. */
const DROPPED_HEADERS = new Set(['set-cookie', 'cookie', 'authorization']);
const MAX_EXCHANGES = 50;

/**
 * Wraps a run's fetcher to keep evidence of every exchange (URL, status, headers, SHA-256 of the body as
 * fetched) and to count bytes, without each adapter having to report them.
 */
export class RecordingFetcher implements Fetcher {
  readonly exchanges: FetchExchange[] = [];
  bytes = 0;
  lastStatus: number | null = null;

  constructor(
    private readonly inner: Fetcher,
    private readonly now: () => Date,
  ) {}

  async fetch(request: FetchRequest): Promise<FetchResponse> {
    const response = await this.inner.fetch(request);
    this.bytes += response.bytes;
    this.lastStatus ??= response.status;
    if (this.exchanges.length < MAX_EXCHANGES) {
      this.exchanges.push({
        url: response.url,
        status: response.status,
        headers: Object.fromEntries(Object.entries(response.headers).filter(([k]) => !DROPPED_HEADERS.has(k))),
        sha256: createHash('sha256').update(response.body).digest('hex'),
        bytes: response.bytes,
        at: this.now().toISOString(),
      });
    }
    return response;
  }

  /** The run owns nothing: closing is the caller's job for the shared fetcher. */
  async close(): Promise<void> {}
}
