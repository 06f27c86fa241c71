import type { TermTable } from '../catalogue/index.js';
import { isFunctionWord, type AnalyzedText, type Analyzer, type Token } from '../language/index.js';
import type { ExemplarIndex } from './exemplar-index.js';

/** What the classifier needs to know about one word, whatever post it is in. */
interface WordFacts {
  /** Compound or clitic parts the term ids were resolved with. */
  parts: readonly string[];
  /** Catalogue term ids the word matches (shared, do not modify). */
  ids: readonly number[];
  /** The stem {@link stemId} belongs to ('' before the word was first seen as a `word` token). */
  stem: string;
  /**
   * The stem's id in the exemplar vocabulary, -1 when no exemplar has it (it still lengthens the post's vector), or
   * {@link NOT_COUNTED}.
   */
  stemId: number;
}

/** Function words and single letters, which similarity leaves out. */
export const NOT_COUNTED = -2;

const MEMO_ENTRIES = 100_000;

/**
 * Term ids and exemplar stem id of each distinct word, memoised per word id of the classifier's own analyzer (an
 * array read per token) or, for tokens analysed elsewhere, by normalised form, so a post costs one look-up per word
 * for rules and similarity together. A word's ids depend on its parts and its stem on the post's language: both are
 * checked against the token (by identity first, as the analyzer reuses its arrays and strings) and recomputed when
 * they differ, so every token is resolved exactly as the term table would.
 */
export class WordFactsCache {
  private byId: Array<WordFacts | undefined> = [];
  private byNorm = new Map<string, WordFacts>();
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

  /** Word ids of `analyzed` if the classifier's analyzer produced it last (drops the memo when ids were reassigned). */
  wordIds(analyzed: AnalyzedText): Int32Array | undefined {
    if (this.table.size !== this.tableSize) {
      this.tableSize = this.table.size;
      this.byId = [];
      this.byNorm = new Map();
    }
    const ids = this.analyzer.wordIds(analyzed);
    if (ids !== undefined && this.analyzer.wordEpoch !== this.epoch) {
      this.epoch = this.analyzer.wordEpoch;
      this.byId = [];
    }
    return ids;
  }

  /**
   * Facts of a `word`, `number` or `mention` token (the kinds the term table resolves by form and parts); `wordId`
   * is its id from {@link wordIds}, or -1 when unknown.
   */
  of(token: Token, wordId: number): WordFacts {
    let facts = wordId >= 0 ? this.byId[wordId] : this.byNorm.get(token.norm);
    if (facts === undefined) {
      facts = { parts: token.parts, ids: this.table.resolve(token), stem: '', stemId: NOT_COUNTED };
      if (wordId >= 0) this.byId[wordId] = facts;
      else {
        if (this.byNorm.size >= MEMO_ENTRIES) this.byNorm = new Map();
        this.byNorm.set(token.norm, facts);
      }
    } else if (facts.parts !== token.parts && !sameParts(facts.parts, token.parts)) {
      facts.parts = token.parts;
      facts.ids = this.table.resolve(token);
    }
    return facts;
  }

  /** Exemplar stem id of a `word` token whose facts are `facts`. */
  stemIdOf(facts: WordFacts, token: Token): number {
    if (facts.stem !== token.stem) {
      facts.stem = token.stem;
      facts.stemId = token.norm.length < 2 || isFunctionWord(token.norm) ? NOT_COUNTED : this.exemplars.stemId(token.stem);
    }
    return facts.stemId;
  }
}

function sameParts(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
