import { arabicCore, inflectionBases, isInflectionOf, type InflectionLang, type Token } from '../../language/index.js';
import { compileGlob, type Glob } from './glob.js';

/**
 * One leaf a query matches against a token. `word`: a bare word (exact, inflected, a compound part or the same
 * Arabic core); `exact`: a word inside "quotes" or an emoji; `glob`: a wildcard word; `hashtag`/`url`: field filters
 * over hashtag and URL tokens. All patterns are already normalised.
 */
export type TermSpec =
  | { kind: 'word'; norm: string; lang: InflectionLang }
  | { kind: 'exact'; norm: string }
  | { kind: 'glob'; pattern: string }
  | { kind: 'hashtag'; pattern: string }
  | { kind: 'url'; pattern: string };

interface InflectableTerm {
  id: number;
  lang: InflectionLang;
}

interface GlobTerm {
  id: number;
  glob: Glob;
}

const NONE: readonly number[] = Object.freeze([]);
/** A character no word has: an exact term holding one is an emoji or other symbol sequence. */
const NOT_A_WORD = /[^\p{L}\p{M}\p{N}\s]/u;
const MEMO_ENTRIES = 100_000;

/**
 * The terms of one query or of a whole catalogue, deduplicated, with indexes from a token to the terms it matches.
 * Resolving a token is memoised by its normalised form, so each distinct word of a stream is checked against the
 * wildcards once; afterwards a post costs one map look-up per token however many rules there are.
 */
export class TermTable {
  private readonly ids = new Map<string, number>();
  private readonly specs: TermSpec[] = [];
  private readonly exact = new Map<string, number[]>();
  private readonly inflectable = new Map<string, InflectableTerm[]>();
  private readonly arabic = new Map<string, number[]>();
  private readonly globsByFirstChar = new Map<string, GlobTerm[]>();
  private readonly floatingGlobs: GlobTerm[] = [];
  private readonly hashtagExact = new Map<string, number[]>();
  private readonly hashtagGlobs: GlobTerm[] = [];
  private readonly urlTerms: Array<{ id: number; pattern: string; glob: Glob | undefined }> = [];
  private memo = new Map<string, readonly number[]>();
  private symbols = false;
  private readonly termSetIds = new Map<string, number>();
  /** Per term id, the term sets holding it (see {@link termSet}). */
  private readonly termSetsByTerm: number[][] = [];
  private termSets = 0;

  get size(): number {
    return this.specs.length;
  }

  /** True when some term is a `url:` filter: URL tokens can match. */
  get hasUrlTerms(): boolean {
    return this.urlTerms.length > 0;
  }

  /** True when some exact term is not a word (an emoji): emoji tokens can match. */
  get hasEmojiTerms(): boolean {
    return this.symbols;
  }

  /** How many term sets {@link termSet} has interned. */
  get termSetCount(): number {
    return this.termSets;
  }

  /**
   * Id of the set of these term ids, interned: a query node needs one of them to occur (its triggers), and the many
   * rules that expand one lexicon share its set. An occurrence index marks every set of a term that occurs, so a node
   * whose set is unmarked is ruled out with one read instead of a walk over its terms.
   */
  termSet(ids: readonly number[]): number {
    const unique = [...new Set(ids)].sort((a, b) => a - b);
    const key = unique.join(',');
    const known = this.termSetIds.get(key);
    if (known !== undefined) return known;
    const set = this.termSets++;
    this.termSetIds.set(key, set);
    for (const id of unique) {
      // Filled densely: an array written at scattered indices turns into a slow dictionary.
      while (this.termSetsByTerm.length <= id) this.termSetsByTerm.push([]);
      (this.termSetsByTerm[id] as number[]).push(set);
    }
    return set;
  }

  /** The term sets holding term `id` (shared, do not modify). */
  termSetsOf(id: number): readonly number[] {
    return this.termSetsByTerm[id] ?? NONE;
  }

  spec(id: number): TermSpec {
    return this.specs[id] as TermSpec;
  }

  /** Adds a term (or finds the identical one) and returns its id. */
  add(spec: TermSpec): number {
    const key = spec.kind === 'word' ? `word:${spec.lang}:${spec.norm}` : spec.kind === 'exact' ? `exact:${spec.norm}` : `${spec.kind}:${spec.pattern}`;
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    const id = this.specs.length;
    this.specs.push(spec);
    this.ids.set(key, id);
    this.index(id, spec);
    if (this.memo.size > 0) this.memo = new Map();
    return id;
  }

