import { MERIDIEM, MONTHS, TWO_WORD_MONTHS, WEEKDAYS, ZONES, normalizeArabic } from './date-names.js';
import { wallTimeToInstant } from './time-zone.js';

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Offset of the local time from UTC, in minutes (CET = +60); null when the string names no zone. */
  offsetMinutes: number | null;
}

export interface ParseDateOptions {
  /**
   * IANA zone of a date written without one ("22.11.2022 12:16:00", "04:42 PM"), e.g. the source's own zone.
   * Default UTC. A date that states its zone or offset ignores it.
   */
  timeZone?: string;
}

interface Time {
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/** Longer strings are not dates; the limit keeps the tokenizer cheap on hostile input. */
const MAX_DATE_CHARS = 256;
const EPOCH = /^\d{9,13}(?:\.\d+)?$/;
/** W3CDTF / ISO 8601 calendar dates, partial dates (YYYY, YYYY-MM), compact YYYYMMDD[Thhmmss], any zone form. */
const ISO =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|(\d{2})(\d{2}))?(?:[t ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*(z|utc|gmt|ut|[+-]\d{2}(?::?\d{2})?)?$/;
/** The RFC 822 shape nearly every RSS feed uses, parsed without tokenising: "Tue, 12 Mar 2024 09:30:00 +0100". */
const RFC822 = /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4}|\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[a-z]{1,5})?$/;
const TOKEN =
  /(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{1,2})\.(\d{1,2})\.(\d{4})|(\d{1,2})\/(\d{1,2})\/(\d{4})|(\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:[.,]\d+)?)?)|(\d+)|([+-])|(\p{L}+)/gu;
/** Drupal's default date formats put " - " between a month/day/year date and the time: "Fri, 05/03/2019 - 15:21". */
const DRUPAL_SEPARATOR = /\d{4}\s+-\s+\d{1,2}:\d{2}/;

type Token =
  | { kind: 'date'; year: number; month: number; day: number }
  /** n/n/yyyy: day/month or month/day, decided later. */
  | { kind: 'slashDate'; first: number; second: number; year: number }
  | { kind: 'time'; text: string }
  | { kind: 'number'; text: string }
  | { kind: 'sign'; negative: boolean }
  | { kind: 'word'; text: string };

/**
 * Parses the date formats feeds and news pages use into a UTC instant: RFC 822/1123/2822 (named zones,
 * military letters, two-digit years, missing seconds or zone), ISO 8601/W3CDTF (partial dates too), asctime,
 * epoch seconds or milliseconds, day-month-year text with English, Swedish or Arabic month names, dotted
 * "22.11.2022 12:16" and slashed dates whose order is certain (a part above 12, a weekday that fits only one
 * reading, or Drupal's "m/d/Y - H:i"; "03/12/2024" alone is ambiguous and not a date).
 * A date without a zone is wall-clock time in `options.timeZone` (default UTC). Returns null when the string is
 * not a date.
 */
export function parseDate(raw: string, options: ParseDateOptions = {}): Date | null {
  const text = normalizeArabic(raw.trim().toLowerCase());
  if (text === '' || text.length > MAX_DATE_CHARS) return null;
  if (EPOCH.test(text)) return parseEpoch(text);
  const timeZone = options.timeZone ?? 'UTC';
  const iso = ISO.exec(text);
  if (iso) return buildDate(isoParts(iso), timeZone);
  const rfc822 = RFC822.exec(text);
  const fast = rfc822 ? rfc822Parts(rfc822) : null;
  return buildDate(fast ?? tokenParts(tokenize(text), DRUPAL_SEPARATOR.test(text)), timeZone);
}

function parseEpoch(text: string): Date | null {
  const value = Number(text);
  const millis = value >= 1e11 ? value : value * 1000;
  return Number.isFinite(millis) ? new Date(Math.round(millis)) : null;
}

function isoParts(match: RegExpExecArray): DateParts | null {
  const [, year, month, day, compactMonth, compactDay, hour, minute, second, fraction, zone] = match;
  return {
    year: Number(year),
    month: Number(month ?? compactMonth ?? 1),
    day: Number(day ?? compactDay ?? 1),
    hour: Number(hour ?? 0),
    minute: Number(minute ?? 0),
    second: Number(second ?? 0),
    millisecond: fractionToMillis(fraction),
    offsetMinutes: zone === undefined ? null : zoneOffset(zone),
  };
}

