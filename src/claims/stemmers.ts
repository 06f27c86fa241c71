import { createRequire } from 'node:module';

/** A language of the claims tokeniser: Latin-script words are English or Swedish, Arabic-script words Arabic. */
export type ClaimLang = 'en' | 'sv' | 'ar';

interface Stemmer {
  stem(word: string): string;
}

// natural ships no types for its deep stemmer modules and snowball-stemmers none at all; createRequire keeps the
// deep imports (never the natural barrel, which loads every corpus) without ambient module declarations.
const require = createRequire(import.meta.url);
const englishStemmer = require('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer;
const swedishStemmer = require('natural/lib/natural/stemmers/porter_stemmer_sv.js') as Stemmer;
const snowball = require('snowball-stemmers') as { newStemmer(lang: string): Stemmer };
const arabicStemmer = snowball.newStemmer('arabic');

const STEMMERS: Record<ClaimLang, Stemmer> = { en: englishStemmer, sv: swedishStemmer, ar: arabicStemmer };

/** The stem of an already normalised word. Numbers and words with digits are kept whole. */
export function stemWord(word: string, lang: ClaimLang): string {
  if (HAS_DIGIT.test(word)) return word;
  return STEMMERS[lang].stem(word);
}

const HAS_DIGIT = /\d/u;
