import { AR_FUNCTION_WORDS, BUILT_IN_LEXICON, EN_FUNCTION_WORDS, SV_FUNCTION_WORDS } from './common-words.js';
import { normalizeWord } from './normalize.js';
import { inflectionBases } from './inflection.js';
import { tokenize } from './tokenize.js';

/** Known words (normalised) for splitting hashtags and Swedish compounds. */
export interface Lexicon {
  has(word: string): boolean;
  /** True when the word, or the word without a Swedish inflectional ending, is known: `rovet` is known when `rov` is. */
  hasInflected(word: string): boolean;
  readonly maxWordLength: number;
}

const FUNCTION_WORDS = new Set([...SV_FUNCTION_WORDS, ...EN_FUNCTION_WORDS, ...AR_FUNCTION_WORDS].map((w) => normalizeWord(w)));

/** True for a (normalised) Swedish, English or Arabic function word: frequent, weak as evidence. */
export function isFunctionWord(norm: string): boolean {
  return FUNCTION_WORDS.has(norm);
}

const MIN_WORD_LENGTH = 2;
const MAX_WORD_LENGTH = 30;

/** The built-in lexicon plus every word of `extraTexts` (catalogue query words, exemplars, a threat word list…). */
export function createLexicon(extraTexts: Iterable<string> = []): Lexicon {
  const known = new Set<string>();
  const add = (norm: string): void => {
    if (norm.length >= MIN_WORD_LENGTH && norm.length <= MAX_WORD_LENGTH) known.add(norm);
  };
  for (const word of BUILT_IN_LEXICON) add(normalizeWord(word));
  for (const text of extraTexts) {
    for (const token of tokenize(text, 10_000).tokens) {
      if (token.kind === 'word' || token.kind === 'hashtag') {
        for (const piece of token.raw.split('_')) add(normalizeWord(piece));
      }
    }
  }
  let maxWordLength = 0;
  for (const word of known) maxWordLength = Math.max(maxWordLength, word.length);
  return {
    has: (word) => known.has(word),
    hasInflected: (word) => known.has(word) || inflectionBases(word, 'sv').some((base) => known.has(base)),
    maxWordLength,
  };
}