/** Null (fall back to the tokenizer) when the month name or zone is not one we know. */
function rfc822Parts(match: RegExpExecArray): DateParts | null {
  const [, day, monthName = '', year = '', hour, minute, second, zone] = match;
  const month = MONTHS.get(monthName);
  const offsetMinutes = zone === undefined ? null : /^[+-]/.test(zone) ? zoneOffset(zone) : ZONES.get(zone);
  if (month === undefined || offsetMinutes === undefined) return null;
  return {
    year: year.length === 2 ? expandTwoDigitYear(Number(year)) : Number(year),
    month,
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    millisecond: 0,
    offsetMinutes,
  };
}

function zoneOffset(zone: string): number {
  const named = ZONES.get(zone);
  if (named !== undefined) return named;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

function fractionToMillis(fraction: string | undefined): number {
  if (fraction === undefined) return 0;
  return Math.min(999, Math.round(Number(`0.${fraction}`) * 1000));
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // "a.m." would otherwise read as the military zones A and M.
  const cleaned = text.replace(/\([^)]*\)/g, ' ').replace(/\b([ap])\.m\.?/g, '$1m');
  for (const m of cleaned.matchAll(TOKEN)) {
    if (m[1] !== undefined) tokens.push({ kind: 'date', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
    else if (m[4] !== undefined) tokens.push({ kind: 'date', year: Number(m[6]), month: Number(m[5]), day: Number(m[4]) });
    else if (m[7] !== undefined) tokens.push({ kind: 'slashDate', first: Number(m[7]), second: Number(m[8]), year: Number(m[9]) });
    else if (m[10] !== undefined) tokens.push({ kind: 'time', text: m[10] });
    else if (m[11] !== undefined) tokens.push({ kind: 'number', text: m[11] });
    else if (m[12] !== undefined) tokens.push({ kind: 'sign', negative: m[12] === '-' });
    else if (m[13] !== undefined) tokens.push({ kind: 'word', text: m[13] });
  }
  return tokens;
}

function tokenParts(tokens: Token[], monthFirst: boolean): DateParts | null {
  let date: { year: number; month: number; day: number } | null = null;
  let slashed: { first: number; second: number; year: number } | null = null;
  let weekday: number | null = null;
  let month: number | null = null;
  let time: Time | null = null;
  let offsetMinutes: number | null = null;
  const numbers: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i]!;
    const previous = tokens[i - 1];
    const afterTimeOrZone = previous?.kind === 'time' || (previous?.kind === 'word' && ZONES.has(previous.text));
    if (token.kind === 'date') date ??= token;
    else if (token.kind === 'slashDate') slashed ??= token;
    else if (token.kind === 'time') time ??= parseTime(token.text);
    else if (token.kind === 'number') numbers.push(token.text);
    else if (token.kind === 'sign') {
      const offset = afterTimeOrZone ? signedOffset(token.negative, tokens[i + 1]) : null;
      if (offset !== null) {
        offsetMinutes = offset;
        i += 1;
      }
    } else {
      const pair = tokens[i + 1]?.kind === 'word' ? TWO_WORD_MONTHS.get(`${token.text} ${(tokens[i + 1] as { text: string }).text}`) : undefined;
      if (pair !== undefined) {
        month ??= pair;
        i += 1;
        continue;
      }
      const named = MONTHS.get(token.text);
      weekday ??= WEEKDAYS.get(token.text) ?? null;
      const meridiem = MERIDIEM.get(token.text);
      const zone = ZONES.get(token.text);
      if (named !== undefined) month ??= named;
      else if (meridiem !== undefined && previous?.kind === 'time' && time !== null) time = applyMeridiem(time, meridiem);
      else if (zone !== undefined && (token.text.length > 1 || previous?.kind === 'time')) offsetMinutes = zone;
    }
  }
  const day = date ?? (slashed ? slashedDate(slashed, weekday, monthFirst) : dayMonthYear(month, numbers));
  if (day === null) return null;
  return { ...day, ...(time ?? { hour: 0, minute: 0, second: 0, millisecond: 0 }), offsetMinutes };
}

