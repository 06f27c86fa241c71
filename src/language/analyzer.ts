import { addVote, CUE_SAMPLE_WORDS, decideLanguage, emptyVotes, resetVotes } from './detect-language.js';
import type { SplitHashtag } from './hashtag-split.js';
import { createLexicon, type Lexicon } from './lexicon.js';
import { normalizeLangCode, normalizeUrl } from './meta.js';
import { normalizeWord } from './normalize.js';
import { hashRange } from './range-memo.js';
import { SpanKind, TokenSpans } from './token-spans.js';
import { scanTokens } from './tokenize.js';
import type { AnalyzeLimits, AnalyzeMeta, AnalyzedText, Lang, Script, StemLang, Token, TokenKind } from './types.js';
import { NO_PARTS, stemOf, WordCache, type WordInfo } from './word-cache.js';

export interface Analyzer {
  analyze(text: string, meta?: AnalyzeMeta): AnalyzedText;
  /**
   * Ids of the distinct raw words behind the tokens of `analyzed` (by token index; -1 for hashtags, URLs and emoji)
   * when `analyzed` is this analyzer's latest result, else undefined. A raw word keeps its id while
   * {@link wordEpoch} stays the same, so a consumer can memoise per word in an array indexed by id. The array is
   * reused: read it before the next analysis.
   */
  wordIds(analyzed: AnalyzedText): Int32Array | undefined;
  /** Changes when word ids are reassigned (the word memo started over). */
  readonly wordEpoch: number;
  readonly lexicon: Lexicon;
  readonly limits: AnalyzeLimits;
}

export interface AnalyzerOptions {
  /** Texts whose words join the lexicon for hashtag and compound splitting (catalogue queries, exemplars…). */
  extraWords?: Iterable<string>;
  limits?: Partial<AnalyzeLimits>;
}

export const DEFAULT_LIMITS: AnalyzeLimits = { maxChars: 200_000, maxTokens: 20_000 };

/**
 * An analyzer with its own lexicon and memo caches. Every distinct raw word is normalised, voted on, stemmed and
 * split once per cache epoch, and every hashtag split once; words are looked up by their place in the text (no
 * slice per word), so a stream of posts costs little more than the tokenising pass and one probe per word.
 * Scratch space is reused: an analyzer analyses one text at a time (it is synchronous, so any number of callers can
 * share it).
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const lexicon = createLexicon(options.extraWords ?? []);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const cache = new WordCache(lexicon);
  // Per-text scratch, reused: the spans of the text, and per token the word facts (stale past the current count).
  const spans = new TokenSpans();
  const infos: Array<WordInfo | undefined> = [];
  let ids = new Int32Array(64);
  let latest: AnalyzedText | undefined;
  const votes = emptyVotes();

  function analyze(text: string, meta: AnalyzeMeta = {}): AnalyzedText {
    cache.startText();
    latest = undefined;
    const analyzedChars = cutPoint(text, limits.maxChars);
    scanTokens(analyzedChars < text.length ? text.slice(0, analyzedChars) : text, limits.maxTokens, spans);
    const given = normalizeLangCode(meta.lang);
    const tokens: Token[] = [];
    const cut = buildTokens(text, limits.maxTokens, tokens);
    const lang = given ?? decideLanguage(text, votes);
    const { hashtagCount, urlCount } = finishWords(tokens, lang);
    latest = {
      text,
      lang,
      tokens,
      hashtags: collectHashtags(tokens, hashtagCount, meta.hashtags),
      urls: collectUrls(tokens, urlCount, meta.url),
      url: meta.url === undefined || meta.url.length === 0 ? '' : normalizeUrl(meta.url),
      source: meta.source === undefined ? '' : normalizeWord(meta.source),
      author: meta.author === undefined ? '' : normalizeWord(meta.author.replace(/^@/u, '')),
      truncated: analyzedChars < text.length || !spans.complete || cut,
      analyzedChars,
    };
    return latest;
  }

  /**
   * Tokens with everything but stems and compound parts (which need the language), their word facts in `infos`, and
   * the language votes of the first {@link CUE_SAMPLE_WORDS} words in `votes`; returns true when capped.
   */
  function buildTokens(text: string, maxTokens: number, tokens: Token[]): boolean {
    let position = 0;
    let voted = 0;
    resetVotes(votes);
    for (let k = 0; k < spans.count; k++) {
      if (tokens.length >= maxTokens) return true;
      const kind = spans.kinds[k] as SpanKind;
      const start = spans.starts[k] as number;
      const end = spans.ends[k] as number;
      if (kind === SpanKind.Word || kind === SpanKind.Mention) {
        const info = spanWordInfo(text, k, kind === SpanKind.Word);
        if (info.norm.length === 0) continue;
        const tokenKind: TokenKind = kind === SpanKind.Mention ? 'mention' : info.isNumber ? 'number' : 'word';
        if (tokenKind === 'word' && voted++ < CUE_SAMPLE_WORDS) addVote(votes, info.vote);
        infos[tokens.length] = info;
        tokens.push(newToken(tokenKind, start, end, info.norm, info.script, position++, false));
      } else if (kind === SpanKind.Hashtag) {
        const bodyStart = spans.rawStarts[k] as number;
        const { split, script, parts } = cache.hashtag(text, bodyStart, end, spans.hashes[k] as number);
        if (split.norm.length === 0) continue;
        infos[tokens.length] = undefined;
        tokens.push(newToken('hashtag', start, end, split.norm, script, position, false));
        for (let p = 0; p < parts.length; p++) {
          const part = split.parts[p] as SplitHashtag['parts'][number];
          const info = parts[p] as WordInfo;
          if (!info.isNumber && voted++ < CUE_SAMPLE_WORDS) addVote(votes, info.vote);
          infos[tokens.length] = info;
          tokens.push(newToken(info.isNumber ? 'number' : 'word', bodyStart + part.start, bodyStart + part.end, info.norm, info.script, position++, true));
        }
      } else {
        const raw = text.slice(start, end);
        infos[tokens.length] = undefined;
        tokens.push(newToken(kind === SpanKind.Url ? 'url' : 'emoji', start, end, kind === SpanKind.Url ? normalizeUrl(raw) : stripVariationSelectors(raw), 'other', position, false));
      }
    }
    return false;
  }

  /** Word facts of span k: read in place, except the joined spaced-letter words whose raw text is not one slice. */
  function spanWordInfo(text: string, k: number, isWord: boolean): WordInfo {
    const rawStart = spans.rawStarts[k] as number;
    const joined = spans.joined.size > 0 ? spans.joined.get(k) : undefined;
    if (joined !== undefined) return cache.word(joined, 0, joined.length, hashRange(joined, 0, joined.length), isWord && startsWithDigit(joined, 0));
    return cache.word(text, rawStart, spans.ends[k] as number, spans.hashes[k] as number, isWord && startsWithDigit(text, rawStart));
  }

  /**
   * Stems in the post's language and, in Swedish posts, compound parts; Arabic words get their clitic-free core.
   * Records each token's word id, and counts hashtags and URLs for the collectors.
   */
  function finishWords(tokens: Token[], lang: Lang): { hashtagCount: number; urlCount: number } {
    if (ids.length < tokens.length) ids = new Int32Array(Math.max(tokens.length, ids.length * 2));
    let hashtagCount = 0;
    let urlCount = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const info = infos[i];
      ids[i] = info === undefined ? -1 : info.id;
      if (token.kind === 'hashtag') hashtagCount++;
      else if (token.kind === 'url') urlCount++;
      if (info === undefined || token.kind !== 'word') continue;
      token.stem = stemOf(info, stemLangFor(info.script, lang));
      if (info.coreParts.length > 0) token.parts = info.coreParts;
      else if (lang === 'sv' && info.script === 'latin') token.parts = cache.svParts(info);
    }
    return { hashtagCount, urlCount };
  }

  return {
    analyze,
    wordIds: (analyzed) => (analyzed === latest ? ids : undefined),
    get wordEpoch() {
      return cache.epoch;
    },
    lexicon,
    limits,
  };
}

