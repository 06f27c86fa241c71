import { load } from 'cheerio';
import { parseJsonLdText } from '../text/index.js';
import {
  asHttpUrl,
  asObject,
  asScalar,
  asText,
  hashedReviewId,
  own,
  type ClaimReviewRecord,
  type JsonObject,
  type Party,
} from './claim-review-values.js';
import { ClaimReviewError } from './errors.js';
import { factCheckToolsRecords, isFactCheckToolsResponse } from './fact-check-tools.js';

export interface ParseClaimReviewOptions {
  /** Largest accepted input, in characters; default 5,000,000. */
  maxChars?: number;
  /** Receives each unusable JSON-LD block of an HTML page and each review without claim text; without it they throw. */
  onSkip?: (error: ClaimReviewError) => void;
}

/**
 * Extracts ClaimReviews from JSON-LD: a single object, an array, an `@graph`, or reviews nested anywhere (a WebPage's
 * `mainEntity`, a Claim's `review`). Given HTML, reads every `<script type="application/ld+json">` block (also
 * wrapped in CDATA or a comment); a review without its own language or URL takes the page's `<html lang>` and
 * canonical URL. Also reads responses of Google's Fact Check Tools API (claims:search and pages).
 * Hostile input is safe: size bounded, nesting depth bounded, `__proto__`/`constructor`/`prototype` keys dropped,
 * only own properties read, URLs kept only when http(s), HTML entities in text decoded.
 */
export function parseClaimReview(input: string, options: ParseClaimReviewOptions = {}): ClaimReviewRecord[] {
  const maxChars = options.maxChars ?? 5_000_000;
  if (input.length > maxChars) {
    throw new ClaimReviewError(`ClaimReview input is ${input.length} characters; at most ${maxChars} allowed`);
  }
  const skip = (error: ClaimReviewError): void => {
    if (options.onSkip === undefined) throw error;
    options.onSkip(error);
  };
  const isHtml = input.trimStart().startsWith('<');
  const page = isHtml ? readPage(input) : { blocks: [input], language: null, canonicalUrl: null };
  const reviews: JsonObject[] = [];
  for (const [i, block] of page.blocks.entries()) {
    const where = isHtml ? `JSON-LD block ${i + 1}` : 'JSON-LD';
    const parsed = parseJsonLd(block, where, i + 1);
    if (parsed instanceof ClaimReviewError) {
      if (!isHtml) throw parsed;
      skip(parsed);
      continue;
    }
    if (!isHtml && isFactCheckToolsResponse(parsed)) {
      const { records, withoutText } = factCheckToolsRecords(parsed);
      for (let n = 0; n < withoutText; n += 1) skip(new ClaimReviewError('Fact Check Tools API: a claim review has no claim text'));
      return records;
    }
    reviews.push(...findClaimReviews(parsed));
  }
  const withoutOwnUrl = reviews.filter((review) => ownId(review) === null).length;
  const records: ClaimReviewRecord[] = [];
  for (const review of reviews) {
    const record = toRecord(review, page, withoutOwnUrl > 1);
    if (record === null) skip(new ClaimReviewError(`${isHtml ? 'HTML page' : 'JSON-LD'}: a ClaimReview has no claimReviewed text`));
    else records.push(record);
  }
  return records;
}

interface PageContext {
  blocks: string[];
  /** `<html lang>`, for reviews that do not state `inLanguage` (most fact-check pages). */
  language: string | null;
  /** `<link rel=canonical>` or og:url, for reviews without `url`. */
  canonicalUrl: string | null;
}

function readPage(html: string): PageContext {
  const $ = load(html);
  const blocks = $('script')
    .toArray()
    .filter((el) => ($(el).attr('type') ?? '').trim().toLowerCase() === 'application/ld+json')
    .map((el) => $(el).text());
  const lang = asText($('html').attr('lang') ?? $('html').attr('xml:lang'))?.split(/[\s,]/)[0]?.replace(/_/g, '-') ?? null;
  const canonical = asHttpUrl($('link[rel~="canonical" i]').attr('href')) ?? asHttpUrl($('meta[property="og:url"]').attr('content'));
  return { blocks, language: lang === '' ? null : lang, canonicalUrl: canonical };
}

