import { createAnalyzer, type Analyzer } from './analyzer.js';
import type { AnalyzeMeta, AnalyzedText } from './types.js';

export type { AnalyzeLimits, AnalyzeMeta, AnalyzedText, Lang, Script, StemLang, Token, TokenKind } from './types.js';
export { createAnalyzer, DEFAULT_LIMITS, emptyToken, stemLangFor, type Analyzer, type AnalyzerOptions, type PreparedText } from './analyzer.js';
export { isWordCode, TOKEN_KINDS, TokenCode } from './token-kinds.js';
export { arabicCore } from './arabic.js';
export { BoundedCache } from './bounded-cache.js';
export { dominantScript } from './char-classes.js';
export { EN_FUNCTION_WORDS, SV_FUNCTION_WORDS, AR_FUNCTION_WORDS } from './common-words.js';
export { detectLanguage, type DetectLanguageOptions } from './detect-language.js';
export { hashtagChunks, splitHashtag } from './hashtag-split.js';
export { inflectionBases, isInflectionOf, type InflectionLang } from './inflection.js';
export { createLexicon, isFunctionWord, type Lexicon } from './lexicon.js';
export { normalizeLangCode, normalizeUrl } from './meta.js';
export { normalizeNumber, normalizeWord, removeInvisible } from './normalize.js';
export { splitCompound, segmentRun } from './segment.js';
export { stemWord } from './stem.js';
export { RETRIEVAL_STOPWORDS } from './stopwords.js';
export { scanTokens, tokenize } from './tokenize.js';
export { TokenSpans } from './token-spans.js';
export { growFloat64, growInt32, growUint8 } from './typed-arrays.js';

let defaultAnalyzer: Analyzer | undefined;

/**
 * Analyses a text with the built-in lexicon: tokens with offsets into the original text, normalised forms, stems,
 * compound parts, hashtags, URLs and language. For many posts against a catalogue, use the classifier's analyzer,
 * whose lexicon also knows the catalogue's words.
 */
export function analyzeText(text: string, meta?: AnalyzeMeta): AnalyzedText {
  defaultAnalyzer ??= createAnalyzer();
  return defaultAnalyzer.analyze(text, meta);
}
