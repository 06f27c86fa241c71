import { load, type Cheerio, type CheerioAPI } from 'cheerio';
import { isTag, type Element } from 'domhandler';
import { htmlToText, oneLine, parseDate, resolveHttpUrl } from '../../text/index.js';
import { WebSelectorError } from './errors.js';
import { loadHtml, TOO_DEEP_WARNING } from './load-html.js';

/** CSS selectors that find the articles on a list page ("Nyheter"); link/title/date are relative to item. */
export interface ListSelectors {
  /** One element per listed article, e.g. "ul.news-list > li". */
  item: string;
  /** The link to the article inside an item (or the item itself when it matches), e.g. "a". */
  link: string;
  /** The title inside an item; default: the link text. */
  title?: string;
  /** The date inside an item (datetime/content attribute or text); default: a <time datetime> if any. */
  date?: string;
}

export interface ListPageItem {
  /** Absolute http(s) URL of the article, without #fragment. */
  url: string;
  title: string | null;
  published: Date | null;
  publishedRaw: string | null;
  /** Plain text of the list item without its title: the teaser, often the first lines of the article. */
  teaser: string;
}

export interface ListPage {
  items: ListPageItem[];
  warnings: string[];
}

/** Why a selector cannot be used, or null when cheerio compiles it. */
export function selectorProblem(selector: string): string | null {
  try {
    load('')(selector);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/**
 * Finds the linked articles on a list page with the source's selectors. Links resolve against `<base href>`
 * or `baseUrl`; items without a usable http(s) link are skipped with a warning; repeated URLs are kept once.
 * Dates without a zone are read in `timeZone`.
 */
export function parseListPage(html: string, baseUrl: string, selectors: ListSelectors, timeZone = 'UTC'): ListPage {
  for (const [key, selector] of Object.entries(selectors)) {
    const problem = typeof selector === 'string' ? selectorProblem(selector) : null;
    if (problem !== null) throw new WebSelectorError(`selectors.${key} ${JSON.stringify(selector)} is not a valid CSS selector: ${problem}`, { details: { key, selector } });
  }
  const $ = loadHtml(html);
  if ($ === null) return { items: [], warnings: [TOO_DEEP_WARNING] };
  return listItemsFrom($, baseUrl, selectors, timeZone);
}

/** parseListPage on a page already loaded; selectors must be valid. */
export function listItemsFrom($: CheerioAPI, baseUrl: string, selectors: ListSelectors, timeZone: string): ListPage {
  const base = resolveHttpUrl($('base[href]').attr('href'), baseUrl) ?? baseUrl;
  const elements = $(selectors.item).toArray().filter(isTag);
  const items: ListPageItem[] = [];
  const seen = new Set<string>();
  let withoutLink = 0;
  let badDates = 0;
  for (const element of elements) {
    const item = readItem($, $(element), selectors, base, timeZone);
    if (item === null) {
      withoutLink += 1;
      continue;
    }
    if (item.publishedRaw !== null && item.published === null) badDates += 1;
    if (seen.has(item.url)) continue;
    seen.add(item.url);
    items.push(item);
  }
  const warnings: string[] = [];
  if (elements.length === 0) warnings.push(`selectors.item ${JSON.stringify(selectors.item)} matched nothing on ${baseUrl}`);
  if (withoutLink > 0) warnings.push(`${withoutLink} list item(s) on ${baseUrl} have no http(s) link matching selectors.link ${JSON.stringify(selectors.link)}`);
  if (badDates > 0) warnings.push(`${badDates} list date(s) on ${baseUrl} not understood`);
  return { items, warnings };
}

function readItem($: CheerioAPI, item: Cheerio<Element>, selectors: ListSelectors, base: string, timeZone: string): ListPageItem | null {
  const link = item.is(selectors.link) ? item : item.find(selectors.link).first();
  const url = resolveHttpUrl(link.attr('href'), base);
  if (url === null) return null;
  const titleElement = selectors.title === undefined ? link : item.find(selectors.title).first();
  const dateElement = item.find(selectors.date ?? 'time[datetime]').first();
  const publishedRaw = dateElement.length === 0 ? null : oneLine(dateElement.attr('datetime') ?? dateElement.attr('content') ?? dateElement.text());
  const title = oneLine(titleElement.text()) ?? oneLine(link.attr('title') ?? '');
  const teaser = item.clone();
  teaser.find(selectors.title ?? selectors.link).first().remove();
  teaser.find(selectors.date ?? 'time[datetime]').first().remove();
  return {
    url: withoutFragment(url),
    title,
    published: publishedRaw === null ? null : parseDate(publishedRaw, { timeZone }),
    publishedRaw,
    teaser: htmlToText($.html(teaser), base).text,
  };
}

export function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}