function parseJsonLd(block: string, where: string, blockNumber: number): unknown {
  const details = { block: blockNumber };
  if (nestingDepth(block) > MAX_DEPTH) {
    return new ClaimReviewError(`${where} is nested deeper than ${MAX_DEPTH} levels`, { details });
  }
  try {
    return parseJsonLdText(block);
  } catch (cause) {
    return new ClaimReviewError(`${where} is not JSON`, { cause, details });
  }
}

/** Deepest [ / { nesting outside strings, found before parsing so hostile input cannot exhaust the stack. */
function nestingDepth(json: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACKET || c === OPEN_BRACE) deepest = Math.max(deepest, ++depth);
    else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth--;
  }
  return deepest;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Deepest JSON nesting accepted; real ClaimReview markup stays under 10. */
const MAX_DEPTH = 32;

/** Every ClaimReview node, depth first; the depth is already bounded by parseJsonLd. */
function findClaimReviews(root: unknown): JsonObject[] {
  const found: JsonObject[] = [];
  const visit = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const node = value as JsonObject;
    if (isClaimReview(own(node, '@type'))) found.push(node);
    else for (const key of Object.keys(node)) visit(node[key]);
  };
  visit(root);
  return found;
}

function isClaimReview(type: unknown): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => typeof t === 'string' && /(?:^|[/:#])ClaimReview$/u.test(t));
}

/** The review's own identity: its `@id` (not a blank node) or its url. */
function ownId(review: JsonObject): string | null {
  return nodeId(own(review, '@id')) ?? asHttpUrl(own(review, 'url'));
}

/**
 * A review without `@id` or `url` is identified by the page it is on: the canonical URL, with a fragment from its
 * claim text when the page has several such reviews (so they stay apart and keep their ids when one is added).
 */
function toRecord(review: JsonObject, page: PageContext, pageHasSeveral: boolean): ClaimReviewRecord | null {
  const item = asObject(own(review, 'itemReviewed'));
  const text = asText(own(review, 'claimReviewed')) ?? asText(item && own(item, 'name'));
  if (text === null) return null;
  const url = asHttpUrl(own(review, 'url')) ?? page.canonicalUrl;
  const rating = asObject(own(review, 'reviewRating'));
  const pageId = page.canonicalUrl === null ? null : pageHasSeveral ? `${page.canonicalUrl}#${hashedReviewId(text)}` : page.canonicalUrl;
  return {
    id: ownId(review) ?? pageId ?? hashedReviewId(text),
    text,
    url,
    reviewRating: rating && {
      ratingValue: asScalar(own(rating, 'ratingValue')),
      bestRating: asScalar(own(rating, 'bestRating')),
      worstRating: asScalar(own(rating, 'worstRating')),
      alternateName: asText(own(rating, 'alternateName')),
    },
    author: toParty(own(review, 'author')),
    datePublished: asText(own(review, 'datePublished')),
    inLanguage: toLanguage(own(review, 'inLanguage')) ?? page.language,
    itemReviewed: item && {
      author: toParty(own(item, 'author')),
      datePublished: asText(own(item, 'datePublished')),
      appearanceUrls: appearanceUrls(item),
    },
  };
}

/** A JSON-LD `@id`, unless it is a blank node (`_:b0`), which names nothing outside its document. */
function nodeId(value: unknown): string | null {
  const id = asText(value);
  return id === null || id.startsWith('_:') ? null : id;
}

function toParty(value: unknown): Party | null {
  const first = Array.isArray(value) ? value[0] : value;
  if (typeof first === 'string') return { name: asText(first), url: null };
  const node = asObject(first);
  if (node === null) return null;
  return { name: asText(own(node, 'name')), url: asHttpUrl(own(node, 'url')) ?? asHttpUrl(own(node, 'sameAs')) };
}

function toLanguage(value: unknown): string | null {
  const node = asObject(value);
  return asText(node === null ? value : (own(node, 'alternateName') ?? own(node, 'name')));
}

const MAX_APPEARANCES = 20;

function appearanceUrls(item: JsonObject): string[] {
  const urls: string[] = [];
  for (const key of ['firstAppearance', 'appearance']) {
    const value = own(item, key);
    for (const entry of Array.isArray(value) ? value : [value]) {
      const node = asObject(entry);
      const url = asHttpUrl(node === null ? entry : own(node, 'url'));
      if (url !== null && !urls.includes(url) && urls.length < MAX_APPEARANCES) urls.push(url);
    }
  }
  return urls;
}

