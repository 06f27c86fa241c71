/**
 * Month names and abbreviations, lower-case → month 1–12: English, Swedish, and the Arabic Gregorian names
 * (Egyptian/Gulf, Maghrebi and Levantine) as normalizeArabic spells them.
 */
export const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, 'jan january januari يناير جانفي'],
      [2, 'feb february februari فبراير فبرير فيفري شباط'],
      [3, 'mar march mars مارس اذار'],
      [4, 'apr april ابريل افريل نيسان'],
      [5, 'may maj مايو ماي ايار'],
      [6, 'jun june juni يونيو يونيه جوان حزيران'],
      [7, 'jul july juli يوليو يوليه يوليوز جويليه تموز'],
      [8, 'aug august augusti اغسطس غشت اوت اب'],
      [9, 'sep sept september سبتمبر شتنبر ايلول'],
      [10, 'oct october okt oktober اكتوبر'],
      [11, 'nov november نوفمبر نونبر'],
      [12, 'dec december ديسمبر دجنبر'],
    ] as const
  ).flatMap(([month, names]) => names.split(' ').map((name) => [name, month] as const)),
);

/** Weekday names and abbreviations, lower-case → ISO weekday (1 = Monday … 7 = Sunday): English and Swedish. */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, 'mon monday mån måndag'],
      [2, 'tue tues tuesday tis tisdag'],
      [3, 'wed wednesday ons onsdag'],
      [4, 'thu thur thurs thursday tor tors torsdag'],
      [5, 'fri friday fre fredag'],
      [6, 'sat saturday lör lördag'],
      [7, 'sun sunday sön söndag'],
    ] as const
  ).flatMap(([day, names]) => names.split(' ').map((name) => [name, day] as const)),
);

/** Levantine Gregorian month names written as two words, after normalizeArabic. */
export const TWO_WORD_MONTHS: ReadonlyMap<string, number> = new Map([
  ['كانون الثاني', 1],
  ['تشرين الاول', 10],
  ['تشرين الثاني', 11],
  ['كانون الاول', 12],
]);

/**
 * Named zones → offset in minutes. RFC 822 names, common abbreviations, and the RFC 822 military letters
 * taken as RFC 822 writes them (A = -1 … M = -12, N = +1 … Y = +12), which is what feedparser does too.
 * Ambiguous abbreviations (AST, IST, BST in Asia…) are left out on purpose: an unknown zone means UTC.
 */
export const ZONES: ReadonlyMap<string, number> = new Map([
  ['ut', 0], ['utc', 0], ['gmt', 0], ['z', 0], ['wet', 0],
  ['est', -300], ['edt', -240], ['et', -300], ['cst', -360], ['cdt', -300], ['ct', -360],
  ['mst', -420], ['mdt', -360], ['mt', -420], ['pst', -480], ['pdt', -420], ['pt', -480],
  ['akst', -540], ['akdt', -480], ['hst', -600],
  ['cet', 60], ['cest', 120], ['met', 60], ['mest', 120], ['west', 60], ['bst', 60],
  ['eet', 120], ['eest', 180], ['msk', 180],
  ['jst', 540], ['kst', 540], ['hkt', 480], ['sgt', 480],
  ['awst', 480], ['acst', 570], ['aest', 600], ['aedt', 660], ['nzst', 720], ['nzdt', 780],
  ...militaryZones(),
]);

function militaryZones(): Array<[string, number]> {
  const zones: Array<[string, number]> = [];
  'abcdefghiklm'.split('').forEach((letter, index) => zones.push([letter, -(index + 1) * 60]));
  'nopqrstuvwxy'.split('').forEach((letter, index) => zones.push([letter, (index + 1) * 60]));
  return zones;
}

/** Words that mark the hour as before or after noon (English, Arabic ص/م). */
export const MERIDIEM: ReadonlyMap<string, 'am' | 'pm'> = new Map([
  ['am', 'am'], ['pm', 'pm'], ['ص', 'am'], ['صباحا', 'am'], ['م', 'pm'], ['مساء', 'pm'], ['مساءا', 'pm'],
]);

/**
 * Folds Arabic spelling variants so one table entry matches them all: Arabic-Indic and Persian digits to ASCII,
 * hamza-carrying alefs to bare alef, alef maqsura to ya, ta marbuta to ha, and diacritics and tatweel removed.
 */
export function normalizeArabic(text: string): string {
  if (!/[\u0600-\u06ff]/.test(text)) return text;
  return text
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[\u0622\u0623\u0625\u0671]/g, '\u0627')
    .replace(/\u0649/g, '\u064a')
    .replace(/\u0629/g, '\u0647')
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '');
}
