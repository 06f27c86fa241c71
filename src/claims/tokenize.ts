import {
  BoundedCache,
  detectLanguage,
  dominantScript,
  hashtagChunks,
  normalizeWord,
  RETRIEVAL_STOPWORDS,
  stemLangFor,
  stemWord,
  type StemLang,
  tokenize,
} from '../language/index.js';

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
 * Tokenises a post or claim for BM25 with the language core (tokenize, hashtagChunks, normalizeWord, stemWord,
 * RETRIEVAL_STOPWORDS): URLs removed, hashtags and @handles split at camelCase and underscores, possessive 's
 * dropped, stopwords of the word's language removed, and words stemmed (Porter for English and Swedish, Snowball for
 * Arabic). Linear in the text length.
 */
export function tokenizeClaimText(text: string, lang: ClaimLang = detectClaimLanguage(text)): ClaimTerms {
  const latinLang: ClaimLang = lang === 'ar' ? 'en' : lang;
  const words: string[] = [];
  const mentions: string[] = [];
  const clean = text.replace(URL_PATTERN, ' ');
  for (const token of tokenize(clean, clean.length).tokens) {
    if (token.kind === 'url' || token.kind === 'emoji') continue;
    const target = token.kind === 'mention' ? mentions : words;
    const pieces = token.kind !== 'word' ? hashtagChunks(token.raw) : NUMBER_JOINER.test(token.raw) ? numberParts(token.raw) : [token.raw];
    for (const piece of pieces) {
      const term = toTerm(piece, latinLang);
      if (term !== null) target.push(term);
    }
  }
  return { words, mentions };
}

// The core's tokenizer knows URLs that start a token; tweets also glue them to a word ("#DefundTheCBChttps://t.co/x")
// and cite pictures as pic.twitter.com/…, so those go first.
const URL_PATTERN = /(?:https?:\/\/|www\.|pic\.twitter\.com\/)\S*/giu;

/**
 * The core joins digits around `,` `.` and narrow spaces into one number. The ranker keeps thousands whole
 * (`10,000` → 10000) but splits decimals into their parts, which are mostly too short to count (`1.8` → 1, 8): a
 * whole `1.8` pulled a claim with the same figure over the one a tweet was about (CLEF 2020 dev tweet 930, -0.0026
 * MAP@5) and helped one training tweet less than that (CLEF 2021 train -0.0003).
 */
function numberParts(raw: string): string[] {
  return raw.replace(THOUSANDS_SEPARATOR, '$1').split(NUMBER_JOINER_ALL);
}

const THOUSANDS_SEPARATOR = /(\d)[,\u00a0](?=\d{3}(?!\d))/gu;
const NUMBER_JOINER = /\d[.,\u00a0\u202f\u2009\u066b\u066c]\d/u;
const NUMBER_JOINER_ALL = /[.,\u00a0\u202f\u2009\u066b\u066c]/u;

function toTerm(piece: string, latinLang: ClaimLang): string | null {
  const key = latinLang + piece;
  let term = TERMS.get(key);
  if (term === undefined) {
    term = computeTerm(piece, latinLang);
    TERMS.set(key, term);
  }
  return term;
}

// Tweets repeat a small vocabulary, so caching normalise+stem per surface form makes tokenising mostly Map lookups;
// the cap keeps a hostile stream of unique words from growing it without bound.
const TERMS = new BoundedCache<string, string | null>(200_000);

function computeTerm(piece: string, latinLang: ClaimLang): string | null {
  // The possessive goes before normalizing, which drops apostrophes ("children's" → children, not childrens).
  const word = normalizeWord(piece.replace(POSSESSIVE, ''));
  if (word.length < MIN_TERM_CHARS) return null;
  // As in posts: Arabic-script words are Arabic whatever the text's language; other scripts are not stemmed.
  const lang = stemLangFor(dominantScript(word), latinLang);
  if (lang !== 'none' && RETRIEVAL_STOPWORDS[lang].has(word)) return null;
  // Numbers and words with digits are kept whole.
  return stemWord(word, lang);
}

const POSSESSIVE = /['’]s$/iu;
const MIN_TERM_CHARS = 2;
