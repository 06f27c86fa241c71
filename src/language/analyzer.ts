import { arabicCore, hasArabicLetter } from './arabic.js';
import { BoundedCache } from './bounded-cache.js';
import { dominantScript } from './char-classes.js';
import { decideLanguage, voteOf, type WordVote } from './detect-language.js';
import { type SplitHashtag, splitHashtag } from './hashtag-split.js';
import { createLexicon, type Lexicon } from './lexicon.js';
import { normalizeNumber, normalizeWord } from './normalize.js';
import { splitCompound } from './segment.js';
import { stemWord } from './stem.js';
import { type RawToken, tokenize } from './tokenize.js';
import type { AnalyzeLimits, AnalyzeMeta, AnalyzedText, Lang, Script, StemLang, Token, TokenKind } from './types.js';
import { normalizeLangCode, normalizeUrl } from './meta.js';

export interface Analyzer {
  analyze(text: string, meta?: AnalyzeMeta): AnalyzedText;
  readonly lexicon: Lexicon;
  readonly limits: AnalyzeLimits;
}

export interface AnalyzerOptions {
  /** Texts whose words join the lexicon for hashtag and compound splitting (catalogue queries, exemplars…). */
  extraWords?: Iterable<string>;
  limits?: Partial<AnalyzeLimits>;
}

export const DEFAULT_LIMITS: AnalyzeLimits = { maxChars: 200_000, maxTokens: 20_000 };

/** Everything about one distinct raw word that does not depend on the post, computed once per cache generation. */
interface WordInfo {
  norm: string;
  script: Script;
  isNumber: boolean;
  /** Arabic word without clitics, or '' when the same as norm or not Arabic. */
  core: string;
  vote: WordVote;
  /** Stems by stem language, filled on first use. */
  stems: Partial<Record<StemLang, string>>;
  /** Swedish compound parts, filled on first use in a Swedish post. */
  svParts: readonly string[] | undefined;
}

const CACHE_ENTRIES = 100_000;

/**
 * An analyzer with its own lexicon and memo caches. Every distinct raw word is normalised, voted on, stemmed and
 * split once per cache generation, and every hashtag split once, so a stream of posts costs little more than the
 * tokenising pass and one map look-up per word.
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const lexicon = createLexicon(options.extraWords ?? []);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const words = new BoundedCache<string, WordInfo>(CACHE_ENTRIES);
  const hashtags = new BoundedCache<string, SplitHashtag>(CACHE_ENTRIES);

  function wordInfo(raw: string, number: boolean): WordInfo {
    let info = words.get(raw);
    if (info === undefined) {
      const norm = number ? normalizeNumber(raw) : normalizeWord(raw);
      const script = dominantScript(norm);
      const core = script === 'arabic' && hasArabicLetter(norm) ? arabicCore(norm) : norm;
      info = { norm, script, isNumber: isAllDigits(norm), core: core === norm ? '' : core, vote: voteOf(norm), stems: {}, svParts: undefined };
      words.set(raw, info);
    }
    return info;
  }

  function hashtagOf(body: string): SplitHashtag {
    let split = hashtags.get(body);
    if (split === undefined) {
      split = splitHashtag(body, lexicon);
      hashtags.set(body, split);
    }
    return split;
  }

  function analyze(text: string, meta: AnalyzeMeta = {}): AnalyzedText {
    const analyzedChars = cutPoint(text, limits.maxChars);
    const { tokens: raws, complete } = tokenize(analyzedChars < text.length ? text.slice(0, analyzedChars) : text, limits.maxTokens);
    const tokens: Token[] = [];
    const infos: Array<WordInfo | undefined> = [];
    const cut = buildTokens(raws, limits.maxTokens, tokens, infos);
    const lang = normalizeLangCode(meta.lang) ?? decideLanguage(text, votesOf(tokens, infos));
    finishWords(tokens, infos, lang);
    return {
      text,
      lang,
      tokens,
      hashtags: collectHashtags(tokens, meta.hashtags),
      urls: collectUrls(tokens, meta.url),
      url: meta.url === undefined || meta.url.length === 0 ? '' : normalizeUrl(meta.url),
      source: meta.source === undefined ? '' : normalizeWord(meta.source),
      author: meta.author === undefined ? '' : normalizeWord(meta.author.replace(/^@/u, '')),
      truncated: analyzedChars < text.length || !complete || cut,
      analyzedChars,
    };
  }

  /** Tokens with everything but stems and compound parts (which need the language); returns true when capped. */
  function buildTokens(raws: readonly RawToken[], maxTokens: number, tokens: Token[], infos: Array<WordInfo | undefined>): boolean {
    let position = 0;
    const push = (kind: TokenKind, start: number, end: number, norm: string, script: Script, at: number, inHashtag: boolean, info?: WordInfo): void => {
      tokens.push({ kind, start, end, norm, stem: norm, parts: NO_PARTS, position: at, script, inHashtag });
      infos.push(info);
    };
    for (const raw of raws) {
      if (tokens.length >= maxTokens) return true;
      if (raw.kind === 'word' || raw.kind === 'mention') {
        const info = wordInfo(raw.raw, raw.kind === 'word' && startsWithDigit(raw.raw));
        if (info.norm.length === 0) continue;
        const kind: TokenKind = raw.kind === 'mention' ? 'mention' : info.isNumber ? 'number' : 'word';
        push(kind, raw.start, raw.end, info.norm, info.script, position++, false, info);
      } else if (raw.kind === 'hashtag') {
        const split = hashtagOf(raw.raw);
        if (split.norm.length === 0) continue;
        push('hashtag', raw.start, raw.end, split.norm, dominantScript(split.norm), position, false);
        const bodyStart = raw.start + 1;
        for (const part of split.parts) {
          const info = wordInfo(part.norm, false);
          push(info.isNumber ? 'number' : 'word', bodyStart + part.start, bodyStart + part.end, info.norm, info.script, position++, true, info);
        }
      } else {
        const norm = raw.kind === 'url' ? normalizeUrl(raw.raw) : stripVariationSelectors(raw.raw);
        push(raw.kind, raw.start, raw.end, norm, 'other', position, false);
      }
    }
    return false;
  }

  /** Stems in the post's language and, in Swedish posts, compound parts; Arabic words get their clitic-free core. */
  function finishWords(tokens: Token[], infos: ReadonlyArray<WordInfo | undefined>, lang: Lang): void {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as Token;
      const info = infos[i];
      if (info === undefined || token.kind !== 'word') continue;
      const stemLang = stemLangFor(info.script, lang);
      let stem = info.stems[stemLang];
      if (stem === undefined) {
        stem = stemWord(info.norm, stemLang);
        info.stems[stemLang] = stem;
      }
      token.stem = stem;
      if (info.core !== '') token.parts = [info.core];
      else if (lang === 'sv' && info.script === 'latin') {
        info.svParts ??= splitCompound(info.norm, lexicon);
        token.parts = info.svParts;
      }
    }
  }

  return { analyze, lexicon, limits };
}

