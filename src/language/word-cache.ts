import { arabicCore, hasArabicLetter } from './arabic.js';
import { dominantScript } from './char-classes.js';
import { voteOf, type WordVote } from './detect-language.js';
import { type SplitHashtag, splitHashtag } from './hashtag-split.js';
import type { Lexicon } from './lexicon.js';
import { normalizeNumber, normalizeWord } from './normalize.js';
import { hashRange, RangeMemo } from './range-memo.js';
import { splitCompound } from './segment.js';
import { stemWord } from './stem.js';
import type { Script, StemLang } from './types.js';
import { growFloat64, growUint8 } from './typed-arrays.js';

/** Everything about one distinct raw word that does not depend on the post, computed once per cache epoch. */
export interface WordInfo {
  /** Small integer, the same for every occurrence of the raw word within one epoch. */
  id: number;
  norm: string;
  script: Script;
  isNumber: boolean;
  /** `[the Arabic word without clitics]`, or empty when the same as norm or not Arabic: the token's parts. */
  coreParts: readonly string[];
  /** Stems per stem language, filled on first use. */
  stemSv: string | undefined;
  stemEn: string | undefined;
  stemAr: string | undefined;
  /** Swedish compound parts, filled on first use in a Swedish post. */
  svParts: readonly string[] | undefined;
}

/** A hashtag body's split with the facts of its whole form and of each word part. */
export interface HashtagInfo {
  split: SplitHashtag;
  script: Script;
  parts: readonly WordInfo[];
  /** How many parts are words rather than numbers (each casts a language vote). */
  words: number;
}

export const NO_PARTS: readonly string[] = Object.freeze([]);

/** Distinct words (and numbers) per epoch; a hostile stream of unique words starts a new epoch, bounding memory. */
const MAX_WORDS = 100_000;
const MAX_HASHTAGS = 100_000;

/**
 * The analyzer's memo of words and hashtags, looked up by a range of the text (no slice per word). Each distinct raw
 * word gets {@link WordInfo} with an id; ids are reassigned only when a new epoch starts (see {@link startText}),
 * which is when consumers that memoise per word id must forget.
 */
export class WordCache {
  epoch = 0;
  private nextId = 0;
  // Bounded by the epoch (MAX_WORDS between them, checked between texts) rather than by the memo itself, so that ids
  // stay unique within an epoch. Words that start with a digit are read as numbers (`20,000` → 20000): own memo.
  // The memos hold word ids; what the analyzer reads for every word (flags, language votes) sits in typed arrays by
  // id, so a word that was seen before costs a probe and a few array reads, not a walk through objects.
  private readonly words = new RangeMemo();
  private readonly numbers = new RangeMemo();
  /** Hashtag memo: the index in {@link tagInfos}; both start over at `maxHashtags`. */
  private readonly hashtags = new RangeMemo();
  private tagInfos: HashtagInfo[] = [];
  private infos: WordInfo[] = [];
  private flags = new Uint8Array(1024);
  private votes = new Float64Array(1024 * VOTE_FIELDS);

  constructor(
    private readonly lexicon: Lexicon,
    private readonly maxHashtags = MAX_HASHTAGS,
  ) {}

  /** Called before each text: starts a new epoch when the vocabulary is full, never in the middle of a text. */
  startText(): void {
    if (this.nextId < MAX_WORDS) return;
    this.words.clear();
    this.numbers.clear();
    this.hashtags.clear();
    this.tagInfos = [];
    this.infos = [];
    this.nextId = 0;
    this.epoch++;
  }

  /** The id of `source.slice(start, end)`, whose {@link hashRange} is `hash`, read as a number when `number`. */
  wordId(source: string, start: number, end: number, hash: number, number: boolean): number {
    const known = (number ? this.numbers : this.words).get(source, start, end, hash);
    return known >= 0 ? known : this.learnWord(source, start, end, hash, number);
  }

  /**
   * {@link wordId} of a word not seen in this epoch: rare once a stream is under way, so out of line, which keeps
   * wordId small enough for V8 to inline into the analyzer's per-word loop.
   */
  private learnWord(source: string, start: number, end: number, hash: number, number: boolean): number {
    const memo = number ? this.numbers : this.words;
    const raw = start === 0 && end === source.length ? source : source.slice(start, end);
    const info = createWordInfo(this.nextId++, number ? normalizeNumber(raw) : normalizeWord(raw));
    this.remember(info);
    memo.set(raw, info.id, hash);
    return info.id;
  }

