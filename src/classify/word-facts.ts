import type { TermTable } from '../catalogue/index.js';
import { isFunctionWord, type AnalyzedText, type Analyzer, type Lang, type Token } from '../language/index.js';
import type { ExemplarIndex } from './exemplar-index.js';

/** What the classifier needs to know about one word in one role, whatever post it is in. */
export interface WordFacts {
  /** Catalogue term ids the word matches (shared, do not modify). */
  readonly ids: readonly number[];
  /**
   * The word's stem id in the exemplar vocabulary, -1 when no exemplar has it (it still lengthens the post's vector),
   * or {@link NOT_COUNTED}.
   */
  readonly stemId: number;
}

/** Function words, single letters, numbers and mentions, which similarity leaves out. */
export const NOT_COUNTED = -2;

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

/**
 * Term ids and exemplar stem id of each distinct word, memoised per word id of the classifier's own analyzer and role
 * in typed arrays (a slot per word id and role), so a post costs a couple of array reads per word for rules and
 * similarity together. A word's parts and stem, and so its facts, follow from its raw form and its role: the memo
 * needs no checking.
 */
export class WordFactsCache {
  /** Per slot: the stem id, or {@link UNLEARNED}. */
  private stems = new Int32Array(INITIAL_SLOTS).fill(UNLEARNED);
  /** Per slot: index into `lists` of the word's term ids; 0 for none. */
  private listOf = new Int32Array(INITIAL_SLOTS);
  private lists: Array<readonly number[]> = [NO_IDS];
  private epoch: number;
  private tableSize: number;

  constructor(
    private readonly table: TermTable,
    private readonly exemplars: ExemplarIndex,
    private readonly analyzer: Analyzer,
  ) {
    this.epoch = analyzer.wordEpoch;
    this.tableSize = table.size;
  }

  /** Word ids of `analyzed` if the classifier's analyzer produced it last (after {@link sync}). */
  wordIds(analyzed: AnalyzedText): Int32Array | undefined {
    this.sync();
    return this.analyzer.wordIds(analyzed);
  }

  /** Forgets what no longer holds before a post: all when the term table grew or the analyzer reassigned word ids. */
  sync(): void {
    if (this.table.size === this.tableSize && this.analyzer.wordEpoch === this.epoch) return;
    this.tableSize = this.table.size;
    this.epoch = this.analyzer.wordEpoch;
    this.stems = new Int32Array(INITIAL_SLOTS).fill(UNLEARNED);
    this.listOf = new Int32Array(INITIAL_SLOTS);
    this.lists = [NO_IDS];
  }

  /** The memo slot of word id `wordId` in `role`. */
  slot(wordId: number, role: WordRole): number {
    return wordId * ROLES + role;
  }

  /** Whether the facts of a slot are known. */
  knows(slot: number): boolean {
    return slot < this.stems.length && this.stems[slot] !== UNLEARNED;
  }

  /** Works out and remembers the facts of a slot, of whose word and role `token` is an occurrence. */
  learn(slot: number, token: Token): void {
    if (slot >= this.stems.length) this.grow(slot + 1);
    const ids = this.table.resolve(token);
    if (ids.length > 0) {
      this.listOf[slot] = this.lists.length;
      this.lists.push(ids);
    }
    this.stems[slot] = this.stemIdOf(token);
  }

  /** Stem id of a known slot. */
  stemId(slot: number): number {
    return this.stems[slot] as number;
  }

  /** Term ids of a known slot (shared, do not modify; empty for most words). */
  ids(slot: number): readonly number[] {
    return this.lists[this.listOf[slot] as number] as readonly number[];
  }

  /**
   * Facts of a `word`, `number` or `mention` token of an analysis made elsewhere (no word ids; its parts may come from
   * another lexicon), worked out afresh: the term table memoises by form and parts.
   */
  ofToken(token: Token): WordFacts {
    return { ids: this.table.resolve(token), stemId: this.stemIdOf(token) };
  }

  private stemIdOf(token: Token): number {
    if (token.kind !== 'word' || token.norm.length < 2 || isFunctionWord(token.norm)) return NOT_COUNTED;
    return this.exemplars.stemId(token.stem);
  }

  private grow(size: number): void {
    const length = Math.max(size, this.stems.length * 2);
    const stems = new Int32Array(length).fill(UNLEARNED);
    stems.set(this.stems);
    this.stems = stems;
    const listOf = new Int32Array(length);
    listOf.set(this.listOf);
    this.listOf = listOf;
  }
}

/** Marks a slot whose facts are not known yet (stem ids are ≥ -2). */
const UNLEARNED = -3;
const INITIAL_SLOTS = 4096;
const NO_IDS: readonly number[] = Object.freeze([]);
