import { createHash } from 'node:crypto';
import { parseDate } from '../../text/index.js';
import type { FeedEnclosure, FeedItem } from './types.js';

/** One item as a format mapper read it, before dates, ids and authors are normalised. */
export interface RawItem {
  guid: string | null;
  url: string | null;
  title: string | null;
  author: string | null;
  publishedRaw: string | null;
  updatedRaw: string | null;
  summary: string | null;
  /** Plain text of the full content, when the item has content beyond its summary. */
  content: string | null;
  language: string | null;
  categories: string[];
  enclosures: FeedEnclosure[];
}

const MAX_EXAMPLES = 3;

/** Normalises raw items into FeedItems and counts what deserves one warning per feed rather than per item. */
export class ItemCollector {
  readonly items: FeedItem[] = [];
  private readonly seenIds = new Set<string>();
  private duplicateIds = 0;
  private hashedIds = 0;
  private readonly badDates: string[] = [];
  private badDateCount = 0;

  /** `timeZone`: where dates written without a zone were written (the source's zone). */
  constructor(private readonly timeZone: string) {}

  add(raw: RawItem): void {
    const published = this.date(raw.publishedRaw);
    const updated = this.date(raw.updatedRaw);
    // Atom and RSS items often carry only a modification date; it is the best publication date there is.
    const usesUpdated = raw.publishedRaw === null && updated !== null;
    const summary = blankToNull(raw.summary);
    const text = blankToNull(raw.content) ?? summary ?? '';
    const title = blankToNull(raw.title);
    const publishedRaw = usesUpdated ? raw.updatedRaw : raw.publishedRaw;
    const id = blankToNull(raw.guid) ?? raw.url ?? this.hashId(title, publishedRaw, text);
    if (this.seenIds.has(id)) this.duplicateIds += 1;
    else this.seenIds.add(id);
    this.items.push({
      id,
      url: raw.url,
      title,
      author: authorName(raw.author),
      published: usesUpdated ? updated : published,
      publishedRaw,
      updated,
      summary,
      text,
      language: languageTag(raw.language),
      categories: uniqueTrimmed(raw.categories),
      enclosures: raw.enclosures,
    });
  }

  warnings(): string[] {
    const warnings: string[] = [];
    if (this.badDateCount > 0) {
      warnings.push(`${this.badDateCount} date(s) not understood and left empty (e.g. ${this.badDates.map((d) => JSON.stringify(d)).join(', ')})`);
    }
    if (this.hashedIds > 0) warnings.push(`${this.hashedIds} item(s) without id or link: id derived from title, date and content`);
    if (this.duplicateIds > 0) warnings.push(`${this.duplicateIds} item(s) repeat an id already used earlier in the feed`);
    return warnings;
  }

  private date(raw: string | null): Date | null {
    if (raw === null) return null;
    const parsed = parseDate(raw, { timeZone: this.timeZone });
    if (parsed === null) {
      this.badDateCount += 1;
      if (this.badDates.length < MAX_EXAMPLES) this.badDates.push(raw.slice(0, 80));
    }
    return parsed;
  }

  private hashId(title: string | null, date: string | null, text: string): string {
    this.hashedIds += 1;
    const digest = createHash('sha256').update([title ?? '', date ?? '', text].join('\u0000')).digest('hex');
    return `sha256:${digest.slice(0, 32)}`;
  }
}

/** A language code as BCP 47 writes it: "en_US" → "en-US"; blank → null. */
export function languageTag(raw: string | null): string | null {
  return blankToNull(raw)?.replace(/_/g, '-') ?? null;
}

function blankToNull(value: string | null): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/**
 * RSS writes authors as "email (Name)", "Name (email)" or "Name <email>"; keep the name when there is one,
 * else the address as written.
 */
export function authorName(raw: string | null): string | null {
  const author = blankToNull(raw)?.replace(/\s+/g, ' ');
  if (!author) return null;
  const parenthesised = /^(.*?)\s*\(([^)]*)\)$/.exec(author);
  if (parenthesised) {
    const [, outside = '', inside = ''] = parenthesised;
    const name = outside.includes('@') ? inside : outside;
    return name.trim() || author;
  }
  const angled = /^(.*?)\s*<[^>]*@[^>]*>$/.exec(author);
  return angled?.[1]?.trim() || author;
}

function uniqueTrimmed(values: string[]): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = value.replace(/\s+/g, ' ').trim();
    if (trimmed !== '') seen.add(trimmed);
  }
  return [...seen];
}
