/**
 * Inflectional endings a bare query word may take: `barn` matches barnen, `familjehem` familjehemmen (doubled
 * consonant), `kidnap` kidnapped. Endings, not stems, because stemmers over-reach (Swedish `våldtas` and `våld`
 * share the stem `våld`) and an admin must be able to predict what a word matches.
 */
export type InflectionLang = 'sv' | 'en' | 'any';

const SV_ENDINGS = [
  's', 'a', 'e', 'n', 't', 'r', 'en', 'et', 'er', 'ar', 'or', 'na', 'ne', 'ad', 'at', 'de', 'te', 'da', 'ts', 'ns',
  'es', 'rs', 'ade', 'are', 'ast', 'aste', 'arna', 'erna', 'orna', 'ande', 'ende', 'ens', 'ets', 'ers', 'ars', 'ors',
  'nas', 'ades', 'arnas', 'ernas', 'ornas', 'andes', 'ares', 'ene',
];
const EN_ENDINGS = ['s', 'es', 'ed', 'd', 'ing', 'ings', 'er', 'ers', 'en', 'n', 'ies', 'ied'];

const ENDINGS: Record<InflectionLang, ReadonlySet<string>> = {
  sv: new Set(SV_ENDINGS),
  en: new Set(EN_ENDINGS),
  any: new Set([...SV_ENDINGS, ...EN_ENDINGS]),
};

/** Longest ending of any language, bounding the work per check. */
export const MAX_ENDING_LENGTH = 5;

/** Bases shorter than this only match exactly: `ta` must not match `tal` or `tar`. */
export const MIN_INFLECTED_BASE = 3;

/** True when `word` is `base` plus one inflectional ending of `lang` (a doubled final consonant allowed). */
export function isInflectionOf(word: string, base: string, lang: InflectionLang): boolean {
  if (base.length < MIN_INFLECTED_BASE || word.length <= base.length || !word.startsWith(base)) return false;
  const endings = ENDINGS[lang];
  if (endings.has(word.slice(base.length))) return true;
  const last = base[base.length - 1] as string;
  return word[base.length] === last && !VOWELS.has(last) && endings.has(word.slice(base.length + 1));
}

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y', 'å', 'ä', 'ö']);

/** Bases `word` may be an inflection of (the word minus each ending that fits), for reverse look-ups in a word set. */
export function inflectionBases(word: string, lang: InflectionLang): string[] {
  const bases: string[] = [];
  const endings = ENDINGS[lang];
  for (let len = 1; len <= MAX_ENDING_LENGTH && word.length - len >= MIN_INFLECTED_BASE; len++) {
    if (!endings.has(word.slice(word.length - len))) continue;
    const base = word.slice(0, word.length - len);
    bases.push(base);
    const last = base[base.length - 1] as string;
    if (base.length - 1 >= MIN_INFLECTED_BASE && base[base.length - 2] === last && !VOWELS.has(last)) bases.push(base.slice(0, -1));
  }
  return bases;
}
