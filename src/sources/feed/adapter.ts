import { z } from 'zod';
import { decodeBody, type FetchResponse } from '../../fetch/index.js';
import { timeZoneField } from '../time-zone-field.js';
import type { CollectContext, CollectedItem, CollectResult, SourceAdapter } from '../types.js';
import { parseFeed } from './parse-feed.js';
import type { FeedItem, ParsedFeed } from './types.js';

export const feedSourceConfigSchema = z.object({
  url: z.url({ protocol: /^https?$/ }).optional().describe('feed URL; default: the source URL'),
  maxItems: z.number().int().positive().optional().describe('keep at most this many items per run, first in the feed first (default: all)'),
  timeZone: timeZoneField,
});

export type FeedSourceConfig = z.infer<typeof feedSourceConfigSchema>;

const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5';

/** RSS, Atom or JSON Feed: one conditional GET per run, every item of the feed. */
export const feedAdapter: SourceAdapter<FeedSourceConfig> = {
  kind: 'feed',
  description: 'RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.x at a URL, fetched with conditional GET',
  configSchema: feedSourceConfigSchema,
  async collect(ctx: CollectContext, config: FeedSourceConfig): Promise<CollectResult> {
    const response = await ctx.fetcher.fetch({
      url: config.url ?? ctx.source.url,
      headers: { accept: ACCEPT },
      etag: stringOrNull(ctx.source.cursor.etag),
      lastModified: stringOrNull(ctx.source.cursor.lastModified),
      signal: ctx.signal,
    });
    const result = { quarantined: [], httpStatus: response.status, bytes: response.bytes };
    if (response.notModified) return { ...result, items: [], cursor: null, warnings: [], notModified: true };
    const decoded = decodeBody(response.body, { contentType: response.headers['content-type'] ?? null, kind: bodyKind(response) });
    const feed = parseFeed(decoded.text, { url: response.url, timeZone: config.timeZone });
    const { items, warnings } = collectItems(feed, config.maxItems);
    ctx.log.debug({ sourceId: ctx.source.id, items: items.length, kind: feed.kind }, 'feed parsed');
    return {
      ...result,
      items,
      cursor: { etag: response.etag, lastModified: response.lastModified },
      warnings: [...decoded.warnings, ...feed.warnings, ...warnings],
      notModified: false,
    };
  },
};

/** JSON Feed when the server says JSON or the body opens like a JSON object; XML otherwise. */
function bodyKind(response: FetchResponse): 'json' | 'xml' {
  if (/\bjson\b/i.test(response.headers['content-type'] ?? '')) return 'json';
  const start = response.body.subarray(0, 64).toString('latin1').replace(/^(\ufeff|\xef\xbb\xbf|\s)+/, '');
  return start.startsWith('{') ? 'json' : 'xml';
}

function collectItems(feed: ParsedFeed, maxItems: number | undefined): { items: CollectedItem[]; warnings: string[] } {
  const warnings: string[] = [];
  const kept = maxItems === undefined ? feed.items : feed.items.slice(0, maxItems);
  if (kept.length < feed.items.length) warnings.push(`feed has ${feed.items.length} items; kept the first ${kept.length} (maxItems)`);
  const seen = new Set<string>();
  const items: CollectedItem[] = [];
  for (const item of kept) {
    // The store keys items by externalId; a repeated id in one run would only overwrite the first.
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    items.push(toCollectedItem(item, feed));
  }
  if (items.length < kept.length) warnings.push(`${kept.length - items.length} item(s) dropped for repeating an earlier item's id`);
  return { items, warnings };
}

function toCollectedItem(item: FeedItem, feed: ParsedFeed): CollectedItem {
  return {
    externalId: item.id,
    url: item.url,
    authorHandle: item.author,
    title: item.title,
    // Headline-only feeds still need something to match against.
    text: item.text !== '' ? item.text : (item.title ?? ''),
    language: item.language ?? feed.language,
    publishedAt: item.published,
    metadata: {
      feedKind: feed.kind,
      categories: item.categories,
      enclosures: item.enclosures,
      updated: item.updated?.toISOString() ?? null,
      publishedRaw: item.publishedRaw,
      summary: item.summary,
    },
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
