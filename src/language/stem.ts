import { createRequire } from 'node:module';
import { BoundedCache } from './bounded-cache.js';
import type { StemLang } from './types.js';

interface Stemmer {
  stem(word: string): string;
}

// natural ships no types for its deep stemmer modules and snowball-stemmers none at all: createRequire keeps the deep
// imports (never the natural barrel, which loads every corpus) without ambient module declarations.
const require = createRequire(import.meta.url);
const STEMMERS: Record<Exclude<StemLang, 'none'>, Stemmer> = {
  sv: require('natural/lib/natural/stemmers/porter_stemmer_sv.js') as Stemmer,
  en: require('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer,
  ar: (require('snowball-stemmers') as { newStemmer(lang: string): Stemmer }).newStemmer('arabic'),
};

// Stemmers cost 1-20 µs a word; posts repeat a small vocabulary, so a bounded memo makes stemming nearly free.
const caches: Record<Exclude<StemLang, 'none'>, BoundedCache<string, string>> = {
  sv: new BoundedCache(50_000),
  en: new BoundedCache(50_000),
  ar: new BoundedCache(50_000),
};

/** The stem of an already normalised word; words with digits and the `none` language keep their form. */
export function stemWord(norm: string, lang: StemLang): string {
  if (lang === 'none' || norm.length < 3 || hasDigit(norm)) return norm;
  const cache = caches[lang];
  let stem = cache.get(norm);
  if (stem === undefined) {
    stem = STEMMERS[lang].stem(norm) || norm;
    cache.set(norm, stem);
  }
  return stem;
}

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const cp = word.charCodeAt(i);
    if (cp >= 0x30 && cp <= 0x39) return true;
  }
  return false;
}
