/** ISO 639-1 code of a post's language; `und` when it cannot be told. sv, ar and en are the ones Vaksam tunes for. */
export type Lang = 'sv' | 'ar' | 'en' | 'und' | (string & {});

/** The language whose stemmer applies to a word: Arabic script always `ar`, Latin script the post's sv or en. */
export type StemLang = 'sv' | 'en' | 'ar' | 'none';

export type Script = 'latin' | 'arabic' | 'cyrillic' | 'greek' | 'other';

/**
 * What a token is. `word` and `number` are words for queries and similarity; `hashtag` is a whole hashtag (its
 * split parts follow it as `word` tokens at the same position); `url` and `emoji` are kept for `url:` filters and
 * emoji terms but never match a word; `mention` is an @handle.
 */
export type TokenKind = 'word' | 'number' | 'hashtag' | 'mention' | 'url' | 'emoji';

export interface Token {
  kind: TokenKind;
  /** UTF-16 offset of the first character in the ORIGINAL text (what an editor highlights). */
  start: number;
  /** UTF-16 offset just past the last character in the original text. */
  end: number;
  /** Normalised form: case-folded, NFKC, invisible characters and diacritics (except å/ä/ö) removed, Arabic unified. */
  norm: string;
  /** Stem of `norm` in the token's stem language (equal to `norm` for non-words). */
  stem: string;
  /** Swedish compound parts (`barnrovet` → barn, rovet) or the Arabic word without clitics; empty when none. */
  parts: readonly string[];
  /** Word position for phrases and NEAR: hashtag parts count as words, emoji and URLs do not advance it. */
  position: number;
  script: Script;
  /** True for the word tokens split out of a hashtag. */
  inHashtag: boolean;
}

/** Optional facts about a post that field filters (`lang:`, `source:`, `author:`, `url:`) look at. */
export interface AnalyzeMeta {
  /** Language when the source states it; detected from the text otherwise. */
  lang?: string;
  source?: string;
  author?: string;
  /** The post's own address. */
  url?: string;
  /** Hashtags the source lists separately from the text (without or with `#`). */
  hashtags?: readonly string[];
}

export interface AnalyzedText {
  /** The original text, untouched: token offsets point into it. */
  text: string;
  lang: Lang;
  tokens: readonly Token[];
  /** Normalised hashtags without `#`, in order of appearance, each once. */
  hashtags: readonly string[];
  /** URLs found in the text plus `meta.url`, without scheme and `www.`, lower-cased. */
  urls: readonly string[];
  /** The post's own address (`meta.url`) normalised the same way, or '' when unknown. */
  url: string;
  /** Normalised source name (`telegram`), or '' when unknown. */
  source: string;
  /** Normalised author handle without `@`, or '' when unknown. */
  author: string;
  /** True when the text was longer than the analysis caps and only its beginning was analysed. */
  truncated: boolean;
  /** How many characters of `text` were analysed (all of them unless truncated). */
  analyzedChars: number;
}

/** Caps on the work spent on one text, so a hostile 1 MB post costs no more than a long article. */
export interface AnalyzeLimits {
  /** Characters of text analysed; the rest is ignored and the result marked truncated. Default 200,000. */
  maxChars: number;
  /** Tokens produced; the rest is ignored and the result marked truncated. Default 20,000. */
  maxTokens: number;
}
