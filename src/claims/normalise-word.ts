/**
 * Normalisation of one word for claim retrieval: case-folded, compatibility-folded (NFKC), diacritics removed except
 * the Swedish å/ä/ö (which are distinct letters, not accented a/o), Arabic tashkeel and tatweel removed and the
 * alef/yeh/teh-marbuta variants unified, Arabic-Indic digits made ASCII, and Cyrillic look-alikes inside Latin words
 * (homoglyph spoofing such as a Cyrillic "а" in "socialtjänsten") mapped back to Latin.
 */
export function normaliseWord(word: string): string {
  let out = word.normalize('NFKC').toLowerCase().replace(INVISIBLE, '');
  if (NON_ASCII.test(out)) {
    out = stripMarks(out).replace(ARABIC_VARIANT, (ch) => ARABIC_FOLD[ch] ?? '');
    if (CYRILLIC.test(out) && LATIN.test(out)) out = out.replace(CYRILLIC_LOOKALIKE, (ch) => LOOKALIKE_FOLD[ch] ?? ch);
  }
  return out;
}

/** Zero-width characters, bidi controls, BOM and soft hyphen: invisible, used to break up keywords. */
export const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

const NON_ASCII = /[^\u0000-\u007f]/u;
const CYRILLIC = /[\u0400-\u04ff]/u;
const LATIN = /[a-z]/u;

const RING_ABOVE = '\u030a';
const DIAERESIS = '\u0308';

/** Drops combining marks (accents, Arabic tashkeel, hamza/madda on alef) but keeps å, ä, ö. */
function stripMarks(word: string): string {
  const decomposed = word.normalize('NFD');
  let out = '';
  for (let i = 0; i < decomposed.length; i++) {
    const ch = decomposed[i] as string;
    if (!COMBINING.test(ch)) {
      out += ch;
      continue;
    }
    const base = decomposed[i - 1];
    if ((ch === RING_ABOVE && base === 'a') || (ch === DIAERESIS && (base === 'a' || base === 'o'))) out += ch;
  }
  return out.normalize('NFC');
}

const COMBINING = /\p{Mn}/u;

const ARABIC_VARIANT = /[\u0640\u0649\u0629\u0671\u0660-\u0669\u06f0-\u06f9]/gu;

const ARABIC_FOLD: Record<string, string> = {
  '\u0640': '', // tatweel
  '\u0649': '\u064a', // alef maksura → yeh
  '\u0629': '\u0647', // teh marbuta → heh
  '\u0671': '\u0627', // alef wasla → alef
  ...digitFold(0x0660),
  ...digitFold(0x06f0),
};

function digitFold(zero: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let d = 0; d < 10; d++) out[String.fromCharCode(zero + d)] = String(d);
  return out;
}

const CYRILLIC_LOOKALIKE = /[аеорсухіјѕԁӏ]/gu;

const LOOKALIKE_FOLD: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ӏ: 'l',
};
