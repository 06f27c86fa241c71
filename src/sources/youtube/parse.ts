import * as cheerio from 'cheerio';
import type { Cheerio } from 'cheerio';
import type { Element } from 'domhandler';
import { parseDate } from '../../text/index.js';
import { describeIssues } from '../api/index.js';
import type { CollectedItem, QuarantinedItem } from '../types.js';
import { videoEntrySchema, type VideoEntry } from './schema.js';

export interface VideoFeed {
  /** False when the document's root is not an Atom <feed> (an HTML error or consent page). */
  isFeed: boolean;
  title: string | null;
  items: CollectedItem[];
  quarantined: QuarantinedItem[];
}

const MAX_RAW_CHARS = 20_000;

/**
 * Parses a channel or playlist feed (`/feeds/videos.xml`). The generic feed parser does not keep the yt: and media:
 * extensions, so this reads them directly: yt:videoId, media:group/media:description, media:community.
 */
export function parseVideoFeed(xml: string): VideoFeed {
  const $ = cheerio.load(xml, { xml: true });
  const root = $.root().children('feed').first();
  const feed: VideoFeed = {
    isFeed: root.length > 0,
    title: textOrNull(root.children('title')),
    items: [],
    quarantined: [],
  };
  if (!feed.isFeed) return feed;
  root.children('entry').each((_, element) => {
    const entry = $(element);
    const parsed = videoEntrySchema.safeParse(readEntry(entry));
    if (parsed.success) feed.items.push(entryToItem(parsed.data));
    else {
      feed.quarantined.push({
        externalId: textOrNull(entry.children('yt\\:videoId')),
        reason: describeIssues(parsed.error),
        raw: ($.xml(entry) ?? '').slice(0, MAX_RAW_CHARS),
      });
    }
  });
  return feed;
}

function readEntry(entry: Cheerio<Element>): Record<string, unknown> {
  const group = entry.children('media\\:group');
  const rating = group.find('media\\:community > media\\:starRating');
  const views = group.find('media\\:community > media\\:statistics').attr('views');
  const author = entry.children('author');
  return {
    videoId: textOrNull(entry.children('yt\\:videoId')),
    channelId: textOrNull(entry.children('yt\\:channelId')),
    title: entry.children('title').text().trim(),
    url: entry.children('link[rel="alternate"]').attr('href') ?? entry.children('link').attr('href') ?? null,
    authorName: textOrNull(author.children('name')),
    authorUri: textOrNull(author.children('uri')),
    published: parseDate(entry.children('published').text()) ?? undefined,
    updated: parseDate(entry.children('updated').text()),
    description: group.children('media\\:description').text().trim(),
    thumbnail: group.children('media\\:thumbnail').attr('url') ?? null,
    views: views === undefined ? null : Number(views),
    starRating:
      rating.length > 0
        ? {
            count: numberOrNull(rating.attr('count')),
            average: numberOrNull(rating.attr('average')),
            min: numberOrNull(rating.attr('min')),
            max: numberOrNull(rating.attr('max')),
          }
        : null,
  };
}

function entryToItem(entry: VideoEntry): CollectedItem {
  return {
    externalId: entry.videoId,
    url: entry.url ?? `https://www.youtube.com/watch?v=${entry.videoId}`,
    authorHandle: entry.authorName,
    title: entry.title === '' ? null : entry.title,
    text: entry.description.replace(/\r\n?/g, '\n'),
    language: null,
    publishedAt: entry.published,
    metadata: {
      channelId: entry.channelId,
      channelUrl: entry.authorUri,
      updated: entry.updated?.toISOString() ?? null,
      thumbnail: entry.thumbnail,
      views: entry.views,
      starRating: entry.starRating,
    },
  };
}

function textOrNull(node: Cheerio<Element>): string | null {
  const text = node.first().text().trim();
  return text === '' ? null : text;
}

function numberOrNull(value: string | undefined): number | null {
  const parsed = Number(value);
  return value !== undefined && value.trim() !== '' && Number.isFinite(parsed) ? parsed : null;
}
