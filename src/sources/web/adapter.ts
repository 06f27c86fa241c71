import { z } from 'zod';
import { isPermanent } from '../../errors/index.js';
import { decodeBody } from '../../fetch/index.js';
import { timeZoneField } from '../time-zone-field.js';
import type { CollectContext, CollectedItem, CollectResult, QuarantinedItem, SourceAdapter } from '../types.js';
import { extractArticle, type ExtractedArticle } from './article.js';
import { parseListPage, selectorProblem, type ListPageItem } from './list-page.js';

const selector = z
  .string()
  .trim()
  .min(1)
  .superRefine((value, ctx) => {
    const problem = selectorProblem(value);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `not a valid CSS selector: ${problem}` });
  });

export const webSourceConfigSchema = z.object({
  selectors: z
    .object({
      item: selector.describe('one element per listed article, e.g. "ul.news-list > li"'),
      link: selector.describe('the article link inside an item, e.g. "a"'),
      title: selector.optional().describe('the title inside an item (default: the link text)'),
      date: selector.optional().describe('the date inside an item (default: a <time datetime>)'),
    })
    .describe('CSS selectors for the list page (the source URL)'),
  maxArticles: z.number().int().min(1).max(200).default(20).describe('new articles fetched per run at most (default 20)'),
  sameOriginOnly: z.boolean().default(true).describe('only follow links on the list page\'s own origin (default true)'),
  timeZone: timeZoneField,
});

export type WebSourceConfig = z.infer<typeof webSourceConfigSchema>;

/** Article URLs remembered in the cursor so later runs fetch only new ones; newest first. */
const MAX_SEEN_URLS = 500;
const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5';

/** A news list page (a municipality's "Nyheter") plus each new article it links to. */
export const webAdapter: SourceAdapter<WebSourceConfig> = {
  kind: 'web',
  description: 'an HTML news list page read with CSS selectors, then each new linked article',
  configSchema: webSourceConfigSchema,
  async collect(ctx: CollectContext, config: WebSourceConfig): Promise<CollectResult> {
    const cursor = ctx.source.cursor;
    const list = await ctx.fetcher.fetch({
      url: ctx.source.url,
      headers: { accept: HTML_ACCEPT },
      etag: stringOrNull(cursor.etag),
      lastModified: stringOrNull(cursor.lastModified),
      signal: ctx.signal,
    });
    const base = { httpStatus: list.status, quarantined: [] as QuarantinedItem[] };
    if (list.notModified) return { ...base, items: [], cursor: null, warnings: [], bytes: list.bytes, notModified: true };
    const decoded = decodeBody(list.body, { contentType: list.headers['content-type'] ?? null, kind: 'html' });
    const page = parseListPage(decoded.text, list.url, config.selectors, config.timeZone);
    const seen = new Set(Array.isArray(cursor.seenUrls) ? cursor.seenUrls.filter((u): u is string => typeof u === 'string') : []);
    const origin = new URL(list.url).origin;
    const fresh = page.items.filter((item) => !seen.has(item.url) && (!config.sameOriginOnly || new URL(item.url).origin === origin));
    const batch = fresh.slice(0, config.maxArticles);
    const run = await fetchArticles(ctx, batch, config.timeZone);
    // Leftovers or retryable failures must not hide behind a 304 of an unchanged list page next time.
    const revisit = fresh.length > batch.length || run.retryable > 0;
    ctx.log.debug({ sourceId: ctx.source.id, listed: page.items.length, fresh: fresh.length, fetched: batch.length }, 'web list read');
    return {
      ...base,
      items: run.items,
      quarantined: run.quarantined,
      cursor: {
        etag: revisit ? null : list.etag,
        lastModified: revisit ? null : list.lastModified,
        seenUrls: [...run.done, ...seen].slice(0, MAX_SEEN_URLS),
      },
      warnings: [...decoded.warnings, ...page.warnings, ...run.warnings],
      bytes: list.bytes + run.bytes,
      notModified: false,
    };
  },
};

interface ArticleRun {
  items: CollectedItem[];
  quarantined: QuarantinedItem[];
  warnings: string[];
  /** URLs that need no new attempt: collected, quarantined or permanently failed. */
  done: string[];
  retryable: number;
  bytes: number;
}

/** One article at a time: the fetcher already limits per host, and a municipality's server deserves care. */
async function fetchArticles(ctx: CollectContext, batch: ListPageItem[], timeZone: string): Promise<ArticleRun> {
  const run: ArticleRun = { items: [], quarantined: [], warnings: [], done: [], retryable: 0, bytes: 0 };
  for (const entry of batch) {
    try {
      const response = await ctx.fetcher.fetch({ url: entry.url, headers: { accept: HTML_ACCEPT }, signal: ctx.signal });
      run.bytes += response.bytes;
      run.done.push(entry.url);
      const contentType = response.headers['content-type'] ?? null;
      if (contentType !== null && !/html|xml|text\/plain/i.test(contentType)) {
        run.warnings.push(`article ${entry.url}: skipped, content type ${contentType} is not a web page`);
        continue;
      }
      const decoded = decodeBody(response.body, { contentType, kind: 'html' });
      const article = await extractArticle(decoded.text, response.url, { timeZone });
      run.warnings.push(...decoded.warnings, ...article.warnings);
      if (article.text === '') {
        run.quarantined.push({ externalId: entry.url, reason: `no article text found at ${response.url}`, raw: { url: response.url, title: article.title ?? entry.title } });
      } else {
        run.items.push(toCollectedItem(entry, article, response.url));
      }
    } catch (err) {
      if (ctx.signal.aborted) throw err;
      run.warnings.push(`article ${entry.url}: ${err instanceof Error ? err.message : String(err)}`);
      if (isPermanent(err)) run.done.push(entry.url);
      else run.retryable += 1;
    }
  }
  return run;
}

function toCollectedItem(entry: ListPageItem, article: ExtractedArticle, fetchedUrl: string): CollectedItem {
  return {
    // The list's link is what the cursor remembers, so it is also the stable id across runs.
    externalId: entry.url,
    url: article.canonicalUrl ?? fetchedUrl,
    authorHandle: article.author,
    title: article.title ?? entry.title,
    text: article.text,
    language: article.language,
    publishedAt: article.published ?? entry.published,
    metadata: {
      publishedRaw: article.publishedRaw ?? entry.publishedRaw,
      listTitle: entry.title,
      teaser: entry.teaser,
    },
  };
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
