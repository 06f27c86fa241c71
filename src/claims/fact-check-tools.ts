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

const MAX_APPEARANCES = 20;

/**
 * True for a response of Google's Fact Check Tools API: `claims:search` (`{ claims: [...] }`), `pages.list`
 * (`{ claimReviewMarkupPages: [...] }`) or one ClaimReviewMarkupPage (`{ claimReviewMarkups: [...] }`).
 */
export function isFactCheckToolsResponse(value: unknown): boolean {
  const node = asObject(value);
  if (node === null) return false;
  return ['claims', 'claimReviewMarkupPages', 'claimReviewMarkups'].some((key) => Array.isArray(own(node, key)));
}

/** The reviews of a Fact Check Tools API response, one record per review (a claim reviewed twice gives two). */
export function factCheckToolsRecords(value: unknown): { records: ClaimReviewRecord[]; withoutText: number } {
  const node = asObject(value) ?? {};
  const records: ClaimReviewRecord[] = [];
  let withoutText = 0;
  const add = (record: ClaimReviewRecord | null) => (record === null ? (withoutText += 1) : records.push(record));
  for (const claim of objects(own(node, 'claims'))) {
    for (const review of objects(own(claim, 'claimReview'))) add(searchedReview(claim, review));
  }
  const pages = Array.isArray(own(node, 'claimReviewMarkups')) ? [node] : objects(own(node, 'claimReviewMarkupPages'));
  for (const page of pages) {
    for (const markup of objects(own(page, 'claimReviewMarkups'))) add(markupReview(page, markup));
  }
  return { records, withoutText };
}

/** claims:search: `{ text, claimant, claimDate, claimReview: [{ publisher: { name, site }, url, title, reviewDate, textualRating, languageCode }] }`. */
function searchedReview(claim: JsonObject, review: JsonObject): ClaimReviewRecord | null {
  const text = asText(own(claim, 'text'));
  if (text === null) return null;
  const url = asHttpUrl(own(review, 'url'));
  const publisher = asObject(own(review, 'publisher'));
  const claimant = asText(own(claim, 'claimant'));
  return {
    id: url ?? hashedReviewId(text, asText(publisher && own(publisher, 'name')) ?? ''),
    text,
    url,
    reviewRating: rating(null, own(review, 'textualRating')),
    author: publisher && { name: asText(own(publisher, 'name')), url: siteUrl(own(publisher, 'site')) },
    datePublished: asText(own(review, 'reviewDate')),
    inLanguage: asText(own(review, 'languageCode')),
    itemReviewed: { author: claimant === null ? null : { name: claimant, url: null }, datePublished: asText(own(claim, 'claimDate')), appearanceUrls: [] },
  };
}

/** pages: a page `{ pageUrl, publishDate, claimReviewAuthor }` with markups `{ claimReviewed, url, rating, claimAuthor, claimDate, claimAppearances }`. */
function markupReview(page: JsonObject, markup: JsonObject): ClaimReviewRecord | null {
  const text = asText(own(markup, 'claimReviewed'));
  if (text === null) return null;
  const url = asHttpUrl(own(markup, 'url')) ?? asHttpUrl(own(page, 'pageUrl'));
  const ratingNode = asObject(own(markup, 'rating'));
  const claimAuthor = asObject(own(markup, 'claimAuthor'));
  const reviewer = asObject(own(page, 'claimReviewAuthor'));
  const appearances = [own(markup, 'claimFirstPublishedUrl'), ...(Array.isArray(own(markup, 'claimAppearances')) ? (own(markup, 'claimAppearances') as unknown[]) : [])]
    .map(asHttpUrl)
    .filter((link): link is string => link !== null);
  return {
    id: url ?? hashedReviewId(text),
    text,
    url,
    reviewRating: rating(ratingNode, ratingNode && own(ratingNode, 'textualRating')),
    author: reviewer && toParty(reviewer),
    datePublished: asText(own(page, 'publishDate')),
    inLanguage: null,
    itemReviewed: {
      author: claimAuthor && toParty(claimAuthor),
      datePublished: asText(own(markup, 'claimDate')),
      appearanceUrls: [...new Set(appearances)].slice(0, MAX_APPEARANCES),
    },
  };
}

function rating(node: JsonObject | null, textual: unknown): ClaimReviewRecord['reviewRating'] {
  const alternateName = asText(textual);
  if (node === null && alternateName === null) return null;
  return {
    ratingValue: node && asScalar(own(node, 'ratingValue')),
    bestRating: node && asScalar(own(node, 'bestRating')),
    worstRating: node && asScalar(own(node, 'worstRating')),
    alternateName,
  };
}

function toParty(node: JsonObject): Party {
  return { name: asText(own(node, 'name')), url: asHttpUrl(own(node, 'sameAs')) ?? asHttpUrl(own(node, 'url')) };
}

/** `publisher.site` is a bare host ("politifact.com"). */
function siteUrl(value: unknown): string | null {
  const site = asText(value);
  if (site === null) return null;
  return asHttpUrl(/^https?:\/\//i.test(site) ? site : `https://${site}`);
}

function objects(value: unknown): JsonObject[] {
  return Array.isArray(value) ? value.map(asObject).filter((node): node is JsonObject => node !== null) : [];
}
