import { isFunctionWord, type Lexicon } from './lexicon.js';

/** Longest run that is segmented; longer hashtags are kept whole (the DP is quadratic in the window). */
const MAX_SEGMENT_CHARS = 64;
const KNOWN_WORD_COST = 1;
/** Two- and three-letter words are cheap to find by accident (`kom|men|tar`): they cost more. */
const SHORT_WORD_EXTRA = 0.8;
const UNKNOWN_RUN_COST = 1;
const UNKNOWN_CHAR_COST = 0.4;

/**
 * Splits a normalised run without spaces (a hashtag body) into known words by dynamic programming over the lexicon:
 * fewest, longest words win; letters no word covers stay together as one unknown part. `slutakidnappavårabarn` →
 * sluta, kidnappa, våra, barn.
 */
export function segmentRun(norm: string, lexicon: Lexicon): string[] {
  const n = norm.length;
  if (n < 4 || n > MAX_SEGMENT_CHARS || lexicon.has(norm)) return [norm];
  const cost = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const from = new Int32Array(n + 1);
  const known = new Uint8Array(n + 1);
  cost[0] = 0;
  for (let i = 1; i <= n; i++) {
    const extendsUnknown = i > 1 && known[i - 1] === 0 ? 0 : UNKNOWN_RUN_COST;
    relax(i, i - 1, (cost[i - 1] as number) + UNKNOWN_CHAR_COST + extendsUnknown, 0);
    for (let j = Math.max(0, i - lexicon.maxWordLength); j <= i - 2; j++) {
      if (!lexicon.has(norm.slice(j, i))) continue;
      relax(i, j, (cost[j] as number) + KNOWN_WORD_COST + (i - j <= 3 ? SHORT_WORD_EXTRA : 0), 1);
    }
  }
  return rebuild(norm, from, known);

  function relax(i: number, j: number, candidate: number, isKnown: number): void {
    if (candidate < (cost[i] as number)) {
      cost[i] = candidate;
      from[i] = j;
      known[i] = isKnown;
    }
  }
}

function rebuild(norm: string, from: Int32Array, known: Uint8Array): string[] {
  const parts: string[] = [];
  let i = norm.length;
  let unknownEnd = -1;
  while (i > 0) {
    const j = from[i] as number;
    if (known[i] === 1) {
      if (unknownEnd >= 0) parts.push(norm.slice(i, unknownEnd));
      unknownEnd = -1;
      parts.push(norm.slice(j, i));
    } else if (unknownEnd < 0) {
      unknownEnd = i;
    }
    i = j;
  }
  if (unknownEnd >= 0) parts.push(norm.slice(0, unknownEnd));
  return parts.reverse();
}

const MIN_COMPOUND_CHARS = 7;
/** Leading parts need 4 letters and the last 3, so that `kommentar` is not kom|men|tar. */
const MIN_LEADING_PART_CHARS = 4;
const MIN_LAST_PART_CHARS = 3;
const MAX_PARTS = 4;

/**
 * Splits a Swedish compound into known parts (`barnrovet` → barn, rovet; `fosterbarn` → foster, barn;
 * `statskidnappningen` → stat, kidnappningen), allowing a linking `s` and an inflected last part. Known compounds
 * split too, so that `barn*` finds the `barn` in `fosterbarn`. Function words are never parts. Returns [] when the
 * word has no full split.
 */
export function splitCompound(norm: string, lexicon: Lexicon): string[] {
  const n = norm.length;
  if (n < MIN_COMPOUND_CHARS || n > MAX_SEGMENT_CHARS) return [];
  const parts = new Int32Array(n + 1).fill(MAX_PARTS + 1);
  const from = new Int32Array(n + 1);
  const partEnd = new Int32Array(n + 1);
  parts[0] = 0;
  for (let i = MIN_LEADING_PART_CHARS; i <= n; i++) {
    const isLast = i === n;
    const minChars = isLast ? MIN_LAST_PART_CHARS : MIN_LEADING_PART_CHARS;
    // The last part never starts at 0: a compound has at least two parts.
    for (let j = isLast ? MIN_LEADING_PART_CHARS : 0; j <= i - minChars; j++) {
      const prior = parts[j] as number;
      if (prior >= MAX_PARTS || prior + 1 >= (parts[i] as number)) continue;
      const piece = norm.slice(j, i);
      if (isFunctionWord(piece)) continue;
      const word = isLast ? lexicon.hasInflected(piece) : lexicon.has(piece);
      const linked = !isLast && !word && piece.endsWith('s') && piece.length > MIN_LEADING_PART_CHARS && lexicon.has(piece.slice(0, -1));
      if (!word && !linked) continue;
      parts[i] = prior + 1;
      from[i] = j;
      partEnd[i] = linked ? i - 1 : i;
    }
  }
  if ((parts[n] as number) < 2 || (parts[n] as number) > MAX_PARTS) return [];
  const out: string[] = [];
  for (let i = n; i > 0; i = from[i] as number) out.push(norm.slice(from[i] as number, partEnd[i] as number));
  return out.reverse();
}