  /** The facts of word id `id` (of the current epoch). */
  info(id: number): WordInfo {
    return this.infos[id] as WordInfo;
  }

  /** True when word `id` normalises to nothing (only marks, say): not a token. */
  isEmpty(id: number): boolean {
    return ((this.flags[id] as number) & FLAG_EMPTY) !== 0;
  }

  /** True when word `id` is all digits once normalised. */
  isNumber(id: number): boolean {
    return ((this.flags[id] as number) & FLAG_NUMBER) !== 0;
  }

  /** Adds what word `id` says about the language to a post's running total. */
  addVote(total: WordVote, id: number): void {
    const v = this.votes;
    const at = id * VOTE_FIELDS;
    total.arabic += v[at] as number;
    total.latin += v[at + 1] as number;
    total.cyrillic += v[at + 2] as number;
    total.sv += v[at + 3] as number;
    total.en += v[at + 4] as number;
    total.de += v[at + 5] as number;
  }

  /** The split and facts of the hashtag body `text.slice(start, end)`, whose {@link hashRange} is `hash`. */
  hashtag(text: string, start: number, end: number, hash: number): HashtagInfo {
    const known = this.hashtags.get(text, start, end, hash);
    if (known >= 0) return this.tagInfos[known] as HashtagInfo;
    const body = text.slice(start, end);
    const split = splitHashtag(body, this.lexicon);
    const parts = split.parts.map((part) => this.info(this.wordId(part.norm, 0, part.norm.length, hashRange(part.norm, 0, part.norm.length), false)));
    const info: HashtagInfo = { split, script: dominantScript(split.norm), parts, words: parts.filter((part) => !part.isNumber).length };
    if (this.tagInfos.length >= this.maxHashtags) {
      this.hashtags.clear();
      this.tagInfos = [];
    }
    this.hashtags.set(body, this.tagInfos.length, hash);
    this.tagInfos.push(info);
    return info;
  }

  /** Swedish compound parts of a Latin word, split once. */
  svParts(info: WordInfo): readonly string[] {
    return (info.svParts ??= splitCompound(info.norm, this.lexicon));
  }

  private remember(info: WordInfo): void {
    const id = info.id;
    this.infos[id] = info;
    if (id >= this.flags.length) {
      this.flags = growUint8(this.flags, id + 1);
      this.votes = growFloat64(this.votes, (id + 1) * VOTE_FIELDS);
    }
    this.flags[id] = (info.norm.length === 0 ? FLAG_EMPTY : 0) | (info.isNumber ? FLAG_NUMBER : 0);
    const { arabic, latin, cyrillic, sv, en, de } = voteOf(info.norm);
    this.votes.set([arabic, latin, cyrillic, sv, en, de], id * VOTE_FIELDS);
  }
}

const FLAG_EMPTY = 1;
const FLAG_NUMBER = 2;
const VOTE_FIELDS = 6;

function createWordInfo(id: number, norm: string): WordInfo {
  const script = dominantScript(norm);
  const core = script === 'arabic' && hasArabicLetter(norm) ? arabicCore(norm) : norm;
  return {
    id,
    norm,
    script,
    isNumber: isAllDigits(norm),
    coreParts: core === norm ? NO_PARTS : [core],
    stemSv: undefined,
    stemEn: undefined,
    stemAr: undefined,
    svParts: undefined,
  };
}

/** The word's stem in a stem language, stemmed once. */
export function stemOf(info: WordInfo, lang: StemLang): string {
  switch (lang) {
    case 'sv':
      return (info.stemSv ??= stemWord(info.norm, 'sv'));
    case 'en':
      return (info.stemEn ??= stemWord(info.norm, 'en'));
    case 'ar':
      return (info.stemAr ??= stemWord(info.norm, 'ar'));
    case 'none':
      return stemWord(info.norm, 'none');
  }
}

function isAllDigits(norm: string): boolean {
  if (norm.length === 0) return false;
  for (let i = 0; i < norm.length; i++) {
    const cp = norm.charCodeAt(i);
    if (cp < 0x30 || cp > 0x39) return false;
  }
  return true;
}
