import { ASCII_CASE_BIT, Char, isHighSurrogate, isSurrogate, unitsOf } from './chars.js';
import { CharClass, charClassOf } from './char-classes.js';
import { FNV_OFFSET, FNV_PRIME, finishHash, hashRange } from './range-memo.js';
import { TOKEN_KINDS, TokenCode } from './token-kinds.js';
import { isSingleLetter, joinSpacedLetters, TokenSpans } from './token-spans.js';

export type RawTokenKind = 'word' | 'hashtag' | 'mention' | 'url' | 'emoji';

/** A token as it appears in the original text; `raw` is the text to normalise (hashtags and mentions without # or @). */
export interface RawToken {
  kind: RawTokenKind;
  start: number;
  end: number;
  raw: string;
}

const MAX_URL_CHARS = 2048;

/**
 * Splits text into raw tokens with offsets into the original string, in one left-to-right pass. Invisible characters
 * inside a word do not break it (`kid\u200dnap` is one word); apostrophes between letters stay inside; digits joined
 * by `,` `.` or a narrow space form one number; runs of single letters (`b r ä n n a`) are joined into one word.
 */
export function tokenize(text: string, maxTokens: number): { tokens: RawToken[]; complete: boolean } {
  const spans = scratchSpans;
  scanTokens(text, maxTokens, spans);
  const tokens: RawToken[] = [];
  for (let k = 0; k < spans.count; k++) {
    tokens.push({ kind: TOKEN_KINDS[spans.kinds[k] as number] as RawTokenKind, start: spans.starts[k] as number, end: spans.ends[k] as number, raw: spans.raw(text, k) });
  }
  // A huge text must not keep its arrays alive for good.
  if (spans.kinds.length > MAX_KEPT_SPANS) scratchSpans = new TokenSpans();
  return { tokens, complete: spans.complete };
}

// tokenize copies every span out before it returns, so one set of spans serves all calls (it is synchronous): five
// typed arrays allocated per call made it cost five times a regular-expression split on tweets.
let scratchSpans = new TokenSpans();
const MAX_KEPT_SPANS = 4096;

/** {@link tokenize} into reusable spans (reset first). */
export function scanTokens(text: string, maxTokens: number, spans: TokenSpans): void {
  spans.reset();
  const kinds = UNIT_KINDS;
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (spans.count >= maxTokens) {
      spans.complete = false;
      break;
    }
    const unit = text.charCodeAt(i);
    if (unit >= Char.NonAscii || unit === Char.Hash || unit === Char.At || (unit | ASCII_CASE_BIT) === Char.LowerH || (unit | ASCII_CASE_BIT) === Char.LowerW) {
      i = scanFrom(text, i, unit, spans);
      continue;
    }
    if (kinds[unit] !== UnitKind.LetterOrDigit) {
      i++;
      continue;
    }
    // The common case kept small so that V8 compiles it tightly: an ASCII word of letters and digits up to a word end,
    // which is what scanWord and pushWord would make of it. Anything else goes to them.
    let j = i + 1;
    let h = Math.imul(FNV_OFFSET ^ unit, FNV_PRIME);
    while (j < n) {
      const next = text.charCodeAt(j);
      if (kinds[next] !== UnitKind.LetterOrDigit) break;
      h = Math.imul(h ^ next, FNV_PRIME);
      j++;
    }
    if (j === n || kinds[text.charCodeAt(j)] === UnitKind.End) {
      spans.push(TokenCode.Word, i, i, j, finishHash(h), j - i === 1 && isSingleLetter(text, i, j));
    } else {
      j = scanWord(text, i, false, TokenCode.Word, -1, spans);
    }
    i = j;
  }
  joinSpacedLetters(text, spans);
}

/**
 * The token (or character to skip) at `i` that is not a plain ASCII word: a URL, a word in another script or with
 * marks, a hashtag, a mention, an emoji. Pushes it and returns where scanning goes on.
 */
function scanFrom(text: string, i: number, unit: number, spans: TokenSpans): number {
  if (unit < Char.NonAscii && unit !== Char.Hash && unit !== Char.At) {
    const urlEnd = scanUrl(text, i);
    if (urlEnd > i) {
      spans.push(TokenCode.Url, i, i, urlEnd, 0);
      return urlEnd;
    }
  } else {
    // Only a high surrogate starts a code point of two units.
    const cp = !isHighSurrogate(unit) ? unit : (text.codePointAt(i) as number);
    const cls = charClassOf(cp);
    if (cls === CharClass.Space || (cls === CharClass.Other && cp !== Char.Hash && cp !== Char.At)) return i + unitsOf(cp);
    if (cp === Char.Hash || cp === Char.At) {
      const end = scanWord(text, i + 1, true, cp === Char.Hash ? TokenCode.Hashtag : TokenCode.Mention, i, spans);
      return Math.max(end, i + 1);
    }
    if (cls === CharClass.Pictograph) {
      const end = scanEmoji(text, i);
      spans.push(TokenCode.Emoji, i, i, end, 0);
      return end;
    }
  }
  // A word (a URL starts with ASCII h or w, tried above).
  const end = scanWord(text, i, false, TokenCode.Word, -1, spans);
  return Math.max(end, i + 1);
}

