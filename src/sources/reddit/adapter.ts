import {
  describeIssues,
  describeSource,
  fetchPaced,
  minIntervalMs,
  parseJsonBody,
  rateLimitStop,
  readCursor,
  readRateLimit,
  stringField,
  validateEach,
  Watermark,
  watermarkCursorSchema,
} from '../api/index.js';
import type { CollectContext, CollectedItem, CollectResult, QuarantinedItem, SourceAdapter } from '../types.js';
import { thingToItem } from './parse.js';
import { listingSchema, redditConfigSchema, thingSchema, type RedditConfig } from './schema.js';

/**
 * Pages a newest-first listing (`sort=new`) with `after=` until it meets a post older than the stored watermark,
 * the end of the listing, maxPages, or a nearly spent rate-limit budget (x-ratelimit-remaining).
 * Watermarks are creation times, not `before=<fullname>`: Reddit returns nothing for `before` a deleted post.
 */
export const redditAdapter: SourceAdapter<RedditConfig> = {
  kind: 'reddit',
  description: 'Reddit search or subreddit listing through the public JSON endpoints',
  configSchema: redditConfigSchema,
  collect: collectReddit,
};

async function collectReddit(ctx: CollectContext, config: RedditConfig): Promise<CollectResult> {
  const label = describeSource(ctx.source);
  const warnings: string[] = [];
  const stored = readCursor(watermarkCursorSchema, ctx.source.cursor, label, warnings);
  const watermark = new Watermark(stored);
  const interval = minIntervalMs(config.requestsPerMinute);
  const items = new Map<string, CollectedItem>();
  const quarantined: QuarantinedItem[] = [];
  let after: string | null = null;
  let reachedStored = false;
  let gone = 0;
  let bytes = 0;
  let httpStatus: number | null = null;
  let pages = 0;

  do {
    const url = listingUrl(config, after);
    // The .json endpoints are Reddit's documented public API; reddit.com's robots.txt addresses crawlers of pages.
    const request = { url, headers: { accept: 'application/json' }, ignoreRobots: true };
    const response = await fetchPaced(ctx, request, interval, warnings);
    pages += 1;
    bytes += response.bytes;
    httpStatus ??= response.status;
    const body = parseJsonBody(response, label);
    const listing = listingSchema.safeParse(body);
    if (!listing.success) {
      quarantined.push({ externalId: null, reason: `${label}: ${url}: ${describeIssues(listing.error)}`, raw: body });
      warnings.push(`${label}: page ${pages} has an unexpected shape and was quarantined; paging stopped`);
      after = null;
      break;
    }
    const checked = validateEach(thingSchema, listing.data.data.children, (raw) =>
      stringField(typeof raw === 'object' && raw !== null ? (raw as { data?: unknown }).data : null, 'name'),
    );
    quarantined.push(...checked.quarantined);
    for (const { value: thing } of checked.valid) {
      const at = new Date(thing.data.created_utc * 1000);
      if (watermark.isOld(thing.data.name, at)) {
        reachedStored = true;
        continue;
      }
      watermark.advance(thing.data.name, at);
      const item = thingToItem(thing);
      if (item === null) gone += 1;
      else if (!items.has(item.externalId)) items.set(item.externalId, item);
    }
    ctx.log.debug({ sourceId: ctx.source.id, page: pages, things: listing.data.data.children.length }, 'reddit page');
    after = listing.data.data.children.length > 0 ? (listing.data.data.after ?? null) : null;
    const stop = rateLimitStop(readRateLimit(response.headers, ctx.now), config.minRateLimitRemaining, label);
    if (stop !== null) {
      warnings.push(stop);
      break;
    }
  } while (!reachedStored && after !== null && pages < config.maxPages);

  if (gone > 0) warnings.push(`${label}: skipped ${gone} deleted or removed comments with no text left`);
  if (stored !== null && !reachedStored && after !== null) {
    warnings.push(
      `${label}: stopped after ${pages} pages before reaching posts from ${stored.since}; older new posts were ` +
        'skipped (raise maxPages or collect more often)',
    );
  }
  return {
    items: [...items.values()],
    cursor: watermark.toCursor(),
    quarantined,
    warnings,
    httpStatus,
    bytes,
    notModified: false,
  };
}

function listingUrl(config: RedditConfig, after: string | null): string {
  const sub = config.subreddit === undefined ? '' : `/r/${config.subreddit}`;
  const url = new URL(`${config.baseUrl}${sub}/${config.query === undefined ? 'new' : 'search'}.json`);
  if (config.query !== undefined) {
    url.searchParams.set('q', config.query);
    url.searchParams.set('sort', 'new');
    if (config.subreddit !== undefined) url.searchParams.set('restrict_sr', '1');
  }
  url.searchParams.set('limit', String(config.limit));
  // Without raw_json Reddit HTML-escapes &, < and > inside the JSON strings.
  url.searchParams.set('raw_json', '1');
  if (after !== null) url.searchParams.set('after', after);
  return url.toString();
}
