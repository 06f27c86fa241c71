import { analyzeText } from '../language/index.js';

/** How a text becomes a sparse vector: hashed word uni/bigrams and character n-grams of the normalised words. */
export interface FeatureSpec {
  /** Hash buckets; a power of two. */
  dim: number;
  /** Shortest and longest character n-gram. */
  charMin: number;
  charMax: number;
}

export const DEFAULT_FEATURES: FeatureSpec = { dim: 1 << 17, charMin: 3, charMax: 5 };

/** Characters of a post turned into features: a threat is said early, and a 1 MB post costs no more than a long one. */
export const MAX_FEATURE_CHARS = 4000;

/** Sorted bucket indices with L2-normalised counts, so a long post weighs no more than a short one. */
export interface SparseVector {
  indices: Uint32Array;
  values: Float32Array;
}

/**
 * The features of a text as the language core normalises it (case, diacritics, Arabic letter forms, homoglyphs):
 * `w:` words, `b:` word bigrams, `c:` character n-grams of the words joined by single spaces (misspellings, spaced
 * letters and clitics still share most of their n-grams with the plain word).
 */
export function textFeatures(text: string, spec: FeatureSpec, lang?: string): SparseVector {
  const analyzed = analyzeText(text.slice(0, MAX_FEATURE_CHARS), lang === undefined ? undefined : { lang });
  const words = analyzed.tokens.filter((t) => t.kind === 'word' || t.kind === 'number' || t.kind === 'emoji').map((t) => t.norm);
  const counts = new Map<number, number>();
  const add = (feature: string) => {
    const bucket = fnv1a(feature) & (spec.dim - 1);
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  };
  for (let i = 0; i < words.length; i++) {
    add(`w:${words[i]}`);
    if (i > 0) add(`b:${words[i - 1]} ${words[i]}`);
  }
  const joined = ` ${words.join(' ')} `;
  const chars = Array.from(joined);
  for (let n = spec.charMin; n <= spec.charMax; n++) {
    for (let i = 0; i + n <= chars.length; i++) add(`c:${chars.slice(i, i + n).join('')}`);
  }
  const indices = Uint32Array.from([...counts.keys()].sort((a, b) => a - b));
  let norm = 0;
  for (const c of counts.values()) norm += c * c;
  const scale = norm === 0 ? 0 : 1 / Math.sqrt(norm);
  const values = Float32Array.from(indices, (i) => (counts.get(i) as number) * scale);
  return { indices, values };
}

/** 32-bit FNV-1a over UTF-16 code units: stable across runs and platforms, which the shipped weights depend on. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