  private index(id: number, spec: TermSpec): void {
    switch (spec.kind) {
      case 'word':
        push(this.exact, spec.norm, id);
        if (isArabicWord(spec.norm)) push(this.arabic, arabicCore(spec.norm), id);
        else push(this.inflectable, spec.norm, { id, lang: spec.lang });
        break;
      case 'exact':
        push(this.exact, spec.norm, id);
        if (NOT_A_WORD.test(spec.norm)) this.symbols = true;
        break;
      case 'glob': {
        const term = { id, glob: compileGlob(spec.pattern) };
        if (term.glob.prefix.length === 0) this.floatingGlobs.push(term);
        else push(this.globsByFirstChar, term.glob.prefix[0] as string, term);
        break;
      }
      case 'hashtag':
        if (spec.pattern.includes('*')) this.hashtagGlobs.push({ id, glob: compileGlob(spec.pattern) });
        else push(this.hashtagExact, spec.pattern, id);
        break;
      case 'url':
        this.urlTerms.push({ id, pattern: spec.pattern, glob: spec.pattern.includes('*') ? compileGlob(spec.pattern) : undefined });
        break;
    }
  }

  /** Ids of the terms this token matches (shared, do not modify). */
  resolve(token: Token): readonly number[] {
    switch (token.kind) {
      case 'url':
        return this.resolveUrl(token.norm);
      case 'emoji':
        return this.exact.get(token.norm) ?? NONE;
      case 'hashtag':
        return this.memoised(`#${token.norm}`, () => this.resolveHashtag(token.norm));
      default: {
        const compound = token.parts.length > 0 && token.script === 'latin';
        const key = compound ? `${token.norm}\u0001${token.parts.join('\u0001')}` : token.norm;
        return this.memoised(key, () => this.resolveWord(token));
      }
    }
  }

  private memoised(key: string, compute: () => readonly number[]): readonly number[] {
    let ids = this.memo.get(key);
    if (ids === undefined) {
      ids = compute();
      if (this.memo.size >= MEMO_ENTRIES) this.memo = new Map();
      this.memo.set(key, ids);
    }
    return ids;
  }

  private resolveWord(token: Token): readonly number[] {
    const found = new Set<number>(this.exact.get(token.norm));
    if (token.script === 'arabic') {
      for (const id of this.arabic.get(token.parts[0] ?? token.norm) ?? NONE) found.add(id);
    } else {
      this.addInflections(token.norm, found);
      for (const part of token.parts) {
        for (const term of this.inflectable.get(part) ?? []) found.add(term.id);
        this.addInflections(part, found);
      }
    }
    this.addGlobs(token.norm, found);
    for (const part of token.parts) this.addGlobs(part, found);
    return found.size === 0 ? NONE : [...found].sort((a, b) => a - b);
  }

  private addInflections(word: string, found: Set<number>): void {
    for (const base of inflectionBases(word, 'any')) {
      for (const term of this.inflectable.get(base) ?? []) {
        if (isInflectionOf(word, base, term.lang)) found.add(term.id);
      }
    }
  }

  private addGlobs(word: string, found: Set<number>): void {
    for (const term of this.globsByFirstChar.get(word[0] ?? '') ?? []) if (term.glob.matches(word)) found.add(term.id);
    for (const term of this.floatingGlobs) if (term.glob.matches(word)) found.add(term.id);
  }

  private resolveHashtag(norm: string): readonly number[] {
    const found = new Set<number>(this.hashtagExact.get(norm));
    for (const id of this.exact.get(norm) ?? NONE) found.add(id);
    for (const term of this.hashtagGlobs) if (term.glob.matches(norm)) found.add(term.id);
    return found.size === 0 ? NONE : [...found].sort((a, b) => a - b);
  }

  private resolveUrl(norm: string): readonly number[] {
    if (this.urlTerms.length === 0) return NONE;
    const found: number[] = [];
    for (const term of this.urlTerms) {
      if (term.glob === undefined ? norm.includes(term.pattern) : term.glob.matches(norm)) found.push(term.id);
    }
    return found;
  }
}

function push<T>(map: Map<string, T[]>, key: string, term: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [term]);
  else list.push(term);
}

function isArabicWord(norm: string): boolean {
  const cp = norm.charCodeAt(0);
  return cp >= 0x620 && cp <= 0x6ff;
}