/**
 * Pushes the word scanned over `[from, end)`, whose code units hash to the FNV state `scanned`, without invisible
 * characters at either end (a hashtag or mention starts at `tokenStart`, its `#`/`@`; a word at its first visible
 * character), if anything is left.
 */
function pushWord(text: string, spans: TokenSpans, kind: TokenCode, tokenStart: number, from: number, end: number, scanned: number): void {
  const kinds = UNIT_KINDS;
  if (end > from && (kinds[text.charCodeAt(from)] as number) < UnitKind.Invisible && (kinds[text.charCodeAt(end - 1)] as number) < UnitKind.Invisible) {
    // No invisible character (nor surrogate) at either end: nothing to trim, and the scanned hash covers the word.
    // A single letter has only marks or invisible characters after it: most words fail at their second unit.
    const second = end - from === 1 ? UnitKind.Mark : (kinds[text.charCodeAt(from + 1)] as number);
    const mayBeLetter = kind === TokenCode.Word && (second === UnitKind.Mark || second === UnitKind.Invisible || second === UnitKind.Special);
    spans.push(kind, tokenStart < 0 ? from : tokenStart, from, end, finishHash(scanned), mayBeLetter && isSingleLetter(text, from, end));
    return;
  }
  const rawStart = skipInvisible(text, from, end);
  const rawEnd = trimInvisibleEnd(text, rawStart, end);
  if (rawEnd <= rawStart) return;
  const hash = rawStart === from && rawEnd === end ? finishHash(scanned) : hashRange(text, rawStart, rawEnd);
  const mayBeLetter = rawEnd - rawStart === 1 || text.charCodeAt(rawStart + 1) >= Char.NonAscii; // isSingleLetter's own first test, without the call
  spans.push(kind, tokenStart < 0 ? rawStart : tokenStart, rawStart, rawEnd, hash, kind === TokenCode.Word && mayBeLetter && isSingleLetter(text, rawStart, rawEnd));
}

function isWordClass(cls: CharClass): boolean {
  return cls === CharClass.Letter || cls === CharClass.Mark || cls === CharClass.Digit || cls === CharClass.Invisible;
}

/**
 * Scans the word starting at `i` (hashtag and mention bodies also take `_`), hashing it on the way, and pushes it as a
 * token of `kind` (see {@link pushWord}); returns its end.
 */
function scanWord(text: string, i: number, tagBody: boolean, kind: TokenCode, tokenStart: number, spans: TokenSpans): number {
  const n = text.length;
  const kinds = UNIT_KINDS;
  let j = i;
  let h = FNV_OFFSET;
  while (j < n) {
    const unit = text.charCodeAt(j);
    let unitKind = kinds[unit] as number;
    if (unitKind === UnitKind.Unknown) unitKind = learnUnit(unit);
    if (unitKind < UnitKind.End) {
      h = Math.imul(h ^ unit, FNV_PRIME);
      j++;
      continue;
    }
    if (unitKind === UnitKind.End) break;
    // A joiner, `_`, or half of a surrogate pair: the rare cases, decided by code point and neighbours.
    if (unit < Char.NonAscii) {
      if (unit === Char.Underscore ? tagBody : j > i && j + 1 < n && joinsAround(text, j, unit)) {
        h = Math.imul(h ^ unit, FNV_PRIME);
        j++;
        continue;
      }
      break;
    }
    const cp = !isHighSurrogate(unit) ? unit : (text.codePointAt(j) as number);
    if (isWordClass(charClassOf(cp)) || (j > i && isJoiner(cp) && j + 1 < n && joinsAround(text, j, cp))) {
      h = Math.imul(h ^ unit, FNV_PRIME);
      if (cp > 0xffff) h = Math.imul(h ^ text.charCodeAt(j + 1), FNV_PRIME);
      j += unitsOf(cp);
      continue;
    }
    break;
  }
  pushWord(text, spans, kind, tokenStart, i, j, h);
  return j;
}

/**
 * How {@link scanWord} treats a UTF-16 code unit: the kinds below End continue a word; Special ones (joiners, `_`,
 * surrogates) are decided by code point and neighbours.
 */
const UnitKind = { Unknown: 0, LetterOrDigit: 1, Mark: 2, Invisible: 3, End: 4, Special: 5 } as const;
/**
 * Per code unit, its {@link UnitKind}, learnt on first sight from {@link charClassOf}: inside a word one table read per
 * character, whatever the script.
 */
