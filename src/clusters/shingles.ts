import { normalizeWord, scanTokens, TokenCode, TokenSpans } from '../language/index.js';

/** Tokens read per text: a long article is compared on its beginning, which is where copies agree. */
const MAX_TOKENS = 2000;

/** Words recur across posts far more than they vary: normal forms are memoised, and the memo emptied when full. */
const MEMO_LIMIT = 100_000;

/**
 * Reads the words texts are compared on, reusing one token buffer and a bounded memo of normal forms (a reader is
 * for one caller at a time; it holds no text between calls).
 */
export class WordReader {
  private readonly spans = new TokenSpans();
  private readonly normalised = new Map<string, string>();

  /**
   * The words a text is compared on, normalised by the language core (case, accents, homoglyphs, invisible
   * characters and Arabic letter variants folded). Hashtag bodies count as words (`#LVU` = `LVU`); URLs, mentions and
   * emoji do not (a copy often changes the link's tracking part or the person it tags), nor a leading retweet marker
   * "RT".
   */
  words(text: string): string[] {
    const spans = this.spans;
    scanTokens(text, MAX_TOKENS, spans);
    const words: string[] = [];
    for (let k = 0; k < spans.count; k++) {
      const kind = spans.kinds[k];
      if (kind !== TokenCode.Word && kind !== TokenCode.Hashtag) continue;
      const word = this.normalisedOnce(spans.raw(text, k));
      if (word.length > 0) words.push(word);
    }
    return words[0] === 'rt' ? words.slice(1) : words;
  }

  private normalisedOnce(raw: string): string {
    let word = this.normalised.get(raw);
    if (word === undefined) {
      if (this.normalised.size >= MEMO_LIMIT) this.normalised.clear();
      word = normalizeWord(raw);
      this.normalised.set(raw, word);
    }
    return word;
  }
}

const sharedReader = new WordReader();

/** {@link WordReader.words} with a reader shared by the process's synchronous callers. */
export function comparableWords(text: string): string[] {
  return sharedReader.words(text);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of a string's UTF-16 units, as a signed 32-bit integer (the form PostgreSQL int4[] stores). */
export function hashString(value: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), FNV_PRIME);
  return h | 0;
}

/**
 * The text's shingles: hashes of every run of `size` consecutive words, distinct and sorted ascending; a text of
 * fewer words is one shingle of all of them. At most `maxShingles` are kept, the smallest hashes (a bottom-k sketch:
 * two long copies keep the same ones), so comparing long articles stays bounded.
 */
export function shingleHashes(words: readonly string[], size: number, maxShingles: number): Int32Array {
  if (words.length === 0) return new Int32Array(0);
  const wordHashes = words.map((w) => hashString(w));
  const count = Math.max(1, words.length - size + 1);
  const hashes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    let h = FNV_OFFSET;
    const end = Math.min(words.length, i + size);
    for (let j = i; j < end; j++) h = Math.imul(h ^ (wordHashes[j] as number), FNV_PRIME) ^ (h >>> 15);
    hashes[i] = h | 0;
  }
  hashes.sort();
  let unique = 0;
  for (let i = 0; i < hashes.length; i++) {
    if (i === 0 || hashes[i] !== hashes[unique - 1]) hashes[unique++] = hashes[i] as number;
  }
  return hashes.slice(0, Math.min(unique, maxShingles));
}

/** Jaccard similarity of two sorted, distinct shingle sets (1 when both are empty: two texts with no words). */
export function jaccard(a: Int32Array, b: Int32Array): number {
  return jaccardAtLeast(a, b, 0);
}

/**
 * {@link jaccard} when it can reach `floor`, else -1, found without finishing the merge: the walk stops as soon as
 * the shingles still unread cannot lift the shared count to what `floor` needs. Never -1 for a pair at or above it.
 */
export function jaccardAtLeast(a: Int32Array, b: Int32Array, floor: number): number {
  if (a.length === 0 && b.length === 0) return 1 >= floor ? 1 : -1;
  // s / (|a| + |b| - s) >= floor  <=>  s >= floor (|a| + |b|) / (1 + floor); the margin keeps rounding from ever
  // dropping a pair exactly at the floor.
  const needed = (floor * (a.length + b.length)) / (1 + floor) - 1e-9;
  let i = 0;
  let j = 0;
  let shared = 0;
  if (Math.min(a.length, b.length) < needed) return -1;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
      continue;
    }
    if (x < y) i++;
    else j++;
    if (shared + Math.min(a.length - i, b.length - j) < needed) return -1;
  }
  const similarity = shared / (a.length + b.length - shared);
  return similarity >= floor ? similarity : -1;
}

