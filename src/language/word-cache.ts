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

/** Everything about one distinct raw word that does not depend on the post, computed once per cache epoch. */
export interface WordInfo {
  /** The raw word as written (the memo key). */
  key: string;
  /** Small integer, the same for every occurrence of the raw word within one epoch. */
  id: number;
  norm: string;
  script: Script;
  isNumber: boolean;
  /** `[the Arabic word without clitics]`, or empty when the same as norm or not Arabic: the token's parts. */
  coreParts: readonly string[];
  vote: WordVote;
  /** Stems per stem language, filled on first use. */
  stemSv: string | undefined;
  stemEn: string | undefined;
  stemAr: string | undefined;
  /** Swedish compound parts, filled on first use in a Swedish post. */
  svParts: readonly string[] | undefined;
}

/** A hashtag body's split with the facts of its whole form and of each word part. */
export interface HashtagInfo {
  /** The hashtag body as written (the memo key). */
  key: string;
  split: SplitHashtag;
  script: Script;
  parts: readonly WordInfo[];
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
  private readonly words = new RangeMemo<WordInfo>(Number.MAX_SAFE_INTEGER);
  private readonly numbers = new RangeMemo<WordInfo>(Number.MAX_SAFE_INTEGER);
  private readonly hashtags = new RangeMemo<HashtagInfo>(MAX_HASHTAGS);

  constructor(private readonly lexicon: Lexicon) {}

  /** Called before each text: starts a new epoch when the vocabulary is full, never in the middle of a text. */
  startText(): void {
    if (this.nextId < MAX_WORDS) return;
    this.words.clear();
    this.numbers.clear();
    this.hashtags.clear();
    this.nextId = 0;
    this.epoch++;
  }

  /** The facts of `source.slice(start, end)`, whose {@link hashRange} is `hash`, read as a number when `number`. */
  word(source: string, start: number, end: number, hash: number, number: boolean): WordInfo {
    const memo = number ? this.numbers : this.words;
    let info = memo.get(source, start, end, hash);
    if (info === undefined) {
      const raw = start === 0 && end === source.length ? source : source.slice(start, end);
      info = createWordInfo(raw, this.nextId++, number ? normalizeNumber(raw) : normalizeWord(raw));
      memo.set(info, hash);
    }
    return info;
  }

  /** The split and facts of the hashtag body `text.slice(start, end)`, whose {@link hashRange} is `hash`. */
  hashtag(text: string, start: number, end: number, hash: number): HashtagInfo {
    let info = this.hashtags.get(text, start, end, hash);
    if (info === undefined) {
      const body = text.slice(start, end);
      const split = splitHashtag(body, this.lexicon);
      const parts = split.parts.map((part) => this.word(part.norm, 0, part.norm.length, hashRange(part.norm, 0, part.norm.length), false));
      info = { key: body, split, script: dominantScript(split.norm), parts };
      this.hashtags.set(info, hash);
    }
    return info;
  }

  /** Swedish compound parts of a Latin word, split once. */
  svParts(info: WordInfo): readonly string[] {
    return (info.svParts ??= splitCompound(info.norm, this.lexicon));
  }
}

function createWordInfo(key: string, id: number, norm: string): WordInfo {
  const script = dominantScript(norm);
  const core = script === 'arabic' && hasArabicLetter(norm) ? arabicCore(norm) : norm;
  return {
    key,
    id,
    norm,
    script,
    isNumber: isAllDigits(norm),
    coreParts: core === norm ? NO_PARTS : [core],
    vote: voteOf(norm),
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
