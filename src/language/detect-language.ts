import { franc } from 'franc';
import { BoundedCache } from './bounded-cache.js';
import { CharClass, charClassOf, scriptOf } from './char-classes.js';
import { EN_FUNCTION_WORDS, SV_FUNCTION_WORDS } from './common-words.js';
import { normalizeWord } from './normalize.js';
import { tokenize } from './tokenize.js';
import type { Lang } from './types.js';

// Function words, the commonest words of the domain (so that "socialen kidnappar barn i hela landet" is Swedish) and
// everyday words neither language shares with the other, so that a short post without function words ("City won 4-3
// last night") is told without franc, which is slower than the rest of the analysis together and less sure on so few
// words.
const SV_CUES = new Set([
  ...SV_FUNCTION_WORDS,
  ...'barn barnen soc socialen socialtjänsten sverige svenska kommunen föräldrar familjer familjen landet hela'.split(' '),
  ...'dag dagen kväll ikväll morgon natt vecka veckan helgen året tid folk människor bra ny nya gamla stor stora liten tack hej grattis äntligen läs nyheter vilken vilket'.split(' '),
]);
const EN_CUES = new Set([
  ...EN_FUNCTION_WORDS,
  ...'children kids sweden swedish social services parents families'.split(' '),
  ...'last next night morning evening today tonight yesterday weekend week year years people new old good great best won win lost played finally really thanks thank please love happy news update'.split(' '),
]);
// Swedish cue words that are also everyday English words or names ("Muslim Man Slaps Christian Woman", "Mitt
// Romney", "Three Wise Men", "Bra Ball Petition", "NY Subway"). In a post they are outvoted by the rest; in a short
// English claim title one of them is the only cue. Only callers that ask (DetectLanguageOptions) leave them out.
const SV_CUES_ALSO_ENGLISH: ReadonlySet<string> = new Set('man men mitt bra ny sig dig dem er era hen sin tar den folk mot barn sa'.split(' '));
// German is the campaign's next language after Arabic, Swedish and English, and shares ä/ö and "den" with Swedish.
const DE_CUES = new Set(
  'der die das und nicht ist sind ein eine einen mit von zu dem auf für sich auch wird werden wurde kinder eltern familie familien schweden jugendamt'.split(' '),
);

/** Letters looked at to decide the script; enough for any post, bounded for a 1 MB one. */
const SCRIPT_SAMPLE_CHARS = 4000;
/** Words whose votes count: enough for any post, bounded for a 1 MB one. */
export const CUE_SAMPLE_WORDS = 300;

// Norwegian, Danish and Nynorsk are left out on purpose: franc calls short Swedish posts Norwegian.
const LATIN_CANDIDATES = ['swe', 'eng', 'deu', 'fra', 'spa', 'tur', 'ita', 'por', 'nld', 'pol', 'fin', 'som'];
const CYRILLIC_CANDIDATES = ['rus', 'ukr', 'bul', 'srp'];

const ISO_639_1: Record<string, string> = {
  swe: 'sv', eng: 'en', deu: 'de', fra: 'fr', spa: 'es', tur: 'tr', ita: 'it', por: 'pt', nld: 'nl', pol: 'pl',
  fin: 'fi', som: 'so', rus: 'ru', ukr: 'uk', bul: 'bg', srp: 'sr',
};

/** What one normalised word says about the language; the analyzer computes it once per distinct word. */
export interface WordVote {
  arabic: number;
  latin: number;
  cyrillic: number;
  /** Swedish evidence: a cue word (1) and the letters å (1) or ä/ö (0.5). */
  sv: number;
  en: number;
  de: number;
}

/**
 * One word's vote. With `lookalikesVote` false, the Swedish cue words spelt like English words or names (see
 * {@link SV_CUES_ALSO_ENGLISH}) do not vote Swedish.
 */
export function voteOf(norm: string, lookalikesVote = true): WordVote {
  const svCue = SV_CUES.has(norm) && (lookalikesVote || !SV_CUES_ALSO_ENGLISH.has(norm));
  const vote: WordVote = { arabic: 0, latin: 0, cyrillic: 0, sv: (svCue ? 1 : 0) + swedishLetterScore(norm), en: EN_CUES.has(norm) ? 1 : 0, de: DE_CUES.has(norm) ? 1 : 0 };
  for (let i = 0; i < norm.length; i++) {
    const cp = norm.charCodeAt(i);
    if (cp < 0x80) {
      if (cp >= 0x61 && cp <= 0x7a) vote.latin++;
      continue;
    }
    if (charClassOf(cp) !== CharClass.Letter) continue;
    const script = scriptOf(cp);
    if (script === 'arabic') vote.arabic++;
    else if (script === 'latin') vote.latin++;
    else if (script === 'cyrillic') vote.cyrillic++;
  }
  return vote;
}

