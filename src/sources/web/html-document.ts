import type { CheerioAPI } from 'cheerio';
import type { FeedItem, ParsedDocument } from '../feed/index.js';
import { articleFromPage, extractArticle, type ArticleOptions, type ExtractedArticle } from './article.js';
import { readJsonLdArticle } from './json-ld.js';
import { listItemsFrom, type ListPageItem, type ListSelectors } from './list-page.js';
import { loadHtml } from './load-html.js';
import { readPageMeta } from './page-meta.js';

/** How `vaksam parse` reads a page with no configured selectors as a list: one <article> per entry. */
const AUTO_LIST_SELECTORS: ListSelectors = { item: 'article', link: 'a[href]', title: 'h1, h2, h3, h4', date: 'time[datetime]' };

/** A page with at least this many linked <article> elements (and no article metadata) is a list page. */
const MIN_LIST_ARTICLES = 2;

/**
 * Reads an HTML page into the feed model (kind 'html') for `vaksam parse`: one item for an article page,
 * or one item per linked <article> for a list page.
 */
export async function parseHtmlDocument(html: string, url: string, options: ArticleOptions = {}): Promise<ParsedDocument> {
  const $ = loadHtml(html);
  if ($ === null) {
    const article = await extractArticle(html, url, options);
    return { ...emptyDocument(url), items: hasContent(article) ? [articleItem(url, article)] : [], warnings: article.warnings };
  }
  const { article: jsonLd, warnings } = readJsonLdArticle($);
  const meta = readPageMeta($);
  const document = { ...emptyDocument(url), title: meta.siteName ?? meta.documentTitle, language: meta.language };
  const list = jsonLd === null && !meta.isArticle ? autoList($, url, options.timeZone ?? 'UTC') : null;
  if (list !== null) return { ...document, items: list.map(listItem), warnings };
  const article = await articleFromPage({ html, $ }, url, jsonLd, meta, warnings, options);
  const item = articleItem(article.canonicalUrl ?? url, article);
  return { ...document, items: hasContent(article) ? [item] : [], warnings: article.warnings };
}

function autoList($: CheerioAPI, url: string, timeZone: string): ListPageItem[] | null {
  const { items } = listItemsFrom($, url, AUTO_LIST_SELECTORS, timeZone);
  return items.length >= MIN_LIST_ARTICLES ? items : null;
}

function emptyDocument(url: string): ParsedDocument {
  return { kind: 'html', version: null, title: null, link: url, language: null, items: [], warnings: [] };
}

/** A page whose article has no text (a login form, a search page) yields no item, only its warning. */
function hasContent(article: ExtractedArticle): boolean {
  return article.text !== '';
}

function articleItem(url: string, article: ExtractedArticle): FeedItem {
  return {
    id: url,
    url,
    title: article.title,
    author: article.author,
    published: article.published,
    publishedRaw: article.publishedRaw,
    updated: null,
    summary: null,
    text: article.text,
    language: article.language,
    categories: [],
    enclosures: [],
  };
}

function listItem(item: ListPageItem): FeedItem {
  return {
    id: item.url,
    url: item.url,
    title: item.title,
    author: null,
    published: item.published,
    publishedRaw: item.publishedRaw,
    updated: null,
    summary: null,
    text: item.teaser,
    language: null,
    categories: [],
    enclosures: [],
  };
}
