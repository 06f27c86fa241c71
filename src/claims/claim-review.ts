import { createHash } from 'node:crypto';
import { load } from 'cheerio';
import { parseJsonLdText } from '../text/index.js';
import { ClaimReviewError } from './errors.js';

/** One schema.org ClaimReview, reduced to what Vaksam keeps. Strings are capped at MAX_FIELD_CHARS. */
export interface ClaimReviewRecord {
  /** The review's `@id`, else its url, else `claimreview:` + a hash of the claim text. */
  id: string;
  /** `claimReviewed`, else the reviewed item's `name`. */
  text: string;
  url: string | null;
  reviewRating: ReviewRating | null;
  /** The fact-checker. */
  author: Party | null;
  datePublished: string | null;
  inLanguage: string | null;
  itemReviewed: ReviewedClaim | null;
}

export interface ReviewRating {
  ratingValue: string | null;
  bestRating: string | null;
  worstRating: string | null;
  /** The verdict in words ("False", "Misleading"...). */
  alternateName: string | null;
}

export interface Party {
  name: string | null;
  url: string | null;
}

export interface ReviewedClaim {
  /** Who made the claim. */
  author: Party | null;
  datePublished: string | null;
  /** Where the claim appeared (http/https only), first appearance first. */
  appearanceUrls: string[];
}

export interface ParseClaimReviewOptions {
  /** Largest accepted input, in characters; default 5,000,000. */
  maxChars?: number;
  /** Receives each unusable JSON-LD block of an HTML page and each review without claim text; without it they throw. */
  onSkip?: (error: ClaimReviewError) => void;
}

export const MAX_FIELD_CHARS = 10_000;

/**
 * Extracts ClaimReviews from JSON-LD: a single object, an array, an `@graph`, or reviews nested anywhere (a WebPage's
 * `mainEntity`, a Claim's `review`). Given HTML, reads every `<script type="application/ld+json">` block.
 * Hostile input is safe: size bounded, nesting depth bounded, `__proto__`/`constructor`/`prototype` keys dropped,
 * only own properties read, URLs kept only when http(s).
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
  const blocks = isHtml ? jsonLdBlocks(input) : [input];
  const records: ClaimReviewRecord[] = [];
  blocks.forEach((block, i) => {
    const where = isHtml ? `JSON-LD block ${i + 1}` : 'JSON-LD';
    const parsed = parseJsonLd(block, where, i + 1);
    if (parsed instanceof ClaimReviewError) {
      if (!isHtml) throw parsed;
      skip(parsed);
      return;
    }
    for (const review of findClaimReviews(parsed)) {
      const record = toRecord(review);
      if (record === null) skip(new ClaimReviewError(`${where}: a ClaimReview has no claimReviewed text`));
      else records.push(record);
    }
  });
  return records;
}

function jsonLdBlocks(html: string): string[] {
  const $ = load(html);
  return $('script')
    .toArray()
    .filter((el) => ($(el).attr('type') ?? '').trim().toLowerCase() === 'application/ld+json')
    .map((el) => $(el).text());
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

type JsonObject = Record<string, unknown>;

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

function toRecord(review: JsonObject): ClaimReviewRecord | null {
  const item = asObject(own(review, 'itemReviewed'));
  const text = asText(own(review, 'claimReviewed')) ?? asText(item && own(item, 'name'));
  if (text === null) return null;
  const url = asHttpUrl(own(review, 'url'));
  const rating = asObject(own(review, 'reviewRating'));
  return {
    id: nodeId(own(review, '@id')) ?? url ?? `claimreview:${sha256Hex(text).slice(0, 16)}`,
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
    inLanguage: toLanguage(own(review, 'inLanguage')),
    itemReviewed: item && {
      author: toParty(own(item, 'author')),
      datePublished: asText(own(item, 'datePublished')),
      appearanceUrls: appearanceUrls(item),
    },
  };
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
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

function own(node: JsonObject, key: string): unknown {
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

function asObject(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

function asText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.slice(0, MAX_FIELD_CHARS);
}

function asScalar(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : asText(value);
}

function asHttpUrl(value: unknown): string | null {
  const candidate = asText(value);
  if (candidate === null || !URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}
