import { parseDate } from './parse-date.js';

/**
 * An instant read with microseconds. It is a Date (milliseconds, for comparing and arithmetic) that remembers the
 * three digits after them and prints all six in toISOString, so that Postgres, whose timestamptz keeps microseconds,
 * stores the instant exactly as the platform wrote it (Bluesky's createdAt "2024-11-20T12:34:56.789123Z").
 */
export class MicrosecondInstant extends Date {
  constructor(
    epochMs: number,
    /** Microseconds past the millisecond, 0–999. */
    readonly extraMicroseconds: number,
  ) {
    super(epochMs);
  }

  override toISOString(): string {
    return `${super.toISOString().slice(0, 23)}${String(this.extraMicroseconds).padStart(3, '0')}Z`;
  }
}

const FRACTION = /^(.*T\d{2}:\d{2}:\d{2})[.,](\d+)(.*)$/i;

/**
 * An ISO 8601 time with its sub-second digits kept to the microsecond (further digits are dropped, as Postgres
 * rounds them away anyway); a time with no more than milliseconds is a plain Date. Null when it is not a date.
 */
export function parsePreciseInstant(raw: string): Date | null {
  const match = FRACTION.exec(raw.trim());
  if (match === null || (match[2] ?? '').length <= 3) return parseDate(raw);
  const [, head = '', digits = '', zone = ''] = match;
  const wholeSeconds = parseDate(`${head}${zone}`);
  if (wholeSeconds === null) return null;
  const micros = Number(digits.slice(0, 6).padEnd(6, '0'));
  return new MicrosecondInstant(wholeSeconds.getTime() + Math.floor(micros / 1000), micros % 1000);
}
