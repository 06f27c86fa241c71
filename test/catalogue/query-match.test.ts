import { describe, expect, it } from 'vitest';
import { collectOccurrences, compileQuery, evaluateNode, matchQuery, testNode, type QueryLang } from '../../src/catalogue/index.js';
import { analyzeText, type AnalyzeMeta } from '../../src/language/index.js';

function matches(query: string, text: string, meta: AnalyzeMeta = {}, lang: QueryLang = 'any'): boolean {
  return matchQuery(compileQuery(query, { lang }), analyzeText(text, meta)).match;
}

describe('matchQuery', () => {
  it.each([
    ['a bare word, case and accents aside', 'socialtjänsten', 'SOCIALTJÄNSTEN tar barn', true],
    ['å/ä/ö stay distinct', 'våra', 'vara barn', false],
    ['a bare word with an inflectional ending', 'familjehem', 'i familjehemmen', true],
    ['an English word with a doubled consonant', 'kidnap', 'they kidnapped kids', true],
    ['not a different word sharing a stem', 'våldtas', 'hot och våld', false],
    ['a compound part', 'rov', 'barnrovet fortsätter', true],
    ['a trailing wildcard', 'kidnapp*', 'kidnappningen', true],
    ['an inner wildcard', 'barn*rov', 'barnarov', true],
    ['a leading wildcard', '*kidnapp*', 'statskidnappning', true],
    ['an exact phrase', '"våra barn"', 'de tar våra barn', true],
    ['not a phrase out of order', '"våra barn"', 'barn våra', false],
    ['a phrase with a wildcard', '"stjäl barn*"', 'de stjäl barnen', true],
    ['NEAR within n words either way', 'stjäl NEAR/2 barn', 'barnen som de stjäl', true],
    ['not NEAR beyond n words', 'stjäl NEAR/1 barn', 'stjäl de alla våra barn', false],
    ['ONEAR only left before right', 'stjäl ONEAR/3 barn', 'barn stjäl de', false],
    ['NEAR between groups', '(stjäl OR rövar) NEAR/3 (barn OR ungar)', 'soc rövar våra ungar', true],
    ['NOT excludes', 'kidnapp* NOT film', 'filmen om kidnappningen', false],
    ['Arabic without diacritics against a query with them', 'يَخْطِفُ', 'السوسيال يخطف الأطفال', true],
    ['Arabic with clitics', 'الأطفال', 'يسرقون أطفالنا', true],
    ['Arabic hashtag words', 'خطف AND أطفال', '#أوقفوا_خطف_أطفالنا', true],
    ['a hashtag split into words', '"kidnappa våra barn"', '#slutakidnappavårabarn', true],
    ['a bare #tag as a hashtag filter', '#LVU', 'nej till #lvu', true],
    ['an emoji term', '😡', 'soc 😡', true],
    ['a number with separators', '20000', '20 000 barn, nej 20,000 barn', true],
  ])('matches %s', (_what, query, text, expected) => {
    expect(matches(query, text, { lang: 'sv' })).toBe(expected);
  });

  it.each([
    ['lang:ar', 'السوسيال', {}, true],
    ['lang:ar', 'soc tar barn', {}, false],
    ['source:telegram', 'x', { source: 'Telegram' }, true],
    ['author:@anna*', 'x', { author: 'Anna_S' }, true],
    ['hashtag:slutakidnappa*', '#SlutaKidnappaVåraBarn', {}, true],
    ['url:t.me', 'se https://t.me/s/kanal', {}, true],
    ['url:example.com', 'ingen länk', { url: 'https://example.com/post/1' }, true],
    ['url:example.com', 'ingen länk', {}, false],
  ])('filters on %s', (query, text, meta, expected) => {
    expect(matches(query, text, meta)).toBe(expected);
  });

  it('reports hits with offsets into the original text', () => {
    const text = 'Nej! Soc\u200d KIDNAPPAR våra barn';
    const result = matchQuery(compileQuery('kidnapp* NEAR/3 "våra barn"'), analyzeText(text, { lang: 'sv' }));
    expect(result.hits.map((h) => [h.term, h.text])).toEqual([
      ['kidnapp*', 'KIDNAPPAR'],
      ['"våra barn"', 'våra'],
      ['"våra barn"', 'barn'],
    ]);
    for (const hit of result.hits) expect(text.slice(hit.start, hit.end)).toBe(hit.text);
  });

  it.each([
    ['stjäl NEAR/1 barn', 'barn nu stjäl', true],
    ['stjäl NEAR/1 barn', 'barn nu de stjäl', false],
    ['stjäl ONEAR/1 barn', 'barn nu stjäl', false],
    ['stjäl ONEAR/0 barn', 'stjäl barn', true],
    ['(stjäl OR tar) NEAR/2 (barn OR ungar)', 'ungar en två tre tar nu och här barn', false],
    ['(stjäl OR tar) NEAR/2 (barn OR ungar)', 'ungar en två tre tar nu och barn', true],
    ['(stjäl OR tar) ONEAR/2 (barn OR ungar)', 'barn tar en två tre ungar', false],
    ['barn NEAR/0 barn*', 'barnen', true],
    ['tar ONEAR/0 barn*', 'barnen tar', false],
    ['"tar barn" NEAR/2 (stjäl OR rövar)', 'de tar barn och rövar', true],
  ])('tests %s on "%s" as the full evaluation does', (query, text, expected) => {
    // Word-only sides of NEAR are tested on positions alone; the verdict must equal the span evaluation's.
    const compiled = compileQuery(query, { lang: 'sv' });
    const analyzed = analyzeText(text, { lang: 'sv' });
    const occurrences = collectOccurrences(compiled.table, analyzed);
    expect(testNode(compiled.root, analyzed, occurrences)).toBe(expected);
    expect(evaluateNode(compiled.root, analyzed, occurrences).match).toBe(expected);
  });

  it('applies Swedish endings to Swedish rules and English ones to English rules', () => {
    expect(matches('kidnap', 'kidnapped', {}, 'sv')).toBe(false);
    expect(matches('kidnap', 'kidnapped', {}, 'en')).toBe(true);
    expect(matches('barn', 'barnen', {}, 'sv')).toBe(true);
  });
});
