/**
 * Evidence found by pattern rather than by word: phone numbers (Swedish +46/0046/07x in any spacing, and other
 * international numbers), street addresses ("Storgatan 12", "12 Main Street", «شارع النصر 5») and clock times
 * ("9:00", "kl 10", "at 1pm"). Offsets are into the original text; Arabic-Indic digits count as digits.
 */
export interface PatternMatch {
  kind: 'phone' | 'address' | 'time';
  /** `phone`, `street-address`, `clock-time`… */
  name: string;
  start: number;
  end: number;
}

/** Matches kept per pattern: enough to flag and show, bounded for a post made of 10,000 numbers. */
export const MAX_PATTERN_MATCHES = 20;

const PATTERN_NAMES: Record<PatternMatch['kind'], string> = { phone: 'phone', address: 'street-address', time: 'clock-time' };

const SEP = '[ \\u00a0\\u2009\\u202f\\-\\u2010-\\u2015./]';
const NOT_BEFORE = '(?<![\\p{L}\\p{N}+])';
const NOT_AFTER = '(?![\\p{N}])';

const PHONE = new RegExp(
  `${NOT_BEFORE}(?:` +
    `(?:\\+|00)${SEP}?46${SEP}?(?:\\(0\\)${SEP}?)?[1-9](?:${SEP}?\\d){6,8}` +
    `|\\(0[1-9]\\d{0,2}\\)${SEP}?\\d(?:${SEP}?\\d){4,7}` +
    `|0[1-9](?:${SEP}?\\d){6,9}` +
    `|\\+[1-9]\\d{0,2}(?:${SEP}?\\d){6,12}` +
    `)${NOT_AFTER}`,
  'gu',
);

const SV_STREET = '(?:gatan|gata|vägen|väg|gränd|gränden|torget|torg|platsen|plan|backe|backen|stigen|allén|allé|leden|esplanaden|promenaden|kajen|stråket|parken)';
const SV_ADDRESS = new RegExp(
  `${NOT_BEFORE}\\p{L}{2,}${SV_STREET}\\s+\\d{1,4}(?:\\s?[a-h](?!\\p{L}))?(?:,?\\s+\\d{3}\\s?\\d{2}(?:\\s+\\p{Lu}\\p{Ll}+)?)?${NOT_AFTER}`,
  'giu',
);
/** Case-sensitive: "12 Main Street" is an address, "in 2 days way" is not. */
const EN_ADDRESS = new RegExp(
  `${NOT_BEFORE}\\d{1,5}\\s+(?:\\p{Lu}\\p{Ll}+\\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Boulevard|Blvd|Court|Place)\\.?(?!\\p{L})`,
  'gu',
);
const AR_ADDRESS = new RegExp(`شارع\\s+\\p{L}+(?:\\s+\\p{L}+)?\\s+(?:رقم\\s*)?\\d{1,4}${NOT_AFTER}`, 'gu');

const CLOCK = new RegExp(
  `${NOT_BEFORE}(?:` +
    `(?:kl\\.?|klockan|at|@)\\s?\\d{1,2}(?:[:.]\\d{2})?(?:\\s?(?:am|pm))?` +
    `|(?:[01]?\\d|2[0-3]):[0-5]\\d(?:\\s?(?:am|pm))?` +
    `|(?:1[0-2]|0?[1-9])\\s?(?:am|pm)(?!\\p{L})` +
    `|الساعة\\s+\\d{1,2}(?::\\d{2})?` +
    `)${NOT_AFTER}`,
  'giu',
);

/** All pattern evidence in a text, each kind capped at {@link MAX_PATTERN_MATCHES}. */
export function findPatterns(text: string): PatternMatch[] {
  const folded = foldDigits(text);
  const phones = scan(folded, PHONE, 'phone', isPlausiblePhone);
  const addresses = [SV_ADDRESS, EN_ADDRESS, AR_ADDRESS].flatMap((re) => scan(folded, re, 'address', () => true)).slice(0, MAX_PATTERN_MATCHES);
  // "lives at 12 Main Street": the number belongs to the address, not to a clock.
  const times = scan(folded, CLOCK, 'time', () => true).filter((t) => !addresses.some((a) => t.start < a.end && a.start < t.end));
  return [...phones, ...addresses, ...times];
}

function scan(text: string, pattern: RegExp, kind: PatternMatch['kind'], accept: (match: string) => boolean): PatternMatch[] {
  const out: PatternMatch[] = [];
  const re = new RegExp(pattern.source, pattern.flags);
  for (let m = re.exec(text); m !== null && out.length < MAX_PATTERN_MATCHES; m = re.exec(text)) {
    const raw = m[0].replace(/[\s./\-\u2010-\u2015]+$/u, '');
    if (accept(raw)) out.push({ kind, name: PATTERN_NAMES[kind], start: m.index, end: m.index + raw.length });
  }
  return out;
}

/** Dates (01-02-2024) and opening hours (09.00-17.00) have a phone's digits but not its shape. */
function isPlausiblePhone(raw: string): boolean {
  if (/^\d{2}[.\-/]\d{2}[.\-/]\d{2,4}$/u.test(raw)) return false;
  if (/^\d{2}\.\d{2}(?!\d)/u.test(raw)) return false;
  const digits = raw.replace(/\D/gu, '').length;
  return digits >= 8 && digits <= 15;
}

/** Arabic-Indic and Persian digits to ASCII, one UTF-16 unit for one, so offsets stay those of the original. */
function foldDigits(text: string): string {
  if (!/[\u0660-\u0669\u06f0-\u06f9]/u.test(text)) return text;
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/gu, (d) => String(d.charCodeAt(0) & 0xf));
}
