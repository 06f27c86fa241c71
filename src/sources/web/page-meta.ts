import type { CheerioAPI } from 'cheerio';
import { oneLine } from '../../text/index.js';

/** What a page's <head> and markup say about it, before JSON-LD is consulted. */
export interface PageMeta {
  title: string | null;
  /** og:title, else the document <title>. */
  documentTitle: string | null;
  publishedRaw: string | null;
  author: string | null;
  language: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
  isArticle: boolean;
}

/** Meta names and properties that carry the publication date, most specific first. */
const DATE_META = [
  'article:published_time',
  'og:published_time',
  'datepublished',
  'dc.date.issued',
  'dcterms.issued',
  'dc.date',
  'dcterms.date',
  'pubdate',
  'publishdate',
  'publish_date',
  'date',
  'sailthru.date',
];

export function readPageMeta($: CheerioAPI): PageMeta {
  const metas = metaMap($);
  const first = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = metas.get(key);
      if (value) return value;
    }
    return null;
  };
  const documentTitle = oneLine($('head > title, title').first().text());
  const authorMeta = first('author', 'article:author', 'dc.creator', 'dcterms.creator');
  return {
    title: first('og:title', 'twitter:title'),
    documentTitle,
    publishedRaw: first(...DATE_META),
    author: authorMeta !== null && !/^https?:\/\//i.test(authorMeta) ? authorMeta : null,
    language: pageLanguage($, first('og:locale', 'content-language', 'dc.language', 'language')),
    canonicalUrl: $('link[rel~="canonical" i]').attr('href')?.trim() || first('og:url'),
    siteName: first('og:site_name', 'application-name'),
    isArticle: first('og:type') === 'article',
  };
}

/** <meta name|property|itemprop|http-equiv → content>, keys lower-cased, first occurrence wins. */
function metaMap($: CheerioAPI): Map<string, string> {
  const metas = new Map<string, string>();
  for (const element of $('meta[content]').toArray()) {
    const { attribs } = element;
    const key = (attribs.property ?? attribs.name ?? attribs.itemprop ?? attribs['http-equiv'])?.trim().toLowerCase();
    const content = attribs.content?.trim();
    if (key && content && !metas.has(key)) metas.set(key, content);
  }
  return metas;
}

/** <html lang>, else a meta language, as a BCP 47-ish tag ("sv_SE" → "sv-SE"). */
function pageLanguage($: CheerioAPI, metaLanguage: string | null): string | null {
  const raw = $('html').attr('lang') ?? $('html').attr('xml:lang') ?? metaLanguage;
  const tag = raw?.split(',')[0]?.trim().replace(/_/g, '-');
  return tag ? tag : null;
}

/** Elements that carry the publication date, most machine-readable first. */
const DATE_ELEMENTS = ['time[datetime]', '[itemprop="datePublished"]', 'time'];

/**
 * The first dated element of the first document that has one (the content, then the page): its datetime/content,
 * else its text. Selects from each document's root, which stays linear on wide pages where `.find` does not.
 */
export function firstTimeDatetime(...documents: CheerioAPI[]): string | null {
  for (const $ of documents) {
    for (const selector of DATE_ELEMENTS) {
      const element = $(selector).first();
      const value = oneLine(element.attr('datetime') ?? element.attr('content') ?? element.text());
      if (element.length > 0 && value !== null) return value;
    }
  }
  return null;
}
