import { emptyToken, isWordCode, TokenCode, type AnalyzedText, type Analyzer, type Lang, type PreparedText, type Token } from '../../language/index.js';
import { growInt32 } from '../../language/index.js';
import type { OccurrenceIndex } from './occurrences.js';
import type { TermTable } from './term-table.js';

/**
 * The roles a raw word can play, which decide its parts and stem and so its facts: a word in a Swedish post (stemmed
 * in Swedish, compounds split), in an English post, in a post of any other language, or a number or mention.
 */
export const WordRole = { SwedishWord: 0, EnglishWord: 1, OtherWord: 2, Plain: 3 } as const;
export type WordRole = (typeof WordRole)[keyof typeof WordRole];
const ROLES = 4;

/** The role of a `word`, `number` or `mention` token in a post of language `lang`. */
export function wordRole(kind: Token['kind'], lang: Lang): WordRole {
  if (kind !== 'word') return WordRole.Plain;
  return lang === 'sv' ? WordRole.SwedishWord : lang === 'en' ? WordRole.EnglishWord : WordRole.OtherWord;
}

/** A per-word number a consumer keeps beside the term ids (the classifier: the word's exemplar stem id). */
export type WordValue = (token: Token) => number;

/** The word value of words that have none, and of words a {@link WordValue} leaves out. */
export const NO_VALUE = -2;

/** Per-post output of {@link WordFactsCache.collect}: the word values in text order, grown as needed. */
export interface WordValues {
  values: Int32Array;
  count: number;
}

/**
 * Term ids (and optionally one more number) of each distinct word, memoised per word id of one analyzer and role in
 * typed arrays, so a post costs a couple of array reads per word. A word's parts and stem, and so its facts, follow
 * from its raw form and its role: the memo needs no checking, only forgetting when the analyzer reassigns word ids
 * or the table grows.
 */
export class WordFactsCache {
  /** Per slot: the word value, or {@link UNLEARNED}. */
  private values = new Int32Array(INITIAL_SLOTS).fill(UNLEARNED);
  /** Per slot: index into `lists` of the word's term ids; 0 for none. */
  private listOf = new Int32Array(INITIAL_SLOTS);
  private lists: Array<readonly number[]> = [NO_IDS];
  private epoch: number;
  private tableSize: number;
  private readonly token = emptyToken();

  constructor(
    private readonly table: TermTable,
    private readonly analyzer: Analyzer,
    private readonly valueOf: WordValue = () => NO_VALUE,
  ) {
    this.epoch = analyzer.wordEpoch;
    this.tableSize = table.size;
  }

  /**
   * The term occurrences of a text prepared by this cache's analyzer, by token index (URL and emoji tokens only when
   * some term can match them), and into `values` the word values other than {@link NO_VALUE}, in text order.
   */
  collect(prepared: PreparedText, occurrences: OccurrenceIndex, values?: WordValues): void {
    occurrences.reset(this.table);
    this.sync();
    if (values !== undefined) values.count = 0;
    const wordRoleHere = wordRole('word', prepared.lang);
    for (let t = 0; t < prepared.tokenCount; t++) {
      const code = prepared.kinds[t] as TokenCode;
      if (isWordCode(code)) {
        const slot = (prepared.wordIds[t] as number) * ROLES + (code === TokenCode.Word ? wordRoleHere : WordRole.Plain);
        if (!this.knows(slot)) this.learn(slot, this.analyzer.tokenAt(t, this.token));
        addAll(occurrences, this.lists[this.listOf[slot] as number] as readonly number[], t);
        const value = this.values[slot] as number;
        if (values !== undefined && value !== NO_VALUE) {
          if (values.count === values.values.length) values.values = growInt32(values.values, values.count + 1);
          values.values[values.count++] = value;
        }
      } else if (code === TokenCode.Hashtag || (code === TokenCode.Url ? this.table.hasUrlTerms : this.table.hasEmojiTerms)) {
        addAll(occurrences, this.table.resolve(this.analyzer.tokenAt(t, this.token)), t);
      }
    }
  }

  /** {@link collect} for an analysis (of any analyzer): each token resolved afresh, the term table memoising by form. */
  collectAnalyzed(analyzed: AnalyzedText, occurrences: OccurrenceIndex, values?: WordValues): void {
    occurrences.reset(this.table);
    if (values !== undefined) values.count = 0;
    const tokens = analyzed.tokens;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t] as Token;
      addAll(occurrences, this.table.resolve(token), t);
      if (values === undefined || token.kind === 'hashtag' || token.kind === 'url' || token.kind === 'emoji') continue;
      const value = this.valueOf(token);
      if (value === NO_VALUE) continue;
      if (values.count === values.values.length) values.values = growInt32(values.values, values.count + 1);
      values.values[values.count++] = value;
    }
  }

  /** Forgets what no longer holds: all when the term table grew or the analyzer reassigned word ids. */
  private sync(): void {
    if (this.table.size === this.tableSize && this.analyzer.wordEpoch === this.epoch) return;
    this.tableSize = this.table.size;
    this.epoch = this.analyzer.wordEpoch;
    this.values = new Int32Array(INITIAL_SLOTS).fill(UNLEARNED);
    this.listOf = new Int32Array(INITIAL_SLOTS);
    this.lists = [NO_IDS];
  }

  private knows(slot: number): boolean {
    return slot < this.values.length && this.values[slot] !== UNLEARNED;
  }

  /** Works out and remembers the facts of a slot, of whose word and role `token` is an occurrence. */
  private learn(slot: number, token: Token): void {
    if (slot >= this.values.length) {
      const length = Math.max(slot + 1, this.values.length * 2);
      const old = this.values.length;
      this.values = growInt32(this.values, length);
      this.values.fill(UNLEARNED, old);
      this.listOf = growInt32(this.listOf, length);
    }
    const ids = this.table.resolve(token);
    if (ids.length > 0) {
      this.listOf[slot] = this.lists.length;
      this.lists.push(ids);
    }
    this.values[slot] = this.valueOf(token);
  }
}

function addAll(occurrences: OccurrenceIndex, ids: readonly number[], token: number): void {
  for (let k = 0; k < ids.length; k++) occurrences.add(ids[k] as number, token);
}

/** Marks a slot whose facts are not known yet (values are ≥ -2). */
const UNLEARNED = -3;
const INITIAL_SLOTS = 4096;
const NO_IDS: readonly number[] = Object.freeze([]);
