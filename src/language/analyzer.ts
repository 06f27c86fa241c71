import { CUE_SAMPLE_WORDS, decideLanguage, emptyVotes, resetVotes } from './detect-language.js';
import type { SplitHashtag } from './hashtag-split.js';
import { createLexicon, type Lexicon } from './lexicon.js';
import { normalizeLangCode, normalizeUrl } from './meta.js';
import { normalizeWord } from './normalize.js';
import { hashRange } from './range-memo.js';
import { TOKEN_KINDS, TokenCode } from './token-kinds.js';
import { TokenSpans } from './token-spans.js';
import { scanTokens } from './tokenize.js';
import { growInt32, growUint8 } from './typed-arrays.js';
import type { AnalyzeLimits, AnalyzeMeta, AnalyzedText, Lang, Script, StemLang, Token, TokenKind } from './types.js';
import { NO_PARTS, stemOf, WordCache, type HashtagInfo, type WordInfo } from './word-cache.js';

export interface Analyzer {
  analyze(text: string, meta?: AnalyzeMeta): AnalyzedText;
  /**
   * The first half of {@link analyze}: tokenises the text, looks up every word and decides the language, without
   * building token objects. A consumer that can often decide from words alone (most posts carry no narrative and no
   * threat) reads the tokens one at a time with {@link tokenAt} and calls {@link finish} only when it needs the whole
   * analysis, which is then exactly what `analyze` returns. Reused: valid until the next `prepare` or `analyze`.
   */
  prepare(text: string, meta?: AnalyzeMeta): PreparedText;
  /**
   * Writes token `index` of the latest prepared text into `into` (a scratch token the caller reuses) exactly as
   * {@link finish} will build it, and returns it.
   */
  tokenAt(index: number, into: Token): Token;
  /** The whole analysis of the latest prepared text. */
  finish(): AnalyzedText;
  /**
   * Changes when word ids ({@link PreparedText.wordIds}) are reassigned (the word memo started over); while it stays
   * the same, a raw word keeps its id, so a consumer can memoise per word in an array indexed by id.
   */
  readonly wordEpoch: number;
  readonly lexicon: Lexicon;
  readonly limits: AnalyzeLimits;
}

/** What {@link Analyzer.prepare} knows about a text before tokens are built. */
export interface PreparedText {
  readonly text: string;
  readonly lang: Lang;
  readonly truncated: boolean;
  /** How many characters of `text` were analysed (all of them unless truncated). */
  readonly analyzedChars: number;
  /** Tokens the analysis has. */
  readonly tokenCount: number;
  /** Per token, its kind as a {@link TokenCode}. */
  readonly kinds: Uint8Array;
  /** Per token, the id of its raw word (see {@link Analyzer.wordEpoch}), -1 for hashtags, URLs and emoji. */
  readonly wordIds: Int32Array;
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
  // Per-text scratch, reused: the spans of the text, then per token what it is and where (typed arrays), and the facts
  // of its word (stale past the current count).
  const spans = new TokenSpans();
  const tags: Array<HashtagInfo | undefined> = [];
  const votes = emptyVotes();
  const prepared = {
    text: '',
    meta: NO_META,
    lang: 'und' as Lang,
    truncated: false,
    analyzedChars: 0,
    tokenCount: 0,
    hashtagCount: 0,
    urlCount: 0,
    kinds: new Uint8Array(64),
    starts: new Int32Array(64),
    ends: new Int32Array(64),
    positions: new Int32Array(64),
    inHashtag: new Uint8Array(64),
    wordIds: new Int32Array(64),
  };

  function prepare(text: string, meta: AnalyzeMeta = NO_META): PreparedText {
    cache.startText();
    const analyzedChars = cutPoint(text, limits.maxChars);
    scanTokens(analyzedChars < text.length ? text.slice(0, analyzedChars) : text, limits.maxTokens, spans);
    const given = normalizeLangCode(meta.lang);
    const cut = recordTokens(text, limits.maxTokens);
    prepared.text = text;
    prepared.meta = meta;
    prepared.lang = given ?? decideLanguage(text, votes);
    prepared.analyzedChars = analyzedChars;
    prepared.truncated = analyzedChars < text.length || !spans.complete || cut;
    return prepared;
  }

