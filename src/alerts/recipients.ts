import type { QuietHours, RecipientLanguage, RecipientRole, ThreatLevel } from '../db/schema/index.js';
import { VaksamError } from '../errors/index.js';
import { isAtLeast, isThreatLevel } from './levels.js';
import { localTime, parseClock, zonedTime } from './time-zone.js';

export interface Recipient {
  id: number;
  name: string;
  email: string;
  language: RecipientLanguage;
  roles: RecipientRole[];
  region: string | null;
  quietHours: QuietHours | null;
  narratives: string[];
  minThreatLevel: ThreatLevel | null;
}

export const ROLES: readonly RecipientRole[] = ['communications', 'security', 'admin'];
export const LANGUAGES: readonly RecipientLanguage[] = ['sv', 'en'];

export class RecipientInputError extends VaksamError {
  constructor(message: string) {
    super('RECIPIENT_INVALID', message);
  }
}

// Deliberately plain: one @, no spaces or control characters, a dot in the domain. Header injection needs CR/LF.
const EMAIL = /^[^\s@<>()",;:\\[\]\u0000-\u001f\u007f]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}

/** "22:00-07:00" → { start, end }; the range may wrap midnight. */
export function parseQuietHours(raw: string): QuietHours {
  const match = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(raw.trim());
  if (!match) throw new RecipientInputError(`quiet hours '${raw}' must look like 22:00-07:00 (24-hour HH:MM-HH:MM)`);
  const quiet = { start: `${match[1]}:${match[2]}`, end: `${match[3]}:${match[4]}` };
  if (quiet.start === quiet.end) throw new RecipientInputError(`quiet hours '${raw}' start and end at the same time`);
  return quiet;
}

export function parseRoles(raw: string): RecipientRole[] {
  const roles = raw.split(',').map((r) => r.trim()).filter(Boolean);
  const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || unknown.length > 0) {
    throw new RecipientInputError(`unknown role ${unknown.map((u) => `'${u}'`).join(', ') || "''"}; allowed: ${ROLES.join(', ')}`);
  }
  return [...new Set(roles)] as RecipientRole[];
}

export function parseThreatLevel(raw: string): ThreatLevel {
  if (!isThreatLevel(raw) || raw === 'none') throw new RecipientInputError(`threat level '${raw}' is not one of low, medium, high, critical`);
  return raw;
}

/**
 * When a non-critical email to this recipient may go out: null when `now` is outside their quiet hours,
 * otherwise the end of the quiet period, in the alerts time zone.
 */
export function quietUntil(quiet: QuietHours | null, now: Date, timeZone: string): Date | null {
  if (!quiet) return null;
  const start = parseClock(quiet.start);
  const end = parseClock(quiet.end);
  const local = localTime(now, timeZone);
  const minute = local.hour * 60 + local.minute;
  const wraps = start > end;
  const inQuiet = wraps ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inQuiet) return null;
  const endsTomorrow = wraps && minute >= start;
  const day = new Date(Date.UTC(local.year, local.month - 1, local.day + (endsTomorrow ? 1 : 0)));
  return zonedTime(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), Math.floor(end / 60), end % 60, timeZone);
}

/** Communicators subscribed to the narrative (no list means every narrative). */
export function surgeRecipients(all: readonly Recipient[], slug: string): Recipient[] {
  return all.filter((r) => r.roles.includes('communications') && (r.narratives.length === 0 || r.narratives.includes(slug)));
}

/** Everyone whose minimum threat level this threat reaches. */
export function threatRecipients(all: readonly Recipient[], level: ThreatLevel): Recipient[] {
  return all.filter((r) => r.minThreatLevel !== null && isAtLeast(level, r.minThreatLevel));
}

export function adminRecipients(all: readonly Recipient[]): Recipient[] {
  return all.filter((r) => r.roles.includes('admin'));
}
