import { describe, expect, it } from 'vitest';
import { createLexicon, detectLanguage, segmentRun, splitCompound } from '../../src/language/index.js';

describe('detectLanguage', () => {
  it.each([
    ['Soc tog min son', 'sv'],
    ['Det är inte sant', 'sv'],
    ['Barnen mår bra', 'sv'],
    ['s o c i a l e n  k i d n a p p a r  barn i hela landet', 'sv'],
    ['They take our kids', 'en'],
    ['kids are taken', 'en'],
    ['السوسيال يخطف الأطفال', 'ar'],
    ['السوسيال يخطف الأطفال https://example.com/a-very-long-latin-url-path', 'ar'],
    ['#LVU 😡', 'und'],
    ['City won 4-3 last night. Unbelievable.', 'en'],
    ['Vilken kväll! Tack alla.', 'sv'],
    ['Die schwedischen Behörden nehmen den Familien die Kinder weg und niemand hilft ihnen', 'de'],
  ])('tells the language of %j', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });
});

describe('detectLanguage options for choosing a stemmer', () => {
  it('leaves a tie undecided instead of asking franc when guessTies is false', () => {
    expect(detectLanguage('Missing Child: Taylor Siders')).toBe('sv');
    expect(detectLanguage('Missing Child: Taylor Siders', { guessTies: false })).toBe('und');
  });

  it('does not count Swedish cue words spelt like English words when lookalikesVote is false', () => {
    const options = { guessTies: false, lookalikesVote: false };
    expect(detectLanguage('Muslim Man Slaps Christian Woman')).toBe('sv');
    expect(detectLanguage('Muslim Man Slaps Christian Woman', options)).toBe('und');
    expect(detectLanguage('Mitt Romney Almost President', options)).toBe('und');
    // Swedish keeps its other cues and letters.
    expect(detectLanguage('Man tar barnen från familjerna', options)).toBe('sv');
    expect(detectLanguage('kidnappar barnen', options)).toBe('sv');
  });
});

describe('segmentation over the lexicon', () => {
  const lexicon = createLexicon(['statlig kidnappning']);

  it('splits a run without spaces into the fewest known words', () => {
    expect(segmentRun('slutakidnappavårabarn', lexicon)).toEqual(['sluta', 'kidnappa', 'våra', 'barn']);
  });

  it('keeps letters no known word covers together', () => {
    expect(segmentRun('stoppaxqzvbarn', lexicon)).toEqual(['stoppa', 'xqzv', 'barn']);
  });

  it('splits a compound with an inflected last part, known compounds included', () => {
    expect(splitCompound('barnrovet', lexicon)).toEqual(['barn', 'rovet']);
    expect(splitCompound('fosterbarn', lexicon)).toEqual(['foster', 'barn']);
  });

  it('does not split a word into short pieces or function words', () => {
    expect(splitCompound('kommentar', lexicon)).toEqual([]);
    expect(splitCompound('familjehemmen', lexicon)).toEqual([]);
  });
});
