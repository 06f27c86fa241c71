import { createHash } from 'node:crypto';
import { decodeHTML } from 'entities';

/** One schema.org ClaimReview, reduced to what Vaksam keeps. Strings are capped at MAX_FIELD_CHARS. */
export interface ClaimReviewRecord {
  /** The review's `@id`, else its url, else the page's canonical URL, else `claimreview:` + a hash of the claim text. */
  id: string;
  /** `claimReviewed`, else the reviewed item's `name`. */
  text: string;
  /** The review's url, else the canonical URL of the page it was read from. */
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

export const MAX_FIELD_CHARS = 10_000;

export type JsonObject = Record<string, unknown>;

export function own(node: JsonObject, key: string): unknown {
  return Object.hasOwn(node, key) ? node[key] : undefined;
}

export function asObject(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
}

/**
 * A non-empty string, capped at MAX_FIELD_CHARS, with HTML entities decoded: fact-checkers' CMSes write
 * "Singh&#039;s" into JSON-LD, which no reader should see.
 */
export function asText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = (value.includes('&') ? decodeHTML(value) : value).trim();
  return trimmed === '' ? null : trimmed.slice(0, MAX_FIELD_CHARS);
}

export function asScalar(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : asText(value);
}

export function asHttpUrl(value: unknown): string | null {
  const candidate = asText(value);
  if (candidate === null || !URL.canParse(candidate)) return null;
  const url = new URL(candidate);
  return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
}

/** The id of a review that has no URL of its own: a hash of what identifies it. */
export function hashedReviewId(...parts: string[]): string {
  return `claimreview:${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 16)}`;
}
