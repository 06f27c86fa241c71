export { type Bm25Options, buildClaimIndex, type Claim, type ClaimIndex, DEFAULT_BM25 } from './bm25-index.js';
export { readClaimsFile } from './claim-file.js';
export {
  type ClaimReviewRecord,
  type ParseClaimReviewOptions,
  type Party,
  type ReviewedClaim,
  type ReviewRating,
  parseClaimReview,
} from './claim-review.js';
export { detectClaimLanguage } from './detect-language.js';
export { ClaimReviewError, ClaimsFileError, ClaimsInputError } from './errors.js';
export { DEFAULT_MAX_LINE_CHARS } from './line-reader.js';
export { normaliseWord } from './normalise-word.js';
export { type ClaimQuery, type Qrels, readQrelsFile, readQueriesTsv } from './query-file.js';
export { rankClaims, type RankedClaim } from './rank.js';
export { type RankJsonlSummary, rankQueriesJsonl } from './rank-jsonl.js';
export type { ClaimLang } from './stemmers.js';
export { type ClaimTerms, tokeniseClaimText } from './tokenise.js';