const NO_PARTS: readonly string[] = Object.freeze([]);

/** Arabic-script words use the Arabic stemmer whatever the post's language; Latin words the post's sv or en one. */
export function stemLangFor(script: Script, lang: Lang): StemLang {
  if (script === 'arabic') return 'ar';
  if (script !== 'latin') return 'none';
  if (lang === 'sv') return 'sv';
  if (lang === 'en') return 'en';
  return 'none';
}

function votesOf(tokens: readonly Token[], infos: ReadonlyArray<WordInfo | undefined>): WordVote[] {
  const votes: WordVote[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const info = infos[i];
    if (info !== undefined && (tokens[i] as Token).kind === 'word') votes.push(info.vote);
  }
  return votes;
}

function collectHashtags(tokens: readonly Token[], extra: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  for (const t of tokens) if (t.kind === 'hashtag') seen.add(t.norm);
  for (const tag of extra ?? []) {
    const norm = normalizeWord(tag.replace(/^#/u, '').replaceAll('_', ''));
    if (norm.length > 0) seen.add(norm);
  }
  return [...seen];
}

function collectUrls(tokens: readonly Token[], own: string | undefined): string[] {
  const urls: string[] = [];
  for (const t of tokens) if (t.kind === 'url') urls.push(t.norm);
  if (own !== undefined && own.length > 0) urls.push(normalizeUrl(own));
  return urls;
}

/** Where to cut a text at `maxChars` without splitting a surrogate pair. */
function cutPoint(text: string, maxChars: number): number {
  if (text.length <= maxChars) return text.length;
  const code = text.charCodeAt(maxChars - 1);
  return code >= 0xd800 && code <= 0xdbff ? maxChars - 1 : maxChars;
}

function startsWithDigit(raw: string): boolean {
  const cp = raw.charCodeAt(0);
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x660 && cp <= 0x669) || (cp >= 0x6f0 && cp <= 0x6f9);
}

function isAllDigits(norm: string): boolean {
  if (norm.length === 0) return false;
  for (let i = 0; i < norm.length; i++) {
    const cp = norm.charCodeAt(i);
    if (cp < 0x30 || cp > 0x39) return false;
  }
  return true;
}

function stripVariationSelectors(raw: string): string {
  return raw.replace(/[\ufe00-\ufe0f]/gu, '');
}
