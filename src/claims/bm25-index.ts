import { tokenizeClaimText } from './tokenize.js';

/** A fact-checked claim to retrieve. `narrative` is the slug it is attached to, kept for the caller. */
export interface Claim {
  id: string;
  text: string;
  title?: string;
  narrative?: string;
}

/** Okapi BM25 parameters. */
export interface Bm25Options {
  /** Term-frequency saturation; default 1.2. */
  k1: number;
  /** Document-length normalisation, 0..1; default 0.75. */
  b: number;
  /** How much a title word counts relative to a claim-text word (BM25F-style field weight); default 1. */
  titleWeight: number;
}

export const DEFAULT_BM25: Readonly<Bm25Options> = Object.freeze({ k1: 1.2, b: 0.75, titleWeight: 1 });

/**
 * An immutable inverted index. Postings are stored term by term in flat typed arrays (CSR layout): the postings of
 * term t are `postingDoc/postingImpact[postingStart[t] .. postingStart[t+1])`. The impact is the full BM25 weight of
 * the term in that claim (idf × saturated tf), precomputed so a query only adds numbers.
 */
export interface ClaimIndex {
  readonly claims: readonly Claim[];
  readonly options: Readonly<Bm25Options>;
  readonly termIds: ReadonlyMap<string, number>;
  readonly postingStart: Uint32Array;
  readonly postingDoc: Uint32Array;
  readonly postingImpact: Float32Array;
}

export function buildClaimIndex(claims: readonly Claim[], options: Partial<Bm25Options> = {}): ClaimIndex {
  const opts = Object.freeze({ ...DEFAULT_BM25, ...options });
  const termIds = new Map<string, number>();
  const docTerms: Map<number, number>[] = [];
  const docLength = new Float64Array(claims.length);
  const docFreq: number[] = [];
  let totalLength = 0;
  let postings = 0;
  claims.forEach((claim, doc) => {
    const tf = new Map<number, number>();
    const addField = (text: string | undefined, weight: number): void => {
      if (text === undefined || text === '' || weight === 0) return;
      for (const term of tokenizeClaimText(text).words) {
        let id = termIds.get(term);
        if (id === undefined) {
          id = termIds.size;
          termIds.set(term, id);
          docFreq.push(0);
        }
        tf.set(id, (tf.get(id) ?? 0) + weight);
        docLength[doc] = (docLength[doc] ?? 0) + weight;
      }
    };
    addField(claim.text, 1);
    addField(claim.title, opts.titleWeight);
    for (const id of tf.keys()) docFreq[id] = (docFreq[id] ?? 0) + 1;
    docTerms.push(tf);
    totalLength += docLength[doc] ?? 0;
    postings += tf.size;
  });
  const postingStart = new Uint32Array(termIds.size + 1);
  for (let t = 0; t < docFreq.length; t++) postingStart[t + 1] = (postingStart[t] ?? 0) + (docFreq[t] ?? 0);
  const fill = postingStart.slice(0, termIds.size);
  const postingDoc = new Uint32Array(postings);
  const postingImpact = new Float32Array(postings);
  const avgLength = claims.length > 0 && totalLength > 0 ? totalLength / claims.length : 1;
  docTerms.forEach((tf, doc) => {
    const norm = opts.k1 * (1 - opts.b + (opts.b * (docLength[doc] ?? 0)) / avgLength);
    for (const [id, freq] of tf) {
      const slot = fill[id] ?? 0;
      fill[id] = slot + 1;
      postingDoc[slot] = doc;
      postingImpact[slot] = idf(claims.length, docFreq[id] ?? 0) * ((freq * (opts.k1 + 1)) / (freq + norm));
    }
  });
  return { claims, options: opts, termIds, postingStart, postingDoc, postingImpact };
}

/** Lucene's BM25 idf: never negative, so a word in most claims still counts a little. */
function idf(docs: number, df: number): number {
  return Math.log(1 + (docs - df + 0.5) / (df + 0.5));
}
