import { createHmac } from 'node:crypto';
import { analyzeText, type AnalyzedText, type Token } from '../language/index.js';
import { WatchlistValueError } from './errors.js';
import { nameSkeleton } from './skeleton.js';

export const WATCHLIST_KINDS = ['name', 'address'] as const;
export type WatchlistKind = (typeof WATCHLIST_KINDS)[number];

/**
 * What is stored to match one watchlist entry: keyed hashes (HMAC-SHA-256) of each word's name skeleton, with its
 * one-letter deletions for long words (typo tolerance), of the words run together (Abdulrahman = Abdul Rahman), and
 * of the exact words for a lone short alias. Without the key they reveal nothing; the name itself is stored sealed.
 */
export interface WatchlistMatchKeys {
  tokens: string[][];
  joined: string[];
  /** Exact-spelling keys, required when the entry is one short word (its skeleton alone would match too much). */
  exact: string[] | null;
}

export interface WatchlistEntryKeys {
  id: number;
  kind: WatchlistKind;
  keys: WatchlistMatchKeys;
}

export interface WatchlistHit {
  entryId: number;
  kind: WatchlistKind;
  start: number;
  end: number;
}

export interface WatchlistMatcher {
  readonly size: number;
  match(analyzed: AnalyzedText): WatchlistHit[];
}

const MAX_WORDS = 6;
/** Skeletons this long get deletion variants: one letter more, less or different still matches. */
const FUZZY_FROM = 5;
const MAX_JOIN = 3;
const JOINED_WORD_MIN = 6;
const MAX_HITS = 20;

/** Match keys for a value a security admin entered; throws when it cannot be matched safely. */
export function watchlistMatchKeys(value: string, macKey: Buffer): WatchlistMatchKeys {
  const words = valueWords(value);
  if (words.length === 0) throw new WatchlistValueError('a watchlist entry needs letters or digits');
  if (words.length > MAX_WORDS) throw new WatchlistValueError(`a watchlist entry has at most ${MAX_WORDS} words`);
  const skeletons = words.map(nameSkeleton);
  if (skeletons.join('').length < 3) throw new WatchlistValueError('the entry is too short to match safely; enter a full name or a longer alias');
  const key = keyer(macKey);
  const single = words.length === 1 && (skeletons[0] as string).length < FUZZY_FROM;
  return {
    tokens: skeletons.map((s) => fuzzyKeys(s, key)),
    joined: words.length > 1 ? fuzzyKeys(nameSkeleton(words.join('')), key) : [],
    exact: single ? [key(`=${words[0] as string}`)] : null,
  };
}

/** "Lena Berg" → "L*** B***": enough for an admin to tell entries apart, too little to read the name. */
export function maskWatchlistValue(value: string): string {
  return value
    .trim()
    .split(/\s+/u)
    .map((word) => `${[...word][0] ?? ''}***`)
    .join(' ');
}

/** A matcher over stored keys; per post it hashes each distinct word once (memoised) and looks the keys up. */
export function createWatchlistMatcher(entries: readonly WatchlistEntryKeys[], macKey: Buffer): WatchlistMatcher {
  const key = keyer(macKey);
  const byFirst = new Map<string, Array<{ entry: WatchlistEntryKeys; reversed: boolean }>>();
  const byJoined = new Map<string, WatchlistEntryKeys[]>();
  for (const entry of entries) {
    const { tokens, joined } = entry.keys;
    for (const k of tokens[0] ?? []) push(byFirst, k, { entry, reversed: false });
    if (tokens.length === 2) for (const k of tokens[1] ?? []) push(byFirst, k, { entry, reversed: true });
    // A one-word entry also matches the same name written in parts (Abdulrahman ~ Abdul Rahman), never a short one.
    for (const k of tokens.length === 1 && entry.keys.exact === null ? (tokens[0] ?? []) : joined) push(byJoined, k, entry);
  }
  const memo = new Map<string, string[]>();
  const keysOf = (norm: string): string[] => {
    let keys = memo.get(norm);
    if (keys === undefined) {
      keys = fuzzyKeys(nameSkeleton(norm), key);
      if (memo.size > 50_000) memo.clear();
      memo.set(norm, keys);
    }
    return keys;
  };

  function match(analyzed: AnalyzedText): WatchlistHit[] {
    if (entries.length === 0) return [];
    const words = analyzed.tokens.filter(isNameToken);
    const hits: WatchlistHit[] = [];
    const seen = new Set<string>();
    const add = (entry: WatchlistEntryKeys, from: number, to: number): void => {
      const first = words[from] as Token;
      const last = words[to] as Token;
      const id = `${entry.id}:${first.start}`;
      if (seen.has(id) || hits.length >= MAX_HITS) return;
      seen.add(id);
      hits.push({ entryId: entry.id, kind: entry.kind, start: first.start, end: last.end });
    };
    for (let i = 0; i < words.length && hits.length < MAX_HITS; i++) {
      const token = words[i] as Token;
      for (const k of keysOf(token.norm)) {
        for (const { entry, reversed } of byFirst.get(k) ?? []) {
          const span = spanMatch(entry, words, i, reversed, keysOf, key);
          if (span !== undefined) add(entry, i, span);
        }
      }
      for (let width = 1; width <= MAX_JOIN && i + width <= words.length; width++) {
        const joined = nameSkeleton(words.slice(i, i + width).map((w) => w.norm).join(''));
        // One word stands for a whole multi-word name only when long enough to be a name run together.
        if (width === 1 && joined.length < JOINED_WORD_MIN) continue;
        for (const entry of byJoined.get(key(joined)) ?? []) add(entry, i, i + width - 1);
      }
    }
    return hits.sort((a, b) => a.start - b.start);
  }

  return { size: entries.length, match };
}

/** Index of the last word when the entry's words follow word i (or, for two-word names, stand reversed). */
function spanMatch(
  entry: WatchlistEntryKeys,
  words: readonly Token[],
  i: number,
  reversed: boolean,
  keysOf: (norm: string) => string[],
  key: (text: string) => string,
): number | undefined {
  const { tokens, exact } = entry.keys;
  if (exact !== null) return exact.includes(key(`=${(words[i] as Token).norm}`)) ? i : undefined;
  const order = reversed ? [...tokens].reverse() : tokens;
  if (i + order.length > words.length) return undefined;
  for (let k = 1; k < order.length; k++) {
    const wanted = new Set(order[k]);
    if (!keysOf((words[i + k] as Token).norm).some((x) => wanted.has(x))) return undefined;
  }
  return i + order.length - 1;
}

function isNameToken(token: Token): boolean {
  return token.kind === 'word' || token.kind === 'number';
}

function valueWords(value: string): string[] {
  return analyzeText(value, { lang: 'und' })
    .tokens.filter((t) => (t.kind === 'word' || t.kind === 'number') && !t.inHashtag)
    .map((t) => t.norm);
}

function keyer(macKey: Buffer): (text: string) => string {
  return (text) => createHmac('sha256', macKey).update(text).digest('base64url').slice(0, 22);
}

function fuzzyKeys(skeleton: string, key: (text: string) => string): string[] {
  const variants = new Set([skeleton]);
  if (skeleton.length >= FUZZY_FROM) for (let i = 0; i < skeleton.length; i++) variants.add(skeleton.slice(0, i) + skeleton.slice(i + 1));
  return [...variants].map(key);
}

function push<T>(map: Map<string, T[]>, k: string, value: T): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [value]);
  else list.push(value);
}
