import type { Claim, ClaimIndex } from './bm25-index.js';
import { tokenizeClaimText } from './tokenize.js';

export interface RankedClaim {
  claim_id: string;
  score: number;
}

/** How much a word from an @handle counts relative to a word of the post; handles name people, not claims. */
export const MENTION_WEIGHT = 0.5;

/**
 * The topK claims with the highest BM25 score for the query, best first; ties go to the claim listed first.
 * Claims sharing no term with the query are never returned, so the list may be shorter than topK.
 */
export function rankClaims(index: ClaimIndex, queryText: string, topK: number): RankedClaim[] {
  const k = Math.max(0, Math.floor(topK));
  if (k === 0 || index.claims.length === 0) return [];
  const scores = scoresFor(index);
  const { postingStart, postingDoc, postingImpact } = index;
  for (const [term, weight] of weighQuery(index, queryText)) {
    const end = postingStart[term + 1] as number;
    for (let p = postingStart[term] as number; p < end; p++) {
      const doc = postingDoc[p] as number;
      scores[doc] = (scores[doc] as number) + weight * (postingImpact[p] as number);
    }
  }
  const best = selectTop(scores, k);
  scores.fill(0);
  return best.map(([doc, score]) => ({ claim_id: (index.claims[doc] as Claim).id, score }));
}

/**
 * The k best [doc, score] pairs with a score above 0, sorted by insertion (k is small). One pass over all scores:
 * cheaper than tracking which claims a query touched while the index is in the tens of thousands of claims.
 */
function selectTop(scores: Float32Array, k: number): [number, number][] {
  const top: [number, number][] = [];
  let floor = 0;
  for (let doc = 0; doc < scores.length; doc++) {
    const score = scores[doc] as number;
    if (score <= floor) continue;
    let at = top.length;
    while (at > 0 && isBetter(score, doc, top[at - 1] as [number, number])) at--;
    top.splice(at, 0, [doc, score]);
    if (top.length > k) top.pop();
    if (top.length === k) floor = (top[k - 1] as [number, number])[1];
  }
  return top;
}

function isBetter(score: number, doc: number, [otherDoc, otherScore]: [number, number]): boolean {
  return score > otherScore || (score === otherScore && doc < otherDoc);
}

/**
 * Query term id → weight; words absent from every claim are dropped here. A repeated word counts once: on the CLEF
 * training tweets, counting repeats lost about 0.01 MAP@5 (tweets repeat words for emphasis, not topic).
 */
function weighQuery(index: ClaimIndex, queryText: string): Map<number, number> {
  const { words, mentions } = tokenizeClaimText(queryText);
  const weights = new Map<number, number>();
  const add = (terms: string[], weight: number): void => {
    for (const term of terms) {
      const id = index.termIds.get(term);
      if (id !== undefined) weights.set(id, Math.max(weights.get(id) ?? 0, weight));
    }
  };
  add(words, 1);
  add(mentions, MENTION_WEIGHT);
  return weights;
}

// One score accumulator per index, reused by every query: rankClaims is synchronous, so no two calls interleave.
const SCORES = new WeakMap<ClaimIndex, Float32Array>();

function scoresFor(index: ClaimIndex): Float32Array {
  let scores = SCORES.get(index);
  if (scores === undefined) {
    scores = new Float32Array(index.claims.length);
    SCORES.set(index, scores);
  }
  return scores;
}
