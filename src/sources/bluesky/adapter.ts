import type { FetchResponse } from '../../fetch/index.js';
import {
  bearerHeaders,
  collectPages,
  describeIssues,
  describeSource,
  parseJsonBody,
  readCursor,
  stringField,
  validateEach,
  Watermark,
  watermarkCursorSchema,
  type PageRead,
} from '../api/index.js';
import type { CollectContext, CollectedItem, CollectResult, SourceAdapter } from '../types.js';
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
  const cursorWarnings: string[] = [];
  const stored = readCursor(watermarkCursorSchema, ctx.source.cursor, label, cursorWarnings);
  const watermark = new Watermark(stored);
  // An XRPC API endpoint, not a crawlable page.
  const request = (pageCursor: string | undefined) => ({
    url: searchUrl(config, stored?.since, pageCursor),
    headers: { accept: 'application/json', ...bearerHeaders(config.token) },
    ignoreRobots: true,
  });

  const readPage = (response: FetchResponse): PageRead => {
    const body = parseJsonBody(response, label);
    const output = searchPostsOutputSchema.safeParse(body);
    if (!output.success) return { kind: 'wrong-shape', reason: describeIssues(output.error), raw: body };
    const checked = validateEach(postViewSchema, output.data.posts, (raw) => stringField(raw, 'uri'));
    const items: CollectedItem[] = [];
    for (const { value: post } of checked.valid) {
      const at = sortAt(post);
      if (watermark.isOld(post.uri, at)) continue;
      watermark.advance(post.uri, at);
      items.push(postToItem(post));
    }
    const pageCursor = output.data.posts.length > 0 ? output.data.cursor : undefined;
    return {
      kind: 'page',
      items,
      quarantined: checked.quarantined,
      entries: output.data.posts.length,
      next: pageCursor === undefined ? null : request(pageCursor),
    };
  };

  const run = await collectPages(ctx, {
    label,
    first: request(undefined),
    requestsPerMinute: config.requestsPerMinute,
    maxPages: config.maxPages,
    minRateLimitRemaining: config.minRateLimitRemaining,
    readPage,
  });
  run.warnings.unshift(...cursorWarnings);
  if (run.more && stored !== null) {
    run.warnings.push(
      `${label}: stopped after ${run.pages} pages with more new posts left; posts between ${stored.since} and ` +
        'the oldest one fetched were skipped (raise maxPages or collect more often)',
    );
  }
  return run.result(watermark.toCursor());
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
