import { Char, unitsOf } from './chars.js';
import { CharClass, charClassOf } from './char-classes.js';
import { TokenCode } from './token-kinds.js';
import { growInt32, growUint8 } from './typed-arrays.js';


/** Single letters in a row that are joined into one word. */
const MIN_SPACED_RUN = 3;

/**
 * The raw tokens of one text as offsets in reusable typed arrays, so the analyzer reads each word in place (no slice,
 * no object per token). Token k covers `[start, end)` of the text; its raw text (what is normalised) is
 * `[rawStart, end)`, which skips the `#`/`@` and invisible characters in front, except for the joined spaced-letter
 * words (`b r ä n n a`), whose raw text is not one slice and is kept in `joined`.
 */
export class TokenSpans {
  count = 0;
  complete = true;
  kinds = new Uint8Array(64);
  starts = new Int32Array(64);
  rawStarts = new Int32Array(64);
  ends = new Int32Array(64);
  /** {@link hashRange} of the raw text of word, hashtag and mention tokens (not of joined words, URLs or emoji). */
  hashes = new Int32Array(64);
  /** Raw text of joined spaced-letter words, by token index. */
  readonly joined = new Map<number, string>();
  /** Single-letter words in a row at the end of the spans so far, and whether some run reached the joining length. */
  singleLetterRun = 0;
  hasSingleLetterRun = false;

  reset(): void {
    this.count = 0;
    this.complete = true;
    this.singleLetterRun = 0;
    this.hasSingleLetterRun = false;
    if (this.joined.size > 0) this.joined.clear();
  }

  /** Appends a span; `singleLetter` for a word of one letter (with marks), which may be part of `b r ä n n a`. */
  push(kind: TokenCode, start: number, rawStart: number, end: number, hash: number, singleLetter = false): void {
    if (this.count === this.kinds.length) this.grow();
    const k = this.count++;
    this.kinds[k] = kind;
    this.starts[k] = start;
    this.rawStarts[k] = rawStart;
    this.ends[k] = end;
    this.hashes[k] = hash;
    if (!singleLetter) this.singleLetterRun = 0;
    else if (++this.singleLetterRun >= MIN_SPACED_RUN) this.hasSingleLetterRun = true;
  }

  /** The raw text of token k (allocates a slice: for cache misses and the public {@link tokenize}). */
  raw(text: string, k: number): string {
    return this.joined.get(k) ?? text.slice(this.rawStarts[k], this.ends[k]);
  }

  private grow(): void {
    const size = this.kinds.length * 2;
    this.kinds = growUint8(this.kinds, size);
    this.starts = growInt32(this.starts, size);
    this.rawStarts = growInt32(this.rawStarts, size);
    this.ends = growInt32(this.ends, size);
    this.hashes = growInt32(this.hashes, size);
  }
}

/** Space . - _ * · */
function isSpacedSeparator(cp: number): boolean {
  return cp === Char.Space || cp === Char.FullStop || cp === Char.Hyphen || cp === Char.Underscore || cp === Char.Asterisk || cp === Char.MiddleDot;
}

/**
 * Joins `b r ä n n a` or `s.o.c` (3+ single letters, one identical separator between each) into one word, compacting
 * the spans in place.
 */
export function joinSpacedLetters(text: string, spans: TokenSpans): void {
  if (!spans.hasSingleLetterRun) return;
  let k = 0;
  while (k < spans.count && !isSingleLetterSpan(text, spans, k)) k++;
  let out = k;
  while (k < spans.count) {
    let last = k;
    if (isSingleLetterSpan(text, spans, k)) {
      const at = spans.ends[k] as number;
      const separator = at < text.length ? text.charCodeAt(at) : -1;
      while (
        last + 1 < spans.count &&
        isSingleLetterSpan(text, spans, last + 1) &&
        isSpacedSeparator(separator) &&
        spans.starts[last + 1] === (spans.ends[last] as number) + 1 &&
        text.charCodeAt(spans.ends[last] as number) === separator
      ) {
        last++;
      }
    }
    if (last + 1 - k >= MIN_SPACED_RUN) {
      let raw = '';
      for (let m = k; m <= last; m++) raw += text.slice(spans.rawStarts[m], spans.ends[m]);
      copySpan(spans, k, out);
      spans.ends[out] = spans.ends[last] as number;
      spans.joined.set(out, raw);
      out++;
    } else {
      for (let m = k; m <= last; m++) copySpan(spans, m, out++);
    }
    k = last + 1;
  }
  spans.count = out;
}

function copySpan(spans: TokenSpans, from: number, to: number): void {
  if (from === to) return;
  spans.kinds[to] = spans.kinds[from] as number;
  spans.starts[to] = spans.starts[from] as number;
  spans.rawStarts[to] = spans.rawStarts[from] as number;
  spans.ends[to] = spans.ends[from] as number;
  spans.hashes[to] = spans.hashes[from] as number;
}

function isSingleLetterSpan(text: string, spans: TokenSpans, k: number): boolean {
  return spans.kinds[k] === TokenCode.Word && isSingleLetter(text, spans.rawStarts[k] as number, spans.ends[k] as number);
}

/** True when `text.slice(start, end)` is one letter, with only marks or invisible characters after it. */
export function isSingleLetter(text: string, start: number, end: number): boolean {
  // A second ASCII unit is neither a mark, an invisible character nor half of a surrogate pair: most words stop here.
  if (end - start > 1 && text.charCodeAt(start + 1) < Char.NonAscii) return false;
  const cp = text.codePointAt(start) as number;
  if (charClassOf(cp) !== CharClass.Letter) return false;
  for (let i = start + unitsOf(cp); i < end; i++) {
    const cls = charClassOf(text.charCodeAt(i));
    if (cls !== CharClass.Mark && cls !== CharClass.Invisible) return false;
  }
  return true;
}

