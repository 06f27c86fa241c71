import { scriptOf } from './char-classes.js';

/**
 * Lower-case Cyrillic and Greek letters that look like a Latin letter (after case folding, so upper-case look-alikes
 * such as Cyrillic Н or Т map through their lower-case forms). Spammers mix them into words to dodge keyword filters.
 */
const LOOKALIKES: Record<string, string> = {
  'а': 'a',
  'в': 'b',
  'е': 'e',
  'ё': 'e',
  'к': 'k',
  'м': 'm',
  'н': 'h',
  'о': 'o',
  'р': 'p',
  'с': 'c',
  'т': 't',
  'у': 'y',
  'х': 'x',
  'і': 'i',
  'ї': 'i',
  'ј': 'j',
  'ѕ': 's',
  'һ': 'h',
  'ԁ': 'd',
  'ԛ': 'q',
  'ԝ': 'w',
  'ӏ': 'l',
  'ѵ': 'v',
  'α': 'a',
  'β': 'b',
  'ε': 'e',
  'ι': 'i',
  'κ': 'k',
  'ν': 'v',
  'ο': 'o',
  'ρ': 'p',
  'τ': 't',
  'υ': 'u',
  'χ': 'x',
  'ζ': 'z',
  'ɑ': 'a',
  'ɡ': 'g',
};

/**
 * Folds look-alike letters to Latin when the word is mostly Latin (more Latin letters than non-look-alike foreign
 * ones), or made only of look-alikes mixed with Latin. A genuinely Cyrillic or Greek word is left alone.
 */
export function foldHomoglyphs(word: string): string {
  let latin = 0;
  let lookalike = 0;
  let foreign = 0;
  for (const ch of word) {
    const script = scriptOf(ch.codePointAt(0) as number);
    if (script === 'latin') latin++;
    else if (LOOKALIKES[ch] !== undefined) lookalike++;
    else if (script === 'cyrillic' || script === 'greek') foreign++;
  }
  if (lookalike === 0 || latin === 0 || latin <= foreign) return word;
  let out = '';
  for (const ch of word) out += LOOKALIKES[ch] ?? ch;
  return out;
}
