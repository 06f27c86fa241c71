import { growInt32, type AnalyzedText, type Token } from '../../language/index.js';
import type { TermTable } from './term-table.js';

/** Token indices (ascending) where each term id occurs in one post. */
export interface Occurrences {
  has(id: number): boolean;
  /** Whether some term of term set `set` ({@link TermTable.termSet}) occurs. */
  hasAnyOf(set: number): boolean;
  get(id: number): readonly number[] | undefined;
}

/**
 * Where each term of a table occurs in one post, as linked lists in typed arrays. Reused from post to post (a
 * stamp marks what is current), so collecting costs no allocation beyond growth; `get` builds an array only for
 * the few terms a matched rule reports.
 */
export class OccurrenceIndex implements Occurrences {
  private stamp = 0;
  private stampOf = new Int32Array(0);
  private first = new Int32Array(0);
  private last = new Int32Array(0);
  private next = new Int32Array(64);
  private tokenAt = new Int32Array(64);
  private size = 0;
  private presentIds = new Int32Array(64);
  /** Per term set of the table, the stamp of the last post in which one of its terms occurred. */
  private setStampOf = new Int32Array(0);
  /** The stamp of the post whose term sets are marked. */
  private setsMarked = 0;
  private table: TermTable | undefined;
  /** How many distinct term ids occur in the current post ({@link presentAt} 0 .. presentCount-1). */
  presentCount = 0;

  /** Forgets the previous post and sizes the index for the terms and term sets of `table`. */
  reset(table: TermTable): void {
    this.stamp++;
    this.size = 0;
    this.presentCount = 0;
    this.table = table;
    if (this.stampOf.length < table.size) {
      this.stampOf = growInt32(this.stampOf, table.size);
      this.first = growInt32(this.first, table.size);
      this.last = growInt32(this.last, table.size);
    }
    if (this.setStampOf.length < table.termSetCount) this.setStampOf = growInt32(this.setStampOf, table.termSetCount);
  }

  add(id: number, token: number): void {
    if (this.size === this.next.length) {
      this.next = growInt32(this.next, this.size * 2);
      this.tokenAt = growInt32(this.tokenAt, this.size * 2);
    }
    const k = this.size++;
    this.tokenAt[k] = token;
    this.next[k] = -1;
    if (this.stampOf[id] !== this.stamp) {
      this.stampOf[id] = this.stamp;
      this.first[id] = k;
      if (this.presentCount === this.presentIds.length) this.presentIds = growInt32(this.presentIds, this.presentCount * 2);
      this.presentIds[this.presentCount++] = id;
    } else {
      this.next[this.last[id] as number] = k;
    }
    this.last[id] = k;
  }

  /** The i-th distinct term id of the current post, in order of first occurrence. */
  presentAt(i: number): number {
    return this.presentIds[i] as number;
  }

  has(id: number): boolean {
    return id < this.stampOf.length && this.stampOf[id] === this.stamp;
  }

  hasAnyOf(set: number): boolean {
    if (this.setsMarked !== this.stamp) this.markTermSets();
    return set < this.setStampOf.length && this.setStampOf[set] === this.stamp;
  }

  /**
   * Marks the term sets of every term that occurs, on the first question of a post rather than in {@link add}: most
   * posts are never asked, and a longer `add` is no longer inlined into the collecting loop.
   */
  private markTermSets(): void {
    this.setsMarked = this.stamp;
    const table = this.table as TermTable;
    for (let p = 0; p < this.presentCount; p++) {
      const sets = table.termSetsOf(this.presentIds[p] as number);
      for (let k = 0; k < sets.length; k++) this.setStampOf[sets[k] as number] = this.stamp;
    }
  }

  get(id: number): readonly number[] | undefined {
    if (!this.has(id)) return undefined;
    const tokens: number[] = [];
    for (let k = this.first[id] as number; k >= 0; k = this.next[k] as number) tokens.push(this.tokenAt[k] as number);
    return tokens;
  }
}

/** Every term of `table` found in the post; pass `into` to reuse one index across posts. */
export function collectOccurrences(table: TermTable, analyzed: AnalyzedText, into: OccurrenceIndex = new OccurrenceIndex()): OccurrenceIndex {
  into.reset(table);
  const tokens = analyzed.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const ids = table.resolve(tokens[i] as Token);
    for (let k = 0; k < ids.length; k++) into.add(ids[k] as number, i);
  }
  return into;
}
