import { normalizeWord } from './normalize.js';
import type { StemLang } from './types.js';

/**
 * Words a retrieval index (the claims ranker's BM25) leaves out, per stemmer language, in normalised form
 * (normalizeWord). Not the function-word lists of common-words.ts, which vote on the language and split hashtags:
 * these are broader and also drop Twitter noise (`rt`, `via`, `amp`) and contractions, words that occur in every
 * tweet and in no claim's topic. One list per purpose; the claims ranker's CLEF MAP@5 was measured with these.
 */
export const RETRIEVAL_STOPWORDS: Readonly<Record<Exclude<StemLang, 'none'>, ReadonlySet<string>>> = {
  en: toSet(`a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing dont down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now
    of off on once only or other our ours ourselves out over own same she should so some such than that thats the their
    theirs them themselves then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your yours yourself yourselves im ive youre hes shes theyre
    cant wont isnt arent wasnt didnt doesnt also via amp rt`),
  sv: toSet(`alla allt att av blev bli blir de dem den denna deras dess det detta dig din dina ditt du där då efter ej
    eller en er era ert ett från för ha hade han hans har henne hennes hon honom hur här i icke ingen inom inte jag ju
    kan kunde man med mellan men mig min mina mitt mot mycket ni nu när någon något några och om oss på samma sedan sig
    sin sina själv skulle som så sådan till under upp ut utan vad var vara varför varit varje vars vart vem vi
    vid vilka vilken vilket vår våra vårt än är åt över också bara ska`),
  ar: toSet(`في من إلى على عن مع هذا هذه ذلك تلك التي الذي الذين اللذين هو هي هم هن أنا نحن أنت أنتم كان كانت يكون
    قد لقد لا لم لن ما ماذا لماذا كيف أين متى إن أن إذا لو أو ثم بل لكن كل بعض غير حتى عند عندما بين قبل بعد فوق تحت
    أي هناك هنا ذا و ف ب ل ك يا أما إما منذ خلال حول ضد لدى وقد وهو وهي وكان وفي ومن ولا وما`),
};

function toSet(words: string): ReadonlySet<string> {
  return new Set(words.split(/\s+/u).filter(Boolean).map(normalizeWord));
}
