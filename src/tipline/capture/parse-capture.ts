import * as cheerio from 'cheerio';
import { extractArticle } from '../../sources/web/index.js';
import { entryToItem, statusSchema } from '../../sources/mastodon/index.js';
import { thingSchema, thingToItem } from '../../sources/reddit/index.js';
import { parseChannelPage } from '../../sources/telegram/index.js';
import type { CollectedItem } from '../../sources/index.js';
import { htmlToText, oneLine, parseUntrustedJson } from '../../text/index.js';
import type { CaptureTarget } from './targets.js';

/** What a collector read from a captured page. */
export interface CapturedPost {
  parser: string;
  title: string | null;
  author: string | null;
  publishedAt: Date | null;
  language: string | null;
  text: string;
}

/**
 * Reads the reported post from the fetched body with the collector of its site. A site-specific parser that finds
 * nothing falls back to reading the page as a web article, and an article without text to the page's description
 * (what social sites show link previews with), so a capture keeps what can be read.
 */
export async function parseCapture(target: CaptureTarget, body: string, url: string): Promise<CapturedPost> {
  const item = target.parser === 'web' ? null : siteItem(target, body, url);
  if (item) return { parser: target.parser, title: item.title, author: item.authorHandle, publishedAt: item.publishedAt, language: item.language, text: item.text };
  if (target.parser !== 'web' && !/^\s*</.test(body)) return { parser: target.parser, title: null, author: null, publishedAt: null, language: null, text: '' };
  // Awaited: the web collector's extraction may run off the main thread.
  const article = await extractArticle(body, url);
  const text = article.text || pageDescription(body) || '';
  return { parser: 'web', title: article.title, author: article.author, publishedAt: article.published, language: article.language, text: text || htmlToText(body, url).text.slice(0, 5000) };
}

function siteItem(target: CaptureTarget, body: string, url: string): CollectedItem | null {
  if (target.parser === 'telegram') {
    const page = parseChannelPage(body, url);
    return page.messages.find((m) => m.item.externalId.toLowerCase() === target.postKey?.toLowerCase())?.item ?? null;
  }
  const json = safeJson(body);
  if (target.parser === 'mastodon') {
    const status = statusSchema.safeParse(json);
    return status.success ? entryToItem(status.data, new URL(url).hostname) : null;
  }
  const children = (Array.isArray(json) ? (json[0] as { data?: { children?: unknown[] } } | undefined)?.data?.children : undefined) ?? [];
  const thing = thingSchema.safeParse(children[0]);
  return thing.success ? thingToItem(thing.data) : null;
}

function safeJson(body: string): unknown {
  try {
    return parseUntrustedJson(body);
  } catch {
    return null;
  }
}

function pageDescription(html: string): string | null {
  const $ = cheerio.load(html);
  const content = $('meta[property="og:description"], meta[name="twitter:description"], meta[name="description"]').first().attr('content');
  return content ? oneLine(content) : null;
}
