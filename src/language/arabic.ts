/**
 * Light clitic stripping for normalised Arabic words, in the spirit of Larkey's light10 stemmer: the conjunctions
 * و/ف, the article with its prepositions (ال، بال، لل…) and pronoun or plural suffixes, so that «وأطفالنا»,
 * «الأطفال» and «أطفال» share the core «اطفال». Queries compare cores; it is not a root extractor.
 */
export function arabicCore(norm: string): string {
  let word = norm;
  if (word.length >= 5 && (word[0] === '\u0648' || word[0] === '\u0641') && startsWithArticle(word.slice(1))) {
    word = word.slice(1);
  }
  for (const prefix of ARTICLE_PREFIXES) {
    if (word.length - prefix.length >= 2 && word.startsWith(prefix)) {
      word = word.slice(prefix.length);
      break;
    }
  }
  if (word === norm && word.length >= 4 && (word[0] === '\u0648' || word[0] === '\u0641')) word = word.slice(1);
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 3 && word.endsWith(suffix)) {
      word = word.slice(0, -suffix.length);
      break;
    }
  }
  return word;
}

const ARTICLE_PREFIXES = ['\u0628\u0627\u0644', '\u0643\u0627\u0644', '\u0641\u0627\u0644', '\u0648\u0627\u0644', '\u0644\u0644', '\u0627\u0644'];

function startsWithArticle(word: string): boolean {
  return ARTICLE_PREFIXES.some((prefix) => word.startsWith(prefix));
}

// Longest first: هما before ها, ون before ن.
const SUFFIXES = [
  '\u0647\u0645\u0627', // هما
  '\u0643\u0645\u0627', // كما
  '\u0647\u0645', // هم
  '\u0647\u0646', // هن
  '\u0643\u0645', // كم
  '\u0646\u0627', // نا
  '\u0647\u0627', // ها
  '\u0627\u062a', // ات
  '\u0648\u0646', // ون
  '\u064a\u0646', // ين
  '\u0627\u0646', // ان
  '\u0647', // ه (also the folded teh marbuta)
  '\u064a', // ي
  '\u0643', // ك
];

/** True when the word contains an Arabic letter. */
export function hasArabicLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const cp = word.charCodeAt(i);
    if (cp >= 0x620 && cp <= 0x6ff) return true;
  }
  return false;
}
