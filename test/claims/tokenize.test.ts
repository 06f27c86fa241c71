import { describe, expect, it } from 'vitest';
import { detectClaimLanguage, tokenizeClaimText } from '../../src/claims/index.js';
import { normalizeWord } from '../../src/language/index.js';

// Claims are normalised by the language core, as posts are (one set of folds: ø is the Swedish ö there).
describe('normalizeWord on claim words', () => {
  it.each([
    ['Café', 'cafe'],
    ['SOCIALTJÄNSTEN', 'socialtjänsten'],
    ['Återförening', 'återförening'],
    ['Ørsted', 'örsted'],
    ['naïve', 'naive'],
    ['يَخْطِفُ', 'يخطف'],
    ['أطفال', 'اطفال'],
    ['إسلام', 'اسلام'],
    ['مدرسة', 'مدرسه'],
    ['على', 'علي'],
    ['السوســيال', 'السوسيال'],
    ['٢٠٢٢', '2022'],
    ['kid\u200dnap', 'kidnap'],
    ['sоcial', 'social'],
    ['ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
  ])('normalises %s to %s', (word, expected) => {
    expect(normalizeWord(word)).toBe(expected);
  });
});

describe('tokenizeClaimText', () => {
  it.each([
    ['splits camelCase hashtags', 'Stop #StopKidnappingOurChildren now', ['stop', 'stop', 'kidnap', 'children']],
    ['splits acronyms inside hashtags', '#DefundTheCBC', ['defund', 'cbc']],
    ['splits snake_case hashtags', '#stop_the_lies', ['stop', 'li']],
    [
      'drops URLs, even glued to a word',
      'Read #DefundTheCBChttps://t.co/x pic.twitter.com/a www.x.se',
      ['read', 'defund', 'cbc'],
    ],
    ['drops possessives and apostrophes', "Trump's claim isn't true", ['trump', 'claim', 'true']],
    ['joins thousands separators', 'about 10,000 children', ['10000', 'children']],
    ['keeps numbers whole', 'a 13-year-old in 2019', ['13', 'year', 'old', '2019']],
    ['splits decimals into their parts', 'won $278.5 million, 1.8 billion', ['won', '278', 'million', 'billion']],
    ['joins thousands but not decimals', 'fined $138,000.50', ['fine', '138000', '50']],
    ['joins spaced-out letters (the core tokenizer)', 'found by the F.B.I. in the U.S.A.', ['found', 'fbi', 'usa']],
  ])('%s', (_case, text, words) => {
    expect(tokenizeClaimText(text, 'en').words).toEqual(words);
  });

  it('puts words of @handles into mentions, split at camelCase', () => {
    expect(tokenizeClaimText('Said by @IlhanMN and @jane_doe', 'en')).toEqual({
      words: ['said'],
      mentions: ['ilhan', 'mn', 'jane', 'doe'],
    });
  });

  it('keeps the first word of a handle that starts with an underscore', () => {
    expect(tokenizeClaimText('— Amy Jo Cousins (@_AJCousins) and @_Paul_Butler_', 'en').mentions).toEqual([
      'aj',
      'cousin',
      'paul',
      'butler',
    ]);
  });

  it('stems English claim titles as English although a word is also Swedish', () => {
    expect(tokenizeClaimText('Muslim Man Slaps Christian Woman').words).toEqual(['muslim', 'man', 'slap', 'christian', 'woman']);
  });

  it('removes Swedish stopwords and stems Swedish words in a Swedish post', () => {
    expect(tokenizeClaimText('Socialtjänsten kidnappar barnen och det är inte okej').words).toEqual([
      'socialtjänst',
      'kidnapp',
      'barn',
      'okej',
    ]);
  });

  it('removes Arabic stopwords and stems Arabic words, also inside a Latin-script post', () => {
    const arabic = tokenizeClaimText('السوسيال يخطف الأطفال في السويد').words;
    expect(arabic).not.toContain('في');
    expect(arabic).toContain('اطفال');
    expect(tokenizeClaimText('Look: الأطفال are taken', 'en').words).toContain('اطفال');
  });

  it('keeps hashtags without case as one word', () => {
    expect(tokenizeClaimText('#slutakidnappavårabarn', 'sv').words).toEqual(['slutakidnappavårabarn']);
  });
});

describe('detectClaimLanguage', () => {
  it.each([
    ['Social services are taking the children away', 'en'],
    ['Socialtjänsten tar barnen från familjerna', 'sv'],
    ['Barnen är inte säkra', 'sv'],
    ['kidnappar barnen', 'sv'],
    ['السوسيال يخطف الأطفال', 'ar'],
    ['السوسيال يخطف الأطفال #LVU', 'ar'],
    ['', 'en'],
  ] as const)('detects %s as %s', (text, lang) => {
    expect(detectClaimLanguage(text)).toBe(lang);
  });
});
