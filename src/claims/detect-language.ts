/** The languages claims are ranked in. */
export type ClaimLang = 'en' | 'sv' | 'ar';

/**
 * The language used for the Latin-script words of a text: Swedish when Swedish cue words or å/ä/ö outweigh English
 * cue words, else English. Arabic-script words are always handled as Arabic, so mixed posts need no single answer.
 * Returns 'ar' when the text is mostly Arabic script.
 */
export function detectClaimLanguage(text: string): ClaimLang {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  if (isMostlyArabic(sample)) return 'ar';
  let sv = SWEDISH_LETTER.test(sample) ? 2 : 0;
  let en = 0;
  for (const word of sample.toLowerCase().match(LATIN_WORD) ?? []) {
    if (SWEDISH_CUES.has(word)) sv++;
    else if (ENGLISH_CUES.has(word)) en++;
  }
  return sv > en ? 'sv' : 'en';
}

const SAMPLE_CHARS = 2_000;
const SWEDISH_LETTER = /[åäöÅÄÖ]/u;
const LATIN_WORD = /[a-z\u00c0-\u024f]+/gu;

const SWEDISH_CUES = wordSet(`och att det som är för på inte med av den har jag till en ett om de barn barnen familjen
  familjer socialen soc socialtjänsten kommun kommunen sverige svenska muslimska lvu hur vad när också eller efter finns
  ska kan vi ni`);
const ENGLISH_CUES = wordSet(`the and is are of to in that it for on with as was this be by not have from at they you he
  she his her an or what which children social services sweden`);

function wordSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/u));
}

function isMostlyArabic(text: string): boolean {
  let arabic = 0;
  let latin = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x0620 && c <= 0x064a) || (c >= 0x0671 && c <= 0x06d3)) arabic++;
    else if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) latin++;
    else if (c >= 0xc0 && c <= 0x24f) latin++;
  }
  return arabic > latin;
}