/** A zero total, to add the votes of a post's words to. */
export function emptyVotes(): WordVote {
  return { arabic: 0, latin: 0, cyrillic: 0, sv: 0, en: 0, de: 0 };
}

/** Zeroes a running total, reused from post to post. */
export function resetVotes(total: WordVote): void {
  total.arabic = 0;
  total.latin = 0;
  total.cyrillic = 0;
  total.sv = 0;
  total.en = 0;
  total.de = 0;
}

/** Adds one word's vote to a post's running total. */
export function addVote(total: WordVote, vote: WordVote): void {
  total.arabic += vote.arabic;
  total.latin += vote.latin;
  total.cyrillic += vote.cyrillic;
  total.sv += vote.sv;
  total.en += vote.en;
  total.de += vote.de;
}

export interface DetectLanguageOptions {
  /**
   * Ask franc when the cue words of a Latin-script text tie (default true). Without it a tie is `und`: franc is
   * slower than the rest of the analysis and calls short English titles ("Missing Child: Taylor Siders") Swedish, so
   * a caller that only chooses between the Swedish and English stemmer (the claims ranker) does better without it.
   */
  guessTies?: boolean;
  /**
   * Let the Swedish cue words that are also English words (man, men, Mitt, bra, NY…) vote Swedish (default true).
   * Off for short English texts such as claim titles, where one such word would be the only cue.
   */
  lookalikesVote?: boolean;
}

/**
 * Language of a post, reliable on short posts: Arabic script → `ar`; otherwise Swedish, English (and German)
 * function words and the letters å/ä/ö vote; franc, restricted to a few languages, breaks ties. `und` when nothing
 * tells.
 */
export function detectLanguage(text: string, options: DetectLanguageOptions = {}): Lang {
  const total = emptyVotes();
  const votes = options.lookalikesVote === false ? VOTES_WITHOUT_LOOKALIKES : VOTES;
  for (const token of tokenize(text.slice(0, SCRIPT_SAMPLE_CHARS), CUE_SAMPLE_WORDS).tokens) {
    if (token.kind !== 'word') continue;
    let vote = votes.get(token.raw);
    if (vote === undefined) {
      vote = voteOf(normalizeWord(token.raw), votes === VOTES);
      votes.set(token.raw, vote);
    }
    addVote(total, vote);
  }
  return decideLanguage(text, total, options.guessTies ?? true);
}

// Votes by raw word (never changed after voteOf): posts and claims repeat a small vocabulary, and normalising each
// word again made detection cost as much as the claims ranker's whole tokenising.
const VOTES = new BoundedCache<string, WordVote>(50_000);
const VOTES_WITHOUT_LOOKALIKES = new BoundedCache<string, WordVote>(50_000);

/**
 * The language the summed votes of a post's first {@link CUE_SAMPLE_WORDS} words give; franc on `text` breaks ties
 * unless `guessTies` is false.
 */
export function decideLanguage(text: string, votes: WordVote, guessTies = true): Lang {
  const { arabic, latin, cyrillic, sv, en, de } = votes;
  // Script by letters over words, so a URL (not a word) does not make an Arabic post Latin.
  if (arabic > 0 && arabic >= latin) return 'ar';
  if (cyrillic > latin) return guessTies ? fromFranc(text, CYRILLIC_CANDIDATES) : 'und';
  if (latin === 0) return 'und';
  if (de >= 2 && de > sv && de > en) return 'de';
  if (sv > en) return 'sv';
  if (en > sv) return 'en';
  if (!guessTies) return 'und';
  const guess = fromFranc(text, LATIN_CANDIDATES);
  if (guess === 'und' && sv > 0) return 'sv';
  return guess;
}

/** å is Scandinavian only; ä and ö are shared with German and Finnish, so they count half, and not beside ü or ß. */
function swedishLetterScore(word: string): number {
  if (word.includes('ü') || word.includes('ss')) return 0;
  if (word.includes('å')) return 1;
  return word.includes('ä') || word.includes('ö') ? 0.5 : 0;
}

function fromFranc(text: string, only: string[]): Lang {
  const code = franc(text.slice(0, SCRIPT_SAMPLE_CHARS), { only });
  return ISO_639_1[code] ?? 'und';
}
