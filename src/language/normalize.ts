import { CharClass, charClassOf, isInvisible } from './char-classes.js';
import { foldHomoglyphs } from './homoglyphs.js';

/**
 * The normalised form of one word, the form queries and similarity compare: NFKC (fullwidth and ligatures folded),
 * case-folded, invisible characters removed, diacritics removed except Swedish å/ä/ö (distinct letters, not accented
 * a/o), Arabic tashkeel/tatweel removed with alef, yeh, teh marbuta, waw/yeh hamza unified, Arabic-Indic digits made
 * ASCII, apostrophes dropped, and Cyrillic/Greek look-alikes folded to Latin inside a mostly Latin word.
 */
export function normalizeWord(raw: string): string {
  if (isPlainAscii(raw)) return lowerAscii(raw);
  let out = removeInvisible(raw).normalize('NFKC').toLowerCase();
  out = stripMarks(out);
  out = foldSpecialLetters(out);
  return foldHomoglyphs(out);
}

/** The text without zero-width characters, bidi controls, BOM and soft hyphens (used to break up keywords). */
export function removeInvisible(text: string): string {
  let out = '';
  for (const ch of text) {
    if (!isInvisible(ch.codePointAt(0) as number)) out += ch;
  }
  return out;
}

function isPlainAscii(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const cp = raw.charCodeAt(i);
    if (cp >= 0x80 || cp === 0x27 || cp === 0x60) return false;
  }
  return true;
}

function lowerAscii(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const cp = raw.charCodeAt(i);
    if (cp >= 0x41 && cp <= 0x5a) return raw.toLowerCase();
  }
  return raw;
}

const RING_ABOVE = 0x030a;
const DIAERESIS = 0x0308;

/** Drops combining marks (accents, Arabic tashkeel and hamza/madda on alef, waw, yeh) but keeps å, ä and ö. */
function stripMarks(word: string): string {
  const decomposed = word.normalize('NFD');
  let out = '';
  let changed = false;
  for (let i = 0; i < decomposed.length; i++) {
    const cp = decomposed.charCodeAt(i);
    if (cp < 0x300 || charClassOf(cp) !== CharClass.Mark) {
      out += decomposed[i];
      continue;
    }
    const base = decomposed[i - 1];
    if ((cp === RING_ABOVE && base === 'a') || (cp === DIAERESIS && (base === 'a' || base === 'o'))) {
      out += decomposed[i];
      continue;
    }
    changed = true;
  }
  return changed || out !== word ? out.normalize('NFC') : word;
}

const LETTER_FOLD: Record<string, string> = {
  'ß': 'ss',
  'ø': 'ö',
  'æ': 'ä',
  'ı': 'i',
  '\u2019': '',
  '\u2018': '',
  "'": '',
  '`': '',
  '\u02bc': '',
  '\u0640': '', // tatweel
  '\u0649': '\u064a', // alef maksura → yeh
  '\u0629': '\u0647', // teh marbuta → heh
  '\u0671': '\u0627', // alef wasla → alef
  '\u06cc': '\u064a', // Farsi yeh → yeh
  '\u06a9': '\u0643', // keheh → kaf
  '\u066b': '', // Arabic decimal separator
  '\u066c': '', // Arabic thousands separator
  ...digitFold(0x0660),
  ...digitFold(0x06f0),
};

function digitFold(zero: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let d = 0; d < 10; d++) out[String.fromCharCode(zero + d)] = String(d);
  return out;
}

function foldSpecialLetters(word: string): string {
  let out = '';
  let changed = false;
  for (const ch of word) {
    const folded = LETTER_FOLD[ch];
    if (folded === undefined) {
      out += ch;
    } else {
      out += folded;
      changed = true;
    }
  }
  return changed ? out : word;
}

/** A number's normalised form: its ASCII digits without thousands separators (`20 000`, `20,000` → `20000`). */
export function normalizeNumber(raw: string): string {
  const word = normalizeWord(raw);
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const cp = word.charCodeAt(i);
    if (cp >= 0x30 && cp <= 0x39) out += word[i];
    else if (cp !== 0x2c && cp !== 0x2e && cp !== 0x20 && cp !== 0xa0 && cp !== 0x202f && cp !== 0x2009) out += word[i];
  }
  return out;
}