const TIME = /^(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,](\d+))?)?$/;

function parseTime(text: string): Time | null {
  const m = TIME.exec(text);
  if (!m) return null;
  return { hour: Number(m[1]), minute: Number(m[2]), second: Number(m[3] ?? 0), millisecond: fractionToMillis(m[4]) };
}

function applyMeridiem(time: Time, meridiem: 'am' | 'pm'): Time {
  if (time.hour > 12) return time;
  const hour = meridiem === 'am' ? time.hour % 12 : (time.hour % 12) + 12;
  return { ...time, hour };
}

function signedOffset(negative: boolean, next: Token | undefined): number | null {
  let minutes: number | null = null;
  if (next?.kind === 'number' && next.text.length <= 2) minutes = Number(next.text) * 60;
  else if (next?.kind === 'number' && next.text.length === 4) minutes = Number(next.text.slice(0, 2)) * 60 + Number(next.text.slice(2));
  else if (next?.kind === 'time' && /^\d{1,2}:\d{2}$/.test(next.text)) {
    const [hours, mins] = next.text.split(':');
    minutes = Number(hours) * 60 + Number(mins);
  }
  if (minutes === null) return null;
  return negative ? -minutes : minutes;
}

/** Day and year around a month name: a four-digit number is the year; otherwise "01 Jan 04" is day then year. */
function dayMonthYear(month: number | null, numbers: string[]): { year: number; month: number; day: number } | null {
  if (month === null) return null;
  const yearIndex = numbers.findIndex((n) => n.length === 4);
  const short = numbers.filter((n, index) => index !== yearIndex && n.length <= 2);
  if (yearIndex >= 0) {
    const day = short[0];
    return day === undefined ? null : { year: Number(numbers[yearIndex]), month, day: Number(day) };
  }
  const [day, year] = short;
  if (day === undefined || year === undefined) return null;
  return { year: expandTwoDigitYear(Number(year)), month, day: Number(day) };
}

/**
 * d/m/Y or m/d/Y: a part above 12 can only be the day; else a weekday named beside it picks the reading it fits;
 * else Drupal's " - " separator means its default m/d/Y; otherwise the order is unknown and so is the date.
 */
function slashedDate(
  slashed: { first: number; second: number; year: number },
  weekday: number | null,
  monthFirst: boolean,
): { year: number; month: number; day: number } | null {
  const { first, second, year } = slashed;
  const dayFirst = { year, month: second, day: first };
  const monthFirstDate = { year, month: first, day: second };
  if (first > 12) return dayFirst;
  if (second > 12) return monthFirstDate;
  if (first === second) return dayFirst;
  if (weekday !== null) {
    const fits = [dayFirst, monthFirstDate].filter((d) => new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() === weekday % 7);
    if (fits.length === 1) return fits[0]!;
  }
  return monthFirst ? monthFirstDate : null;
}

/** RFC 2822 §4.3: two-digit years below 50 are 20xx, the rest 19xx. */
function expandTwoDigitYear(year: number): number {
  return year < 50 ? 2000 + year : 1900 + year;
}

function buildDate(parts: DateParts | null, timeZone: string): Date | null {
  if (parts === null || !isValid(parts)) return null;
  const { year, month, day, hour, minute, second, millisecond, offsetMinutes } = parts;
  const wall = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millisecond);
  return new Date(offsetMinutes === null ? wallTimeToInstant(wall, timeZone) : wall - offsetMinutes * 60_000);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

function isValid(p: DateParts): boolean {
  return (
    p.year >= 1000 && p.year <= 9999 &&
    p.month >= 1 && p.month <= 12 &&
    p.day >= 1 && p.day <= daysInMonth(p.year, p.month) &&
    p.minute <= 59 && p.second <= 60 &&
    (p.hour < 24 || (p.hour === 24 && p.minute === 0 && p.second === 0)) &&
    Math.abs(p.offsetMinutes ?? 0) <= 18 * 60
  );
}