  /**
   * Records the tokens of the spans with their word facts, and the language votes of the first
   * {@link CUE_SAMPLE_WORDS} words in `votes`; returns true when capped at `maxTokens`.
   */
  function recordTokens(text: string, maxTokens: number): boolean {
    let count = 0;
    let position = 0;
    let voted = 0;
    let hashtagCount = 0;
    let urlCount = 0;
    let cut = false;
    resetVotes(votes);
    for (let k = 0; k < spans.count; k++) {
      if (count >= maxTokens) {
        cut = true;
        break;
      }
      const kind = spans.kinds[k] as TokenCode;
      const start = spans.starts[k] as number;
      const end = spans.ends[k] as number;
      if (count + 1 >= prepared.kinds.length) growTokens(count + 2);
      if (kind === TokenCode.Word || kind === TokenCode.Mention) {
        const id = spanWordId(text, k, kind === TokenCode.Word);
        if (cache.isEmpty(id)) continue;
        const code = kind === TokenCode.Mention ? TokenCode.Mention : cache.isNumber(id) ? TokenCode.Number : TokenCode.Word;
        if (code === TokenCode.Word && voted++ < CUE_SAMPLE_WORDS) cache.addVote(votes, id);
        record(count++, code, start, end, position++, false, id);
      } else if (kind === TokenCode.Hashtag) {
        // Out of line, as rare paths are: the loop compiles tighter for the words.
        const tag = recordHashtag(text, k, count, position, voted);
        if (tag === undefined) continue;
        hashtagCount++;
        count += 1 + tag.parts.length;
        position += tag.parts.length;
        voted += tag.words;
      } else {
        if (kind === TokenCode.Url) urlCount++;
        record(count++, kind, start, end, position, false, -1);
      }
    }
    // The hashtag parts of the last span may run past the cap, as they did before tokens were recorded first.
    prepared.tokenCount = count;
    prepared.hashtagCount = hashtagCount;
    prepared.urlCount = urlCount;
    return cut;
  }

  /**
   * Records hashtag span k as token `count` and its words after it (at word positions from `position`), adding the
   * votes of its words while fewer than {@link CUE_SAMPLE_WORDS} words (`voted` so far) have voted; undefined when
   * the hashtag normalises to nothing.
   */
  function recordHashtag(text: string, k: number, count: number, position: number, voted: number): HashtagInfo | undefined {
    const bodyStart = spans.rawStarts[k] as number;
    const tag = cache.hashtag(text, bodyStart, spans.ends[k] as number, spans.hashes[k] as number);
    if (tag.split.norm.length === 0) return undefined;
    tags[count] = tag;
    record(count++, TokenCode.Hashtag, spans.starts[k] as number, spans.ends[k] as number, position, false, -1);
    if (count + tag.parts.length >= prepared.kinds.length) growTokens(count + tag.parts.length + 1);
    for (let p = 0; p < tag.parts.length; p++) {
      const part = tag.split.parts[p] as SplitHashtag['parts'][number];
      const info = tag.parts[p] as WordInfo;
      if (!info.isNumber && voted++ < CUE_SAMPLE_WORDS) cache.addVote(votes, info.id);
      record(count++, info.isNumber ? TokenCode.Number : TokenCode.Word, bodyStart + part.start, bodyStart + part.end, position++, true, info.id);
    }
    return tag;
  }

  function record(t: number, code: TokenCode, start: number, end: number, position: number, inHashtag: boolean, wordId: number): void {
    prepared.kinds[t] = code;
    prepared.starts[t] = start;
    prepared.ends[t] = end;
    prepared.positions[t] = position;
    prepared.inHashtag[t] = inHashtag ? 1 : 0;
    prepared.wordIds[t] = wordId;
  }

