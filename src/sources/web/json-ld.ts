import type { CheerioAPI } from 'cheerio';
import { parseJsonLdText } from '../../text/index.js';

/** What a page's JSON-LD says about its article; every field may be missing. */
export interface JsonLdArticle {
  headline: string | null;
  datePublished: string | null;
  dateModified: string | null;
  author: string | null;
  inLanguage: string | null;
  articleBody: string | null;
  url: string | null;
}

type JsonObject = Record<string, unknown>;

/** schema.org types that are articles: Article and its subtypes in common use. */
const ARTICLE_TYPE = /^(?:[a-z]*article|blogposting|socialmediaposting|liveblogposting|report)$/i;
/** Bounds the walk over hostile JSON-LD (deep or huge @graph). */
const MAX_NODES = 5_000;

export interface JsonLdResult {
  article: JsonLdArticle | null;
  warnings: string[];
}

/**
 * Finds the first NewsArticle/Article/BlogPosting (also inside @graph, arrays and mainEntity) in the page's
 * `<script type="application/ld+json">` blocks, read through `<![CDATA[ … ]]>` and `<!-- … -->` wrappers.
 * Blocks that are still not JSON are skipped with a warning.
 */
export function readJsonLdArticle($: CheerioAPI): JsonLdResult {
  const warnings: string[] = [];
  let invalid = 0;
  for (const script of $('script[type="application/ld+json" i]').toArray()) {
    const data = parseJson($(script).text());
    if (data === undefined) {
      invalid += 1;
      continue;
    }
    const node = findArticle(data);
    if (node !== null) return { article: toArticle(node), warnings };
  }
  if (invalid > 0) warnings.push(`${invalid} JSON-LD block(s) are not valid JSON and were skipped`);
  return { article: null, warnings };
}

function parseJson(text: string): unknown {
  try {
    return parseJsonLdText(text);
  } catch {
    return undefined;
  }
}

/** Breadth-first, so a top-level article wins over one mentioned deep inside another node. */
function findArticle(root: unknown): JsonObject | null {
  const queue: unknown[] = [root];
  for (let visited = 0; visited < queue.length && visited < MAX_NODES; visited += 1) {
    const node = queue[visited];
    if (Array.isArray(node)) {
      for (const child of node) if (queue.length < MAX_NODES) queue.push(child);
    } else if (isObject(node)) {
      if (types(node).some((type) => ARTICLE_TYPE.test(type))) return node;
      for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'hasPart']) {
        if (node[key] !== undefined && queue.length < MAX_NODES) queue.push(node[key]);
      }
    }
  }
  return null;
}

function types(node: JsonObject): string[] {
  const type = node['@type'];
  const list = Array.isArray(type) ? type : [type];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/#:]/, ''));
}

function toArticle(node: JsonObject): JsonLdArticle {
  return {
    headline: text(node.headline) ?? text(node.name),
    datePublished: text(node.datePublished) ?? text(node.dateCreated),
    dateModified: text(node.dateModified),
    author: personName(node.author),
    inLanguage: language(node.inLanguage),
    articleBody: text(node.articleBody),
    url: text(node.url),
  };
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `author` is a string, a Person/Organization, or an array of those; names are joined. */
function personName(value: unknown): string | null {
  const list = Array.isArray(value) ? value : [value];
  const names = list.map((entry) => (isObject(entry) ? text(entry.name) : text(entry))).filter((name): name is string => name !== null);
  return names.length > 0 ? names.join(', ') : null;
}

function language(value: unknown): string | null {
  if (isObject(value)) return text(value.alternateName) ?? text(value.name);
  return text(value);
}
