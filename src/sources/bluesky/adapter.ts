import {
  bearerHeaders,
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
import { postToItem, sortAt } from './parse.js';
import { blueskyConfigSchema, postViewSchema, searchPostsOutputSchema, type BlueskyConfig } from './schema.js';

/**
 * searchPosts with sort=latest pages from the newest post backwards. Later runs pass since=<newest sortAt seen>,
 * so they page only through what is new; if maxPages runs out first, the older part of the new posts is skipped
 * and a warning says so (searchPosts cannot page forwards).
 */
export const blueskyAdapter: SourceAdapter<BlueskyConfig> = {
  kind: 'bluesky',
  description: 'Bluesky post search (app.bsky.feed.searchPosts) on the public AppView',
  configSchema: blueskyConfigSchema,
  collect: collectBluesky,
};

async function collectBluesky(ctx: CollectContext, config: BlueskyConfig): Promise<CollectResult> {
  const label = describeSource(ctx.source);
  const warnings: string[] = [];
  const stored = readCursor(watermarkCursorSchema, ctx.source.cursor, label, warnings);
  const watermark = new Watermark(stored);
  const interval = minIntervalMs(config.requestsPerMinute);
  const items = new Map<string, CollectedItem>();
  const quarantined: QuarantinedItem[] = [];
  let pageCursor: string | undefined;
  let bytes = 0;
  let httpStatus: number | null = null;
  let pages = 0;

  do {
    const url = searchUrl(config, stored?.since, pageCursor);
    const response = await fetchPaced(
      ctx,
      // An XRPC API endpoint, not a crawlable page.
      { url, headers: { accept: 'application/json', ...bearerHeaders(config.token) }, ignoreRobots: true },
      interval,
      warnings,
    );
    pages += 1;
    bytes += response.bytes;
    httpStatus ??= response.status;
    const body = parseJsonBody(response, label);
    const output = searchPostsOutputSchema.safeParse(body);
    if (!output.success) {
      quarantined.push({ externalId: null, reason: `${label}: ${url}: ${describeIssues(output.error)}`, raw: body });
      warnings.push(`${label}: page ${pages} has an unexpected shape and was quarantined; paging stopped`);
      pageCursor = undefined;
      break;
    }
    const checked = validateEach(postViewSchema, output.data.posts, (raw) => stringField(raw, 'uri'));
    quarantined.push(...checked.quarantined);
    for (const { value: post } of checked.valid) {
      const at = sortAt(post);
      if (watermark.isOld(post.uri, at)) continue;
      watermark.advance(post.uri, at);
      if (!items.has(post.uri)) items.set(post.uri, postToItem(post));
    }
    ctx.log.debug({ sourceId: ctx.source.id, page: pages, posts: output.data.posts.length }, 'bluesky page');
    pageCursor = output.data.posts.length > 0 ? output.data.cursor : undefined;
    const stop = rateLimitStop(readRateLimit(response.headers, ctx.now), config.minRateLimitRemaining, label);
    if (stop !== null) {
      warnings.push(stop);
      break;
    }
  } while (pageCursor !== undefined && pages < config.maxPages);

  if (pageCursor !== undefined && stored !== null) {
    warnings.push(
      `${label}: stopped after ${pages} pages with more new posts left; posts between ${stored.since} and ` +
        'the oldest one fetched were skipped (raise maxPages or collect more often)',
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

function searchUrl(config: BlueskyConfig, since: string | undefined, cursor: string | undefined): string {
  const url = new URL(`${config.baseUrl}/xrpc/app.bsky.feed.searchPosts`);
  url.searchParams.set('q', config.query);
  url.searchParams.set('sort', 'latest');
  url.searchParams.set('limit', String(config.limit));
  if (config.lang !== undefined) url.searchParams.set('lang', config.lang);
  if (since !== undefined) url.searchParams.set('since', since);
  if (cursor !== undefined) url.searchParams.set('cursor', cursor);
  return url.toString();
}
