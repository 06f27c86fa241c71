import { load, type CheerioAPI } from 'cheerio';
import { htmlToText, oneLine, parseDate, resolveHttpUrl } from '../../text/index.js';
import { readJsonLdArticle, type JsonLdArticle } from './json-ld.js';
import { loadHtml, TOO_DEEP_WARNING } from './load-html.js';
import { findMainContent } from './main-content.js';
import { firstTimeDatetime, readPageMeta, type PageMeta } from './page-meta.js';

export interface ExtractedArticle {
  title: string | null;
  published: Date | null;
  /** The date string the page gave, kept because parsing may have guessed (no zone). */
  publishedRaw: string | null;
  author: string | null;
  language: string | null;
  /** Plain text, paragraphs separated by "\n\n"; empty when the page has no article. */
  text: string;
  /** The page's canonical URL when it states one, resolved; else null. */
  canonicalUrl: string | null;
  warnings: string[];
}

export interface ArticleOptions {
  /** IANA zone of a publication date written without one (the source's zone); default UTC. */
  timeZone?: string;
  /** Time limit for finding the main text of one page (default READABILITY_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** A page as both its HTML and its cheerio tree (loaded once by the caller). */
export interface LoadedPage {
  html: string;
  $: CheerioAPI;
}

/**
 * Extracts one article from a news page. Metadata comes from JSON-LD (NewsArticle/Article/BlogPosting,
 * also in @graph), then OpenGraph/meta tags, then <time datetime>; the text is what Readability takes for the
 * article (see findMainContent). A page without an article gives empty text and a warning, never an error.
 */
export async function extractArticle(html: string, url: string, options: ArticleOptions = {}): Promise<ExtractedArticle> {
  const $ = loadHtml(html);
  if ($ === null) {
    return { ...emptyArticle(), text: htmlToText(html, url).text, warnings: [TOO_DEEP_WARNING] };
  }
  const { article: jsonLd, warnings } = readJsonLdArticle($);
  return articleFromPage({ html, $ }, url, jsonLd, readPageMeta($), warnings, options);
}

/** extractArticle on a page already loaded, with its JSON-LD and meta already read. */
export async function articleFromPage(
  page: LoadedPage,
  url: string,
  jsonLd: JsonLdArticle | null,
  meta: PageMeta,
  warnings: string[],
  options: ArticleOptions = {},
): Promise<ExtractedArticle> {
  const { $ } = page;
  const content = await findMainContent($, page.html, url, { timeoutMs: options.timeoutMs });
  warnings.push(...content.warnings);
  const contentPage = content.html === null ? [] : [load(content.html)];
  const contentHeading = contentPage.map((c) => oneLine(c('h1').first().text())).find((heading) => heading !== null) ?? null;
  const title = jsonLd?.headline ?? meta.title ?? contentHeading ?? oneLine($('h1').first().text()) ?? meta.documentTitle;
  const publishedRaw = jsonLd?.datePublished ?? meta.publishedRaw ?? firstTimeDatetime(...contentPage, $) ?? jsonLd?.dateModified ?? null;
  const published = publishedRaw === null ? null : parseDate(publishedRaw, { timeZone: options.timeZone ?? 'UTC' });
  let text = withoutLeadingTitle(content.text, title);
  if (text === '' && jsonLd?.articleBody) text = htmlToText(jsonLd.articleBody, url).text;
  if (text === '') warnings.push(`no article text found on ${url}`);
  if (publishedRaw === null) warnings.push(`no publication date found on ${url}`);
  else if (published === null) warnings.push(`publication date ${JSON.stringify(publishedRaw.slice(0, 80))} on ${url} not understood`);
  return {
    title,
    published,
    publishedRaw,
    author: jsonLd?.author ?? meta.author,
    language: jsonLd?.inLanguage?.replace(/_/g, '-') ?? meta.language,
    text,
    canonicalUrl: resolveHttpUrl(meta.canonicalUrl, url) ?? resolveHttpUrl(jsonLd?.url, url),
    warnings,
  };
}

function emptyArticle(): ExtractedArticle {
  return { title: null, published: null, publishedRaw: null, author: null, language: null, text: '', canonicalUrl: null, warnings: [] };
}

/** The headline usually opens the article body too; it is already the title. */
function withoutLeadingTitle(text: string, title: string | null): string {
  if (title === null) return text;
  const [firstBlock, ...rest] = text.split('\n\n');
  return firstBlock?.replace(/\s+/g, ' ').trim() === title ? rest.join('\n\n') : text;
}