const UNIT_KINDS = new Uint8Array(0x10000);
// ASCII is known from the start: scanTokens tells an ASCII word from a character to skip by this table alone.
for (let unit = 0; unit < Char.NonAscii; unit++) learnUnit(unit);

function learnUnit(unit: number): number {
  const cls = charClassOf(unit);
  let kind: number;
  if (unit === Char.Underscore || isJoiner(unit) || isSurrogate(unit)) kind = UnitKind.Special;
  else if (cls === CharClass.Letter || cls === CharClass.Digit) kind = UnitKind.LetterOrDigit;
  else if (cls === CharClass.Mark) kind = UnitKind.Mark;
  else if (cls === CharClass.Invisible) kind = UnitKind.Invisible;
  else kind = UnitKind.End;
  UNIT_KINDS[unit] = kind;
  return kind;
}

/** Apostrophes join letters (don't, it's); `,` `.` and narrow spaces join digits (20,000 · 20 000). */
function isJoiner(cp: number): boolean {
  return cp === Char.Apostrophe || cp === Char.RightSingleQuote || cp === Char.Comma || cp === Char.FullStop || cp === Char.NoBreakSpace || cp === Char.NarrowNoBreakSpace || cp === Char.ThinSpace || cp === Char.ArabicDecimalSeparator || cp === Char.ArabicThousandsSeparator;
}

function joinsAround(text: string, j: number, cp: number): boolean {
  const before = charClassOf(text.codePointAt(j - 1) as number);
  const after = charClassOf(text.codePointAt(j + 1) as number);
  if (cp === Char.Apostrophe || cp === Char.RightSingleQuote) return before === CharClass.Letter && after === CharClass.Letter;
  return before === CharClass.Digit && after === CharClass.Digit;
}

function skipInvisible(text: string, start: number, end: number): number {
  let s = start;
  while (s < end && isInvisibleUnit(text.charCodeAt(s))) s++;
  return s;
}

function trimInvisibleEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && isInvisibleUnit(text.charCodeAt(e - 1))) e--;
  return e;
}

function isInvisibleUnit(unit: number): boolean {
  return unit >= Char.NonAscii && charClassOf(unit) === CharClass.Invisible;
}

/** An emoji sequence: pictographs joined by ZWJ, with skin-tone modifiers, variation selectors and tag characters. */
function scanEmoji(text: string, i: number): number {
  const n = text.length;
  let j = i;
  while (j < n) {
    const cp = text.codePointAt(j) as number;
    const cls = charClassOf(cp);
    if (cls === CharClass.Pictograph || cp === Char.ZeroWidthJoiner || cp === Char.CombiningKeycap || (cls === CharClass.Invisible && cp !== Char.ZeroWidthSpace)) {
      j += unitsOf(cp);
      continue;
    }
    break;
  }
  return j;
}

/** End of a URL starting at `i` (`http://`, `https://` or `www.`, any case), or `i` when none starts there. */
function scanUrl(text: string, i: number): number {
  const c = text.charCodeAt(i) | ASCII_CASE_BIT;
  if (c === Char.LowerW) {
    if (!isAsciiAt(text, i, 'www.')) return i;
  } else if (c !== Char.LowerH || !isAsciiAt(text, i, 'http') || !(isAsciiAt(text, i + 4, '://') || isAsciiAt(text, i + 4, 's://'))) {
    return i;
  }
  const limit = Math.min(text.length, i + MAX_URL_CHARS);
  let j = i;
  while (j < limit) {
    const cp = text.charCodeAt(j);
    if (cp <= Char.Space || cp === Char.LessThan || cp === Char.GreaterThan || cp === Char.Quote || charClassOf(cp) === CharClass.Space) break;
    j++;
  }
  while (j > i && isTrailingUrlPunctuation(text.charCodeAt(j - 1))) j--;
  return j - i > 4 ? j : i;
}

/** True when `text` at `at` spells `lower` (ASCII, lower case) in any case; letters compare case-blind. */
function isAsciiAt(text: string, at: number, lower: string): boolean {
  if (at + lower.length > text.length) return false;
  for (let k = 0; k < lower.length; k++) {
    const want = lower.charCodeAt(k);
    const got = text.charCodeAt(at + k);
    if (got !== want && !(want >= 0x61 && want <= 0x7a && got === want - ASCII_CASE_BIT)) return false;
  }
  return true;
}

/** . , ; : ! ? ) ] } ' » ” ’ … */
function isTrailingUrlPunctuation(cp: number): boolean {
  return (
    cp === Char.FullStop || cp === Char.Comma || cp === Char.Semicolon || cp === Char.Colon || cp === Char.Exclamation || cp === Char.Question || cp === Char.RightParen || cp === Char.RightBracket ||
    cp === Char.RightBrace || cp === Char.Apostrophe || cp === Char.RightGuillemet || cp === Char.RightDoubleQuote || cp === Char.RightSingleQuote || cp === Char.Ellipsis
  );
}

