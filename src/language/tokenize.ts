import { CharClass, charClassOf } from './char-classes.js';

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
  const tokens: RawToken[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (tokens.length >= maxTokens) return { tokens: joinSpacedLetters(text, tokens), complete: false };
    const cp = text.codePointAt(i) as number;
    const cls = charClassOf(cp);
    if (cls === CharClass.Space || (cls === CharClass.Other && cp !== 0x23 && cp !== 0x40)) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (cp === 0x23 || cp === 0x40) {
      const end = scanWord(text, i + 1, true);
      const body = trimInvisible(text, i + 1, end);
      if (body.end > body.start) tokens.push({ kind: cp === 0x23 ? 'hashtag' : 'mention', start: i, end: body.end, raw: text.slice(body.start, body.end) });
      i = Math.max(end, i + 1);
      continue;
    }
    if (cls === CharClass.Pictograph) {
      const end = scanEmoji(text, i);
      tokens.push({ kind: 'emoji', start: i, end, raw: text.slice(i, end) });
      i = end;
      continue;
    }
    const urlEnd = scanUrl(text, i);
    if (urlEnd > i) {
      tokens.push({ kind: 'url', start: i, end: urlEnd, raw: text.slice(i, urlEnd) });
      i = urlEnd;
      continue;
    }
    const end = scanWord(text, i, false);
    const word = trimInvisible(text, i, end);
    if (word.end > word.start) tokens.push({ kind: 'word', start: word.start, end: word.end, raw: text.slice(word.start, word.end) });
    i = Math.max(end, i + 1);
  }
  return { tokens: joinSpacedLetters(text, tokens), complete: true };
}

function isWordClass(cls: CharClass): boolean {
  return cls === CharClass.Letter || cls === CharClass.Mark || cls === CharClass.Digit || cls === CharClass.Invisible;
}

/** End of the word starting at `i`; hashtag and mention bodies also take `_`. */
function scanWord(text: string, i: number, tagBody: boolean): number {
  const n = text.length;
  let j = i;
  while (j < n) {
    const cp = text.codePointAt(j) as number;
    const cls = charClassOf(cp);
    if (isWordClass(cls) || (tagBody && cp === 0x5f)) {
      j += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (j > i && isJoiner(cp) && j + 1 < n && joinsAround(text, j, cp)) {
      j += 1;
      continue;
    }
    break;
  }
  return j;
}

/** Apostrophes join letters (don't, it's); `,` `.` and narrow spaces join digits (20,000 · 20 000). */
function isJoiner(cp: number): boolean {
  return cp === 0x27 || cp === 0x2019 || cp === 0x2c || cp === 0x2e || cp === 0xa0 || cp === 0x202f || cp === 0x2009 || cp === 0x66b || cp === 0x66c;
}

function joinsAround(text: string, j: number, cp: number): boolean {
  const before = charClassOf(text.codePointAt(j - 1) as number);
  const after = charClassOf(text.codePointAt(j + 1) as number);
  if (cp === 0x27 || cp === 0x2019) return before === CharClass.Letter && after === CharClass.Letter;
  return before === CharClass.Digit && after === CharClass.Digit;
}

function trimInvisible(text: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && charClassOf(text.charCodeAt(s)) === CharClass.Invisible) s++;
  while (e > s && charClassOf(text.charCodeAt(e - 1)) === CharClass.Invisible) e--;
  return { start: s, end: e };
}

/** An emoji sequence: pictographs joined by ZWJ, with skin-tone modifiers, variation selectors and tag characters. */
function scanEmoji(text: string, i: number): number {
  const n = text.length;
  let j = i;
  while (j < n) {
    const cp = text.codePointAt(j) as number;
    const cls = charClassOf(cp);
    if (cls === CharClass.Pictograph || cp === 0x200d || cp === 0x20e3 || (cls === CharClass.Invisible && cp !== 0x200b)) {
      j += cp > 0xffff ? 2 : 1;
      continue;
    }
    break;
  }
  return j;
}

function scanUrl(text: string, i: number): number {
  const c = text.charCodeAt(i) | 0x20;
  if (c !== 0x68 && c !== 0x77) return i;
  const head = text.slice(i, i + 8).toLowerCase();
  if (!head.startsWith('http://') && !head.startsWith('https://') && !head.startsWith('www.')) return i;
  const limit = Math.min(text.length, i + MAX_URL_CHARS);
  let j = i;
  while (j < limit) {
    const cp = text.charCodeAt(j);
    if (cp <= 0x20 || cp === 0x3c || cp === 0x3e || cp === 0x22 || charClassOf(cp) === CharClass.Space) break;
    j++;
  }
  while (j > i && TRAILING_URL_PUNCTUATION.has(text[j - 1] as string)) j--;
  return j - i > 4 ? j : i;
}

const TRAILING_URL_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', ')', ']', '}', "'", '»', '”', '’', '…']);

const SPACED_SEPARATORS = new Set([' ', '.', '-', '_', '*', '·']);
const MIN_SPACED_RUN = 3;

/** Joins `b r ä n n a` or `s.o.c` (3+ single letters, one identical separator between each) into one word. */
function joinSpacedLetters(text: string, tokens: RawToken[]): RawToken[] {
  let k = 0;
  while (k < tokens.length && !isSingleLetter(tokens[k] as RawToken)) k++;
  if (k === tokens.length) return tokens;
  const out: RawToken[] = tokens.slice(0, k);
  while (k < tokens.length) {
    const first = tokens[k] as RawToken;
    let last = k;
    if (isSingleLetter(first)) {
      const separator = text[first.end];
      while (
        last + 1 < tokens.length &&
        isSingleLetter(tokens[last + 1] as RawToken) &&
        separator !== undefined &&
        SPACED_SEPARATORS.has(separator) &&
        (tokens[last + 1] as RawToken).start === (tokens[last] as RawToken).end + 1 &&
        text[(tokens[last] as RawToken).end] === separator
      ) {
        last++;
      }
    }
    if (last + 1 - k >= MIN_SPACED_RUN) {
      const run = tokens.slice(k, last + 1);
      out.push({ kind: 'word', start: first.start, end: (tokens[last] as RawToken).end, raw: run.map((t) => t.raw).join('') });
    } else {
      for (let m = k; m <= last; m++) out.push(tokens[m] as RawToken);
    }
    k = last + 1;
  }
  return out;
}

function isSingleLetter(token: RawToken): boolean {
  if (token.kind !== 'word') return false;
  const cp = token.raw.codePointAt(0) as number;
  const size = cp > 0xffff ? 2 : 1;
  if (charClassOf(cp) !== CharClass.Letter) return false;
  for (let i = size; i < token.raw.length; i++) {
    const cls = charClassOf(token.raw.charCodeAt(i));
    if (cls !== CharClass.Mark && cls !== CharClass.Invisible) return false;
  }
  return true;
}
