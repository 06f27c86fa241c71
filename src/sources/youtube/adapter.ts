import { decodeBody } from '../../fetch/index.js';
import { describeSource, minIntervalMs, readCursor, SourceResponseError } from '../api/index.js';
import type { CollectContext, CollectResult, SourceAdapter } from '../types.js';
import { parseVideoFeed } from './parse.js';
import { youtubeConfigSchema, youtubeCursorSchema, type YoutubeConfig } from './schema.js';

/**
 * One conditional GET of the feed per run. The feed always holds the newest 15 videos, so there is nothing to page;
 * returning all of them lets the idempotent upsert refresh their view counts.
 */
export const youtubeAdapter: SourceAdapter<YoutubeConfig> = {
  kind: 'youtube',
  description: 'YouTube channel or playlist Atom feed (newest 15 videos)',
  configSchema: youtubeConfigSchema,
  collect: collectYoutube,
};

async function collectYoutube(ctx: CollectContext, config: YoutubeConfig): Promise<CollectResult> {
  const label = describeSource(ctx.source);
  const warnings: string[] = [];
  const stored = readCursor(youtubeCursorSchema, ctx.source.cursor, label, warnings);
  const url = feedUrl(config);
  const response = await ctx.fetcher.fetch({
    url,
    headers: { accept: 'application/atom+xml, application/xml;q=0.9' },
    etag: stored?.etag ?? null,
    lastModified: stored?.lastModified ?? null,
    // The feed is a machine endpoint published for feed readers.
    ignoreRobots: true,
    minIntervalMs: minIntervalMs(config.requestsPerMinute),
    signal: ctx.signal,
  });
  warnings.push(...response.warnings);
  const base = { warnings, httpStatus: response.status, bytes: response.bytes };
  if (response.notModified) return { ...base, items: [], quarantined: [], cursor: null, notModified: true };

  const xml = decodeBody(response.body, { contentType: response.headers['content-type'] ?? null, kind: 'xml' });
  warnings.push(...xml.warnings.map((warning) => `${label}: ${warning}`));
  const feed = parseVideoFeed(xml.text);
  if (!feed.isFeed) {
    throw new SourceResponseError(
      `${label}: expected an Atom feed from ${response.url} but got another document ` +
        `(HTTP ${response.status}, content-type '${response.headers['content-type'] ?? 'none'}')`,
      { details: { url: response.url, status: response.status } },
    );
  }
  const validators = { etag: response.etag, lastModified: response.lastModified };
  const changed =
    validators.etag !== (stored?.etag ?? null) || validators.lastModified !== (stored?.lastModified ?? null);
  return {
    ...base,
    items: feed.items,
    quarantined: feed.quarantined,
    cursor: changed ? validators : null,
    notModified: false,
  };
}

function feedUrl(config: YoutubeConfig): string {
  const url = new URL(`${config.baseUrl}/feeds/videos.xml`);
  if (config.channelId !== undefined) url.searchParams.set('channel_id', config.channelId);
  if (config.playlistId !== undefined) url.searchParams.set('playlist_id', config.playlistId);
  return url.toString();
}
