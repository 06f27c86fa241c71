import { detectLanguage, normalizeWord, removeInvisible, RETRIEVAL_STOPWORDS, stemWord, type StemLang } from '../language/index.js';

/** A language of the claims tokenizer: Latin-script words are English or Swedish, Arabic-script words Arabic. */
export type ClaimLang = Exclude<StemLang, 'none'>;

/**
 * The language for the Latin-script words of a text, by the language core's cue words and letters: Swedish or
 * Arabic when the core says so, else English. Franc's guess on a tie is not asked for: it calls short English claim
 * titles Swedish, and English is what most fact-checked claims are written in.
 */
export function detectClaimLanguage(text: string): ClaimLang {
  const lang = detectLanguage(text, { guessTies: false, lookalikesVote: false });
  return lang === 'sv' ? 'sv' : lang === 'ar' ? 'ar' : 'en';
}

/** Index terms of a text: `words` from running text and hashtags, `mentions` from @handles (weighted lower). */
export interface ClaimTerms {
  words: string[];
  mentions: string[];
}

/**
 * Tokenises a post or claim for BM25: URLs removed, hashtags and @handles split at camelCase and underscores,
 * possessive 's dropped, words normalised (the language core's normalizeWord), stopwords of the word's language removed, and stemmed
 * (Porter for English and Swedish, Snowball for Arabic). Linear in the text length.
 */
export function tokenizeClaimText(text: string, lang: ClaimLang = detectClaimLanguage(text)): ClaimTerms {
  const latinLang: ClaimLang = lang === 'ar' ? 'en' : lang;
  const clean = removeInvisible(text).replace(URL_PATTERN, ' ').replace(THOUSANDS, '$1');
  const words: string[] = [];
  const mentions: string[] = [];
  for (const match of clean.matchAll(TOKEN)) {
    const sigil = match[1];
    const body = match[2] as string;
    const target = sigil === '@' ? mentions : words;
    const pieces = sigil === undefined ? body.split('_') : splitHandle(body);
    for (const piece of pieces) {
      const term = toTerm(piece, latinLang);
      if (term !== null) target.push(term);
    }
  }
  return { words, mentions };
}

const URL_PATTERN = /(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S*/giu;
const THOUSANDS = /(\d)[,\u00a0](?=\d{3}(?!\d))/gu;
const TOKEN = /([#@])?([\p{L}\p{M}\p{N}_]+(?:['’][\p{L}\p{M}]+)*)/gu;

/** `#DefundTheCBC` → Defund, The, CBC; `#slutakidnappavårabarn` stays whole (no case to split on). */
function splitHandle(body: string): string[] {
  return body.match(CAMEL_PIECE) ?? [];
}

const CAMEL_PIECE = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+(?:['’]\p{Ll}+)*|\p{Lu}+|\p{N}+|[^\p{Lu}\p{Ll}\p{N}_]+/gu;

function toTerm(piece: string, latinLang: ClaimLang): string | null {
  const key = latinLang + piece;
  const cached = TERM_CACHE.get(key);
  if (cached !== undefined) return cached;
  if (TERM_CACHE.size >= TERM_CACHE_LIMIT) TERM_CACHE.clear();
  const term = computeTerm(piece, latinLang);
  TERM_CACHE.set(key, term);
  return term;
}

// Tweets repeat a small vocabulary, so caching normalise+stem per surface form makes tokenising mostly Map lookups;
// the limit keeps a hostile stream of unique words from growing it without bound.
const TERM_CACHE = new Map<string, string | null>();
const TERM_CACHE_LIMIT = 200_000;

function computeTerm(piece: string, latinLang: ClaimLang): string | null {
  // The possessive goes before normalizing, which drops apostrophes ("children's" → children, not childrens).
  const word = normalizeWord(piece.replace(POSSESSIVE, ''));
  if (word.length < MIN_TERM_CHARS) return null;
  const lang = ARABIC_SCRIPT.test(word) ? 'ar' : latinLang;
  if (RETRIEVAL_STOPWORDS[lang].has(word)) return null;
  // Numbers and words with digits are kept whole.
  return stemWord(word, lang);
}

const POSSESSIVE = /['’]s$/iu;
const ARABIC_SCRIPT = /[\u0600-\u06ff]/u;
const MIN_TERM_CHARS = 2;
