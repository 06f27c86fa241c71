import type { FetchRequest, FetchResponse } from '../../fetch/index.js';
import type { CollectContext, CollectedItem, CollectResult, QuarantinedItem } from '../types.js';
import { minIntervalMs } from './config.js';
import { rateLimitStop, readRateLimit } from './rate-limit.js';

/** The request for one page: the run's signal and the API budget are added by collectPages. */
export type PageRequest = Pick<FetchRequest, 'url' | 'headers' | 'ignoreRobots'>;

/** What an adapter reads from one page. */
export type PageRead =
  | {
      kind: 'page';
      /** The page's items, already parsed; one the run already has (same externalId) is kept once. */
      items: CollectedItem[];
      /** Items of a wrong shape, kept with their payload and reason; the rest of the page is used. */
      quarantined: QuarantinedItem[];
      warnings?: string[];
      /** Entries on the page, for the debug log. */
      entries: number;
      /** The next page, or null: end of the listing, or the adapter reached what an earlier run collected. */
      next: PageRequest | null;
    }
  | {
      /** The page as a whole is not what the API promises: it is quarantined and paging stops. */
      kind: 'wrong-shape';
      reason: string;
      raw: unknown;
    };

export interface PagedSource {
  /** "reddit source 3 'lvu'", as warnings name it. */
  label: string;
  first: PageRequest;
  /** The source's budget at its host, shared with every other source there. */
  requestsPerMinute: number;
  maxPages: number;
  /** Stop (with a warning) when the rate-limit headers say fewer requests remain; omit for APIs without them. */
  minRateLimitRemaining?: number;
  /** Reads a page; may throw a SourceError when the response is not the API at all. */
  readPage(response: FetchResponse, request: PageRequest, pageNumber: number): PageRead;
}

export interface PagedRun {
  /** Pages fetched. */
  pages: number;
  /** True when paging stopped with pages left (maxPages or the rate limit): the adapter may warn of a gap. */
  more: boolean;
  /** Add the adapter's own closing warnings here before calling result(). */
  warnings: string[];
  /** The run as a CollectResult, with the cursor the adapter computed. */
  result(cursor: Record<string, unknown> | null): CollectResult;
}

/**
 * The paging loop every social adapter shares: one request per page through the fetcher's per-host limiter
 * (paced by the source's requests-per-minute), counting bytes and the first status, quarantining a page of the
 * wrong shape and stopping there, keeping each item once, stopping when the rate-limit budget runs low or after
 * maxPages. The adapter supplies the URLs and reads the pages; its cursor logic lives in readPage's closure.
 */
export async function collectPages(ctx: CollectContext, source: PagedSource): Promise<PagedRun> {
  const interval = minIntervalMs(source.requestsPerMinute);
  const items = new Map<string, CollectedItem>();
  const quarantined: QuarantinedItem[] = [];
  const warnings: string[] = [];
  let request: PageRequest | null = source.first;
  let pages = 0;
  let bytes = 0;
  let httpStatus: number | null = null;

  while (request !== null && pages < source.maxPages) {
    const response: FetchResponse = await ctx.fetcher.fetch({ ...request, minIntervalMs: interval, signal: ctx.signal });
    warnings.push(...response.warnings);
    pages += 1;
    bytes += response.bytes;
    httpStatus ??= response.status;
    const page = source.readPage(response, request, pages);
    if (page.kind === 'wrong-shape') {
      quarantined.push({ externalId: null, reason: `${source.label}: ${request.url}: ${page.reason}`, raw: page.raw });
      warnings.push(`${source.label}: page ${pages} has an unexpected shape and was quarantined; paging stopped`);
      request = null;
      break;
    }
    quarantined.push(...page.quarantined);
    warnings.push(...(page.warnings ?? []));
    for (const item of page.items) if (!items.has(item.externalId)) items.set(item.externalId, item);
    ctx.log.debug({ sourceId: ctx.source.id, kind: ctx.source.kind, page: pages, entries: page.entries }, 'api page');
    request = page.next;
    if (request !== null && source.minRateLimitRemaining !== undefined) {
      const stop = rateLimitStop(readRateLimit(response.headers, ctx.now), source.minRateLimitRemaining, source.label);
      if (stop !== null) {
        warnings.push(stop);
        break;
      }
    }
  }

  return {
    pages,
    more: request !== null,
    warnings,
    result: (cursor) => ({ items: [...items.values()], cursor, quarantined, warnings, httpStatus, bytes, notModified: false }),
  };
}
