import { isFunctionWord, type Analyzer, type AnalyzedText } from '../language/index.js';
import { EXEMPLAR_LANGS, type Catalogue } from '../catalogue/index.js';

/** The exemplar of a narrative closest to a post. */
export interface ExemplarMatch {
  /** `<lang>-<n>`: the n-th (1-based) exemplar of that language in the narrative's file. */
  id: string;
  similarity: number;
}

/**
 * TF-IDF cosine (binary term frequency: short posts rarely repeat a word, spam does) between a post and every
 * exemplar, over stems without function words. Exemplar vectors are
 * precomputed and normalised into flat postings per stem; a post walks the postings of its own stems only (typed
 * arrays, no per-post maps), so its cost grows with its length, not with the number of exemplars. The caller maps
 * words to stem ids (memoised per word in word-facts.ts). Not re-entrant:
 * one post at a time, like the classifier that owns it.
 */
export class ExemplarIndex {
  private readonly stemIds = new Map<string, number>();
  private readonly idf: number[] = [];
  /** Postings of stem s: docs[offsets[s] .. offsets[s+1]) with their normalised weights. */
  private readonly offsets: Int32Array;
  private readonly docs: Int32Array;
  private readonly weights: Float64Array;
  private readonly docNarrative: Int32Array;
  private readonly docId: string[] = [];
  private readonly unknownIdf: number;
  private readonly dots: Float64Array;
  private readonly stemSeen: Int32Array;
  private readonly docSeen: Int32Array;
  /** Documents the current post shares a stem with: touched[0..touchedCount). */
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private stamp = 0;

  constructor(catalogue: Catalogue, analyzer: Analyzer) {
    const docCounts: Array<Set<string>> = [];
    const narrativeOf: number[] = [];
    catalogue.narratives.forEach((narrative, n) => {
      for (const lang of EXEMPLAR_LANGS) {
        narrative.exemplars[lang].forEach((text, k) => {
          docCounts.push(stemsOf(analyzer.analyze(text, { lang })));
          narrativeOf.push(n);
          this.docId.push(`${lang}-${k + 1}`);
        });
      }
    });
    const df = new Map<string, number>();
    for (const doc of docCounts) for (const stem of doc.keys()) df.set(stem, (df.get(stem) ?? 0) + 1);
    for (const [stem, count] of df) {
      this.stemIds.set(stem, this.idf.length);
      this.idf.push(Math.log((docCounts.length + 1) / (count + 1)) + 1);
    }
    this.unknownIdf = Math.log(docCounts.length + 1) + 1;
    const postings: Array<Array<[number, number]>> = this.idf.map(() => []);
    docCounts.forEach((doc, d) => {
      const weighted = [...doc].map((stem) => {
        const id = this.stemIds.get(stem) as number;
        return [id, this.idf[id] as number] as const;
      });
      const norm = Math.sqrt(weighted.reduce((sum, [, w]) => sum + w * w, 0)) || 1;
      for (const [id, w] of weighted) (postings[id] as Array<[number, number]>).push([d, w / norm]);
    });
    this.offsets = new Int32Array(postings.length + 1);
    const total = postings.reduce((sum, list) => sum + list.length, 0);
    this.docs = new Int32Array(total);
    this.weights = new Float64Array(total);
    let at = 0;
    postings.forEach((list, id) => {
      this.offsets[id] = at;
      for (const [doc, w] of list) {
        this.docs[at] = doc;
        this.weights[at] = w;
        at++;
      }
    });
    this.offsets[postings.length] = at;
    this.docNarrative = Int32Array.from(narrativeOf);
    this.dots = new Float64Array(docCounts.length);
    this.stemSeen = new Int32Array(this.idf.length);
    this.docSeen = new Int32Array(docCounts.length);
    this.touched = new Int32Array(docCounts.length);
  }

  /** Exemplar id (`sv-3`) of an exemplar document index. */
  exemplarId(doc: number): string {
    return this.docId[doc] as string;
  }

  /** Id of a stem in the exemplars' vocabulary, or -1 when no exemplar has it. */
  stemId(stem: string): number {
    return this.stemIds.get(stem) ?? -1;
  }

  /**
   * Fills, per narrative index, the best cosine similarity of a post with that narrative's exemplars and which
   * exemplar it was (-1 when none shares a stem); returns the best similarity overall. The post is given as the
   * vocabulary ids ({@link stemId}, -1 for unknown stems) of its counted words in text order, `stemIds[0..count)`.
   * The arrays are the caller's, reused from post to post.
   */
  scoreStems(stemIds: Int32Array, count: number, bestSimilarity: Float64Array, bestDoc: Int32Array): number {
    bestSimilarity.fill(0);
    bestDoc.fill(-1);
    const norm = this.accumulate(stemIds, count);
    let best = 0;
    for (let t = 0; t < this.touchedCount; t++) {
      const doc = this.touched[t] as number;
      const similarity = (this.dots[doc] as number) / norm;
      const n = this.docNarrative[doc] as number;
      if (similarity > (bestSimilarity[n] as number)) {
        bestSimilarity[n] = similarity;
        bestDoc[n] = doc;
        if (similarity > best) best = similarity;
      }
    }
    return best;
  }

  /** The best similarity of the post with any exemplar: what {@link scoreStems} returns, without the per-narrative detail. */
  bestSimilarity(stemIds: Int32Array, count: number): number {
    const norm = this.accumulate(stemIds, count);
    let best = 0;
    for (let t = 0; t < this.touchedCount; t++) best = Math.max(best, (this.dots[this.touched[t] as number] as number) / norm);
    return best;
  }

  /** Dot products of the post with the exemplars it shares a stem with (`touched`); returns the post vector's norm. */
  private accumulate(stemIds: Int32Array, count: number): number {
    this.stamp++;
    this.touchedCount = 0;
    let normSquared = 0;
    for (let i = 0; i < count; i++) {
      const id = stemIds[i] as number;
      if (id < 0) {
        normSquared += this.unknownIdf * this.unknownIdf;
        continue;
      }
      if (this.stemSeen[id] === this.stamp) continue;
      this.stemSeen[id] = this.stamp;
      const w = this.idf[id] as number;
      normSquared += w * w;
      for (let p = this.offsets[id] as number; p < (this.offsets[id + 1] as number); p++) {
        const doc = this.docs[p] as number;
        if (this.docSeen[doc] !== this.stamp) {
          this.docSeen[doc] = this.stamp;
          this.dots[doc] = 0;
          this.touched[this.touchedCount++] = doc;
        }
        this.dots[doc] = (this.dots[doc] as number) + w * (this.weights[p] as number);
      }
    }
    return Math.sqrt(normSquared);
  }
}

/** Stems of the words of a text (hashtag parts included, function words and single letters left out). */
function stemsOf(analyzed: AnalyzedText): Set<string> {
  const stems = new Set<string>();
  for (const token of analyzed.tokens) if (token.kind === 'word' && token.norm.length >= 2 && !isFunctionWord(token.norm)) stems.add(token.stem);
  return stems;
}