  function growTokens(size: number): void {
    const length = Math.max(size, prepared.kinds.length * 2);
    prepared.kinds = growUint8(prepared.kinds, length);
    prepared.inHashtag = growUint8(prepared.inHashtag, length);
    prepared.starts = growInt32(prepared.starts, length);
    prepared.ends = growInt32(prepared.ends, length);
    prepared.positions = growInt32(prepared.positions, length);
    prepared.wordIds = growInt32(prepared.wordIds, length);
  }

  /** Word id of span k: read in place, except the joined spaced-letter words whose raw text is not one slice. */
  function spanWordId(text: string, k: number, isWord: boolean): number {
    const rawStart = spans.rawStarts[k] as number;
    const joined = spans.joined.size > 0 ? spans.joined.get(k) : undefined;
    if (joined !== undefined) return cache.wordId(joined, 0, joined.length, hashRange(joined, 0, joined.length), isWord && startsWithDigit(joined, 0));
    return cache.wordId(text, rawStart, spans.ends[k] as number, spans.hashes[k] as number, isWord && startsWithDigit(text, rawStart));
  }

  /**
   * Token t of the prepared text into `into`. Words get their stem in the post's language and, in Swedish posts,
   * their compound parts; Arabic words their clitic-free core.
   */
  function tokenAt(t: number, into: Token): Token {
    const code = prepared.kinds[t] as TokenCode;
    const start = prepared.starts[t] as number;
    const end = prepared.ends[t] as number;
    into.kind = TOKEN_KINDS[code] as TokenKind;
    into.start = start;
    into.end = end;
    into.position = prepared.positions[t] as number;
    into.inHashtag = prepared.inHashtag[t] === 1;
    into.parts = NO_PARTS;
    const wordId = prepared.wordIds[t] as number;
    if (wordId >= 0) {
      const info = cache.info(wordId);
      into.norm = info.norm;
      into.stem = info.norm;
      into.script = info.script;
      if (code === TokenCode.Word) {
        into.stem = stemOf(info, stemLangFor(info.script, prepared.lang));
        if (info.coreParts.length > 0) into.parts = info.coreParts;
        else if (prepared.lang === 'sv' && info.script === 'latin') into.parts = cache.svParts(info);
      }
    } else if (code === TokenCode.Hashtag) {
      const tag = tags[t] as HashtagInfo;
      into.norm = into.stem = tag.split.norm;
      into.script = tag.script;
    } else {
      const raw = prepared.text.slice(start, end);
      const norm = code === TokenCode.Url ? normalizeUrl(raw) : stripVariationSelectors(raw);
      into.norm = into.stem = norm;
      into.script = 'other';
    }
    return into;
  }

  function finish(): AnalyzedText {
    const tokens: Token[] = [];
    for (let t = 0; t < prepared.tokenCount; t++) tokens.push(tokenAt(t, emptyToken()));
    const meta = prepared.meta;
    return {
      text: prepared.text,
      lang: prepared.lang,
      tokens,
      hashtags: collectHashtags(tokens, prepared.hashtagCount, meta.hashtags),
      urls: collectUrls(tokens, prepared.urlCount, meta.url),
      url: meta.url === undefined || meta.url.length === 0 ? '' : normalizeUrl(meta.url),
      source: meta.source === undefined ? '' : normalizeWord(meta.source),
      author: meta.author === undefined ? '' : normalizeWord(meta.author.replace(/^@/u, '')),
      truncated: prepared.truncated,
      analyzedChars: prepared.analyzedChars,
    };
  }

  return {
    analyze: (text, meta) => {
      prepare(text, meta);
      return finish();
    },
    prepare,
    tokenAt,
    finish,
    get wordEpoch() {
      return cache.epoch;
    },
    lexicon,
    limits,
  };
}

const NO_META: AnalyzeMeta = Object.freeze({});

/** A token to fill: every field set, in one order, so all tokens share one shape. */
export function emptyToken(): Token {
  return { kind: 'word', start: 0, end: 0, norm: '', stem: '', parts: NO_PARTS, position: 0, script: 'other', inHashtag: false };
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
