import { describe, expect, it } from 'vitest';
import { arabicCore, normalizeNumber, normalizeWord } from '../../src/language/index.js';

describe('normalizeWord', () => {
  it.each([
    ['case-folds', 'SocialTjänsten', 'socialtjänsten'],
    ['folds fullwidth letters (NFKC)', 'ｋｉｄｎａｐ', 'kidnap'],
    ['folds mathematical bold letters (NFKC)', '𝐤𝐢𝐝𝐧𝐚𝐩', 'kidnap'],
    ['removes a zero-width joiner inside a word', 'kid\u200dnap', 'kidnap'],
    ['removes zero-width space, word joiner and BOM', '\ufeffso\u200bc\u2060ial', 'social'],
    ['removes bidi marks and overrides', '\u202ekidnappar\u202c\u200f', 'kidnappar'],
    ['removes accents', 'Café', 'cafe'],
    ['keeps Swedish å, ä and ö distinct', 'Våra Bränna Rösta', 'våra bränna rösta'],
    ['keeps å/ä/ö written with combining marks', 'va\u030ara bra\u0308nna', 'våra bränna'],
    ['folds ß to ss', 'Straße', 'strasse'],
    ['drops apostrophes', "don't", 'dont'],
    ['removes Arabic tashkeel', 'يَخْطِفُ', 'يخطف'],
    ['removes tatweel', 'خـــطف', 'خطف'],
    ['unifies alef with hamza above and below, madda and wasla', 'أإآٱ', 'اااا'],
    ['turns alef maksura into yeh', 'على', 'علي'],
    ['turns teh marbuta into heh', 'محكمة', 'محكمه'],
    ['turns waw and yeh with hamza into plain letters', 'مؤسسة شائعات', 'موسسه شايعات'],
    ['turns Arabic-Indic digits into ASCII', '٢٠٢٢ ۱۲', '2022 12'],
    ['folds a Cyrillic а inside a Latin word', 'soci\u0430ltjänsten', 'socialtjänsten'],
    ['folds several Cyrillic look-alikes inside a Latin word', '\u0455\u043ec\u0456al', 'social'],
    ['leaves a genuinely Cyrillic word alone', 'спасибо', 'спасибо'],
  ])('%s', (_what, input, expected) => {
    const normalised = input
      .split(' ')
      .map((w) => normalizeWord(w))
      .join(' ');
    expect(normalised).toBe(expected);
  });
});

describe('normalizeNumber', () => {
  it.each([
    ['20,000', '20000'],
    ['20.000', '20000'],
    ['20\u202f000', '20000'],
    ['٢٠٬٠٠٠', '20000'],
  ])('reads %s as %s', (input, expected) => {
    expect(normalizeNumber(input)).toBe(expected);
  });
});

describe('arabicCore', () => {
  it.each([
    ['اطفالنا', 'اطفال'],
    ['الاطفال', 'اطفال'],
    ['واطفالنا', 'اطفال'],
    ['بالسوسيال', 'سوسيال'],
    ['والسوسيال', 'سوسيال'],
    ['المسلمين', 'مسلم'],
    ['خطف', 'خطف'],
  ])('strips the clitics of %s to %s', (input, expected) => {
    expect(arabicCore(input)).toBe(expected);
  });

  // Issue 15: «فجروه» (blow it up) was read as ف + «جروه» and cut down to «جرو» (puppy).
  it.each([
    ['فجروه', 'فجر'],
    ['فجروها', 'فجر'],
    ['فجرت', 'فجرت'],
    ['فكره', 'فكر'],
    ['وطنه', 'وطن'],
    ['ولدي', 'ولد'],
    ['ولادنا', 'ولاد'],
    ['وزير', 'وزير'],
    ['فرح', 'فرح'],
  ])('keeps the root letter of %s: %s', (input, expected) => {
    expect(arabicCore(input)).toBe(expected);
  });

  it.each([
    ['وقتلوهم', 'قتل'],
    ['فاقتلوهم', 'اقتل'],
    ['وسنقتلكم', 'سنقتل'],
    ['فسوف', 'سوف'],
    ['وبيتها', 'بيت'],
  ])('still strips the conjunction of %s: %s', (input, expected) => {
    expect(arabicCore(input)).toBe(expected);
  });

  it('never reads «فجروه» as «جرو», nor «فكره» as «كره»', () => {
    expect(arabicCore('فجروه')).not.toBe(arabicCore('جرو'));
    expect(arabicCore('فكره')).not.toBe(arabicCore('كره'));
  });
});
