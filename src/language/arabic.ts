/**
 * Light clitic stripping for normalised Arabic words, in the spirit of Larkey's light10 stemmer: the conjunctions
 * و/ف, the article with its prepositions (ال، بال، لل…) and pronoun, plural or verb-object suffixes, so that
 * «وأطفالنا», «الأطفال» and «أطفال» share the core «اطفال». Queries compare cores; it is not a root extractor.
 *
 * A bare leading و/ف is often a root letter, not a conjunction («فجروه» is fajjarūhu, "blow it up", not ف + «جروه»;
 * «فكره», «وطنه», «ولدي»). It is taken for a conjunction only when what is left still reads as a word with the same
 * clitics: at least three letters, and no longer suffix lost by removing it (issue 15).
 */
export function arabicCore(norm: string): string {
  let word = norm;
  if (word.length >= 5 && isConjunction(word[0]) && startsWithArticle(word.slice(1))) {
    word = word.slice(1);
  }
  for (const prefix of ARTICLE_PREFIXES) {
    if (word.length - prefix.length >= 2 && word.startsWith(prefix)) {
      word = word.slice(prefix.length);
      break;
    }
  }
  const whole = stripSuffix(word);
  if (word !== norm || word.length < 4 || !isConjunction(word[0]) || hasRadicalInitial(word)) return whole.stem;
  const bare = stripSuffix(word.slice(1));
  return bare.stem.length >= MIN_STEM && bare.suffixLength >= whole.suffixLength ? bare.stem : whole.stem;
}

const MIN_STEM = 3;

const ARTICLE_PREFIXES = ['\u0628\u0627\u0644', '\u0643\u0627\u0644', '\u0641\u0627\u0644', '\u0648\u0627\u0644', '\u0644\u0644', '\u0627\u0644'];

function isConjunction(letter: string | undefined): boolean {
  return letter === '\u0648' || letter === '\u0641';
}

function startsWithArticle(word: string): boolean {
  return ARTICLE_PREFIXES.some((prefix) => word.startsWith(prefix));
}

// Longest first: وهم before هم, هما before ها, ون before ن. وه/وها/وهم/وا are verb endings (plural + object).
const SUFFIXES = [
  '\u0648\u0647\u0645', // وهم
  '\u0648\u0647\u0627', // وها
  '\u0647\u0645\u0627', // هما
  '\u0643\u0645\u0627', // كما
  '\u0648\u0647', // وه
  '\u0648\u0627', // وا
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

/** The word without its longest suffix that leaves a stem of three letters, and how long that suffix was. */
function stripSuffix(word: string): { stem: string; suffixLength: number } {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= MIN_STEM && word.endsWith(suffix)) return { stem: word.slice(0, -suffix.length), suffixLength: suffix.length };
  }
  return { stem: word, suffixLength: 0 };
}

/**
 * Common words whose first و/ف is a root letter and whose rest would still pass for a word («فجرت» is not ف + «جرت»,
 * «وزير» not و + «زير», «ولاد» not و + «لاد»). The suffix rule above settles most others.
 */
const RADICAL_INITIAL = ['فجر', 'فضح', 'فضيح', 'فلسطين', 'فلوس', 'فيديو', 'فيسبوك', 'فرنس', 'وزير', 'وزار', 'واجب', 'واحد', 'ولاد', 'ولد', 'وحش', 'وسخ'];

function hasRadicalInitial(word: string): boolean {
  return RADICAL_INITIAL.some((stem) => word.startsWith(stem));
}

/** True when the word contains an Arabic letter. */
export function hasArabicLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const cp = word.charCodeAt(i);
    if (cp >= 0x620 && cp <= 0x6ff) return true;
  }
  return false;
}