function newToken(kind: TokenKind, start: number, end: number, norm: string, script: Script, position: number, inHashtag: boolean): Token {
  return { kind, start, end, norm, stem: norm, parts: NO_PARTS, position, script, inHashtag };
}

/** Arabic-script words use the Arabic stemmer whatever the post's language; Latin words the post's sv or en one. */
export function stemLangFor(script: Script, lang: Lang): StemLang {
  if (script === 'arabic') return 'ar';
  if (script !== 'latin') return 'none';
  if (lang === 'sv') return 'sv';
  if (lang === 'en') return 'en';
  return 'none';
}

function collectHashtags(tokens: readonly Token[], count: number, extra: readonly string[] | undefined): string[] {
  if (count === 0 && extra === undefined) return [];
  const seen = new Set<string>();
  for (const t of tokens) if (t.kind === 'hashtag') seen.add(t.norm);
  for (const tag of extra ?? []) {
    const norm = normalizeWord(tag.replace(/^#/u, '').replaceAll('_', ''));
    if (norm.length > 0) seen.add(norm);
  }
  return [...seen];
}

function collectUrls(tokens: readonly Token[], count: number, own: string | undefined): string[] {
  const urls: string[] = [];
  if (count > 0) for (const t of tokens) if (t.kind === 'url') urls.push(t.norm);
  if (own !== undefined && own.length > 0) urls.push(normalizeUrl(own));
  return urls;
}

/** Where to cut a text at `maxChars` without splitting a surrogate pair. */
function cutPoint(text: string, maxChars: number): number {
  if (text.length <= maxChars) return text.length;
  const code = text.charCodeAt(maxChars - 1);
  return code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars;
}

function startsWithDigit(raw: string, at: number): boolean {
  const cp = raw.charCodeAt(at);
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x660 && cp <= 0x669) || (cp >= 0x6f0 && cp <= 0x6f9);
}

function stripVariationSelectors(raw: string): string {
  return raw.replace(/[\ufe00-\ufe0f]/gu, '');
}
