import type { Script } from './types.js';

/** Character classes the tokeniser needs, computed once per code point and remembered. */
export const CharClass = {
  Other: 0,
  Letter: 1,
  Mark: 2,
  Digit: 3,
  Pictograph: 4,
  /** Zero-width characters, bidi marks and overrides, BOM, soft hyphen, variation selectors: invisible, skipped. */
  Invisible: 5,
  Space: 6,
} as const;
export type CharClass = (typeof CharClass)[keyof typeof CharClass];

const UNKNOWN = 255;
const bmpClasses = new Uint8Array(0x10000).fill(UNKNOWN);
const astralClasses = new Map<number, CharClass>();

const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;
const DIGIT = /\p{Nd}/u;
const PICTOGRAPH = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}/u;
const SPACE = /\s/u;

/** Class of one code point; the regexes run once per distinct code point, later calls are a table read. */
export function charClassOf(cp: number): CharClass {
  if (cp < 0x10000) {
    const known = bmpClasses[cp] as number;
    if (known !== UNKNOWN) return known as CharClass;
    const computed = computeClass(cp);
    bmpClasses[cp] = computed;
    return computed;
  }
  let known = astralClasses.get(cp);
  if (known === undefined) {
    known = computeClass(cp);
    if (astralClasses.size < 50_000) astralClasses.set(cp, known);
  }
  return known;
}

function computeClass(cp: number): CharClass {
  if (isInvisible(cp)) return CharClass.Invisible;
  const ch = String.fromCodePoint(cp);
  // Digits 0-9, # and * are emoji components only inside keycap sequences; treat them as text.
  if (cp >= 0x80 && PICTOGRAPH.test(ch)) return CharClass.Pictograph;
  if (LETTER.test(ch)) return CharClass.Letter;
  if (MARK.test(ch)) return CharClass.Mark;
  if (DIGIT.test(ch)) return CharClass.Digit;
  if (SPACE.test(ch)) return CharClass.Space;
  return CharClass.Other;
}

/** Invisible characters that spammers put inside keywords (`kid\u200dnap`) and that never change a word's meaning. */
export function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0000 && cp <= 0xe007f) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x034f ||
    cp === 0x061c ||
    cp === 0x180e
  );
}

/** Script of a letter, by Unicode block. */
export function scriptOf(cp: number): Script {
  if (cp < 0x250) return cp < 0x41 ? 'other' : 'latin';
  if (cp >= 0x1e00 && cp <= 0x1eff) return 'latin';
  if (cp >= 0xff21 && cp <= 0xff5a) return 'latin';
  if (cp >= 0x370 && cp <= 0x3ff) return 'greek';
  if (cp >= 0x400 && cp <= 0x52f) return 'cyrillic';
  if (
    (cp >= 0x600 && cp <= 0x6ff) ||
    (cp >= 0x750 && cp <= 0x77f) ||
    (cp >= 0x8a0 && cp <= 0x8ff) ||
    (cp >= 0xfb50 && cp <= 0xfdff) ||
    (cp >= 0xfe70 && cp <= 0xfeff)
  ) {
    return 'arabic';
  }
  return 'other';
}

/** The dominant script of an already normalised word (letters only; digits and marks do not vote). */
export function dominantScript(word: string): Script {
  let latin = 0;
  let arabic = 0;
  let other = 0;
  for (let i = 0; i < word.length; i++) {
    const cp = word.charCodeAt(i);
    if (cp < 0x80) {
      if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) latin++;
      continue;
    }
    if (charClassOf(cp) !== CharClass.Letter) continue;
    const script = scriptOf(cp);
    if (script === 'latin') latin++;
    else if (script === 'arabic') arabic++;
    else other++;
  }
  if (latin === 0 && arabic === 0 && other === 0) return 'other';
  if (arabic >= latin && arabic >= other) return 'arabic';
  if (latin >= other) return 'latin';
  return scriptOfFirstOther(word);
}

function scriptOfFirstOther(word: string): Script {
  for (const ch of word) {
    const script = scriptOf(ch.codePointAt(0) as number);
    if (script !== 'latin' && script !== 'arabic' && script !== 'other') return script;
  }
  return 'other';
}
