import type { FetchResponse } from '../../fetch/index.js';
import {
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
  const cursorWarnings: string[] = [];
  const stored = readCursor(watermarkCursorSchema, ctx.source.cursor, label, cursorWarnings);
  const watermark = new Watermark(stored);
  let reachedStored = false;
  let gone = 0;
  // The .json endpoints are Reddit's documented public API; reddit.com's robots.txt addresses crawlers of pages.
  const request = (after: string | null) => ({ url: listingUrl(config, after), headers: { accept: 'application/json' }, ignoreRobots: true });

  const readPage = (response: FetchResponse): PageRead => {
    const body = parseJsonBody(response, label);
    const listing = listingSchema.safeParse(body);
    if (!listing.success) return { kind: 'wrong-shape', reason: describeIssues(listing.error), raw: body };
    const children = listing.data.data.children;
    const checked = validateEach(thingSchema, children, (raw) =>
      stringField(typeof raw === 'object' && raw !== null ? (raw as { data?: unknown }).data : null, 'name'),
    );
    const items: CollectedItem[] = [];
    for (const { value: thing } of checked.valid) {
      const at = new Date(thing.data.created_utc * 1000);
      if (watermark.isOld(thing.data.name, at)) {
        reachedStored = true;
        continue;
      }
      watermark.advance(thing.data.name, at);
      const item = thingToItem(thing);
      if (item === null) gone += 1;
      else items.push(item);
    }
    const after = children.length > 0 ? (listing.data.data.after ?? null) : null;
    return {
      kind: 'page',
      items,
      quarantined: checked.quarantined,
      entries: children.length,
      next: reachedStored || after === null ? null : request(after),
    };
  };

  const run = await collectPages(ctx, {
    label,
    first: request(null),
    requestsPerMinute: config.requestsPerMinute,
    maxPages: config.maxPages,
    minRateLimitRemaining: config.minRateLimitRemaining,
    readPage,
  });
  run.warnings.unshift(...cursorWarnings);
  if (gone > 0) run.warnings.push(`${label}: skipped ${gone} deleted or removed comments with no text left`);
  if (stored !== null && run.more) {
    run.warnings.push(
      `${label}: stopped after ${run.pages} pages before reaching posts from ${stored.since}; older new posts were ` +
        'skipped (raise maxPages or collect more often)',
    );
  }
  return run.result(watermark.toCursor());
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
