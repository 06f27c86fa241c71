import { htmlToText, parseUntrustedJson, resolveUrlLeniently } from '../../text/index.js';
import { pushEnclosure } from './enclosures.js';
import { FeedUnparseableError } from './errors.js';
import { ItemCollector, languageTag } from './item-collector.js';
import type { FeedEnclosure, ParsedFeed } from './types.js';

type JsonObject = Record<string, unknown>;

/**
 * Maps JSON Feed 1.0/1.1 (https://jsonfeed.org/version/1.1) into the feed model. JSON that is not a JSON Feed
 * (neither a jsonfeed.org version nor an items array) throws FeedUnparseableError.
 */
export function parseJsonFeed(text: string, documentUrl: string | null, timeZone: string): ParsedFeed {
  const document = parseJsonSafely(text);
  if (!isObject(document)) throw new FeedUnparseableError('JSON document is not a JSON Feed: expected an object at the top level');
  const version = str(document.version);
  const versionMatch = version === null ? null : /(?:^|jsonfeed\.org\/version\/)(1(?:\.\d+)?)\/?$/i.exec(version);
  const declared = versionMatch !== null;
  if (!declared && !Array.isArray(document.items)) {
    throw new FeedUnparseableError("JSON document is not a JSON Feed: no 'version' of https://jsonfeed.org/version/1.x and no 'items' array");
  }
  const warnings: string[] = [];
  if (!declared) warnings.push(`JSON Feed 'version' missing or unknown (${JSON.stringify(version)}); parsed as JSON Feed 1.1`);
  const link = resolveUrlLeniently(str(document.home_page_url), documentUrl);
  const base = link ?? documentUrl;
  const rawItems = Array.isArray(document.items) ? document.items : [];
  if (!Array.isArray(document.items)) warnings.push("JSON Feed has no 'items' array");
  const feedAuthor = authorOf(document);
  const collector = new ItemCollector(timeZone);
  let skipped = 0;
  for (const item of rawItems) {
    if (!isObject(item)) {
      skipped += 1;
      continue;
    }
    const itemUrl = resolveUrlLeniently(str(item.url) ?? str(item.external_url), base);
    const contentHtml = str(item.content_html);
    collector.add({
      guid: str(item.id) ?? (typeof item.id === 'number' && Number.isFinite(item.id) ? String(item.id) : null),
      url: itemUrl,
      title: str(item.title)?.replace(/\s+/g, ' ') ?? null,
      author: authorOf(item) ?? feedAuthor,
      publishedRaw: str(item.date_published),
      updatedRaw: str(item.date_modified),
      summary: str(item.summary),
      content: contentHtml !== null ? htmlToText(contentHtml, itemUrl ?? base ?? undefined).text : str(item.content_text),
      language: str(item.language),
      categories: Array.isArray(item.tags) ? item.tags.filter((tag): tag is string => typeof tag === 'string') : [],
      enclosures: attachments(item.attachments, base),
    });
  }
  if (skipped > 0) warnings.push(`${skipped} JSON Feed item(s) were not objects and were skipped`);
  return {
    kind: 'json',
    version: versionMatch?.[1]?.replace(/^1$/, '1.0') ?? null,
    title: str(document.title),
    link,
    language: languageTag(str(document.language)),
    items: collector.items,
    warnings: [...warnings, ...collector.warnings()],
  };
}

function parseJsonSafely(text: string): unknown {
  try {
    return parseUntrustedJson(text);
  } catch (err) {
    throw new FeedUnparseableError(`JSON Feed is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** JSON Feed 1.1 `authors[]`, else the deprecated 1.0 `author`. */
function authorOf(holder: JsonObject): string | null {
  const authors = Array.isArray(holder.authors) ? holder.authors : [holder.author];
  for (const author of authors) {
    if (isObject(author)) {
      const name = str(author.name) ?? str(author.url);
      if (name !== null) return name;
    }
  }
  return null;
}

function attachments(value: unknown, base: string | null): FeedEnclosure[] {
  const found: FeedEnclosure[] = [];
  if (!Array.isArray(value)) return found;
  for (const attachment of value) {
    if (!isObject(attachment)) continue;
    const size = attachment.size_in_bytes;
    pushEnclosure(found, str(attachment.url), str(attachment.mime_type), typeof size === 'number' ? String(size) : null, base);
  }
  return found;
}
