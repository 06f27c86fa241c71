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
 * (a flat array read per token), so a post costs one look-up per word for rules and similarity together. A word's
 * parts and stem, and so its facts, follow from its raw form and its role: the memo needs no checking.
 */
export class WordFactsCache {
  private byId: Array<WordFacts | undefined> = [];
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

  /**
   * Forgets what no longer holds before a post: everything when the term table grew, the per-id memo when the
   * analyzer reassigned word ids.
   */
  sync(): void {
    if (this.table.size !== this.tableSize) {
      this.tableSize = this.table.size;
      this.byId = [];
    }
    if (this.analyzer.wordEpoch !== this.epoch) {
      this.epoch = this.analyzer.wordEpoch;
      this.byId = [];
    }
  }

  /** Facts of word id `wordId` in `role` if already known. */
  known(wordId: number, role: WordRole): WordFacts | undefined {
    const slot = wordId * ROLES + role;
    return slot < this.byId.length ? this.byId[slot] : undefined;
  }

  /** Works out and remembers the facts of word id `wordId` in `role`, of which `token` is an occurrence. */
  learn(wordId: number, role: WordRole, token: Token): WordFacts {
    const facts: WordFacts = { ids: this.table.resolve(token), stemId: this.stemIdOf(token) };
    const slot = wordId * ROLES + role;
    // Grown densely, filled with undefined: writing far past the end would turn the array into a slow dictionary.
    if (slot >= this.byId.length) this.byId = grownDense(this.byId, slot + 1);
    this.byId[slot] = facts;
    return facts;
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
}

function grownDense<T>(array: Array<T | undefined>, size: number): Array<T | undefined> {
  const grown = new Array<T | undefined>(Math.max(size, array.length * 2, 1024)).fill(undefined);
  for (let i = 0; i < array.length; i++) grown[i] = array[i];
  return grown;
}
