import type { AlertAudience, PersonalChannel, QuietHours, RecipientLanguage, RecipientRole, ThreatLevel } from '../db/schema/index.js';
import { VaksamError } from '../errors/index.js';
import { E164_PHONE as PHONE, isValidEmail } from '../text/index.js';
import { isAtLeast, isThreatLevel } from './levels.js';
import { localTime, parseClock, zonedTime } from '../text/index.js';

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
  phone: string | null;
  channels: PersonalChannel[];
}

export const ROLES: readonly RecipientRole[] = ['communications', 'security', 'admin'];
export const LANGUAGES: readonly RecipientLanguage[] = ['sv', 'en'];
export const PERSONAL_CHANNELS: readonly PersonalChannel[] = ['email', 'sms'];

export class RecipientInputError extends VaksamError {
  constructor(message: string) {
    super('RECIPIENT_INVALID', message);
  }
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

/** "email,sms" → the channels; sms needs a phone number in E.164 form. */
export function parsePersonalChannels(raw: string, phone: string | null): PersonalChannel[] {
  const channels = [...new Set(raw.split(',').map((c) => c.trim()).filter(Boolean))];
  const unknown = channels.filter((c) => !(PERSONAL_CHANNELS as readonly string[]).includes(c));
  if (channels.length === 0 || unknown.length > 0) {
    throw new RecipientInputError(`unknown channel ${unknown.map((u) => `'${u}'`).join(', ') || "''"}; allowed: ${PERSONAL_CHANNELS.join(', ')}`);
  }
  if (channels.includes('sms') && !phone) throw new RecipientInputError('the sms channel needs a phone number (--phone +46701234567)');
  return channels as PersonalChannel[];
}

/** A phone number as E.164 (+46701234567); spaces, dashes and a leading 00 are accepted and removed. */
export function parsePhone(raw: string): string {
  const phone = raw.replace(/[\s()-]/g, '').replace(/^00/, '+');
  if (!PHONE.test(phone)) throw new RecipientInputError(`phone '${raw}' must be an international number such as +46701234567`);
  return phone;
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

/**
 * Whether an alert is for this recipient: communicators following the narrative (no list means every narrative),
 * anyone whose lowest threat level the alert reaches (whatever their roles), or admins.
 */
export function isInAudience(audience: AlertAudience, r: Recipient): boolean {
  if (audience.minLevel !== undefined) return r.minThreatLevel !== null && isAtLeast(audience.minLevel, r.minThreatLevel);
  if (!r.roles.includes(audience.role)) return false;
  return audience.narrative === undefined || r.narratives.length === 0 || r.narratives.includes(audience.narrative);
}

export function audienceRecipients(all: readonly Recipient[], audience: AlertAudience): Recipient[] {
  return all.filter((r) => isInAudience(audience, r));
}

/** The loosest audience of each role: who would get anything at all meant for it. */
const ROLE_AUDIENCE: Record<RecipientRole, AlertAudience> = {
  communications: { role: 'communications', urgent: false },
  security: { role: 'security', minLevel: 'critical', urgent: true },
  admin: { role: 'admin', urgent: false },
};

/** Roles nobody receives alerts for: neither a recipient nor a channel (first run). */
export function rolesWithoutRecipient(all: readonly Recipient[], channelRoles: readonly RecipientRole[]): RecipientRole[] {
  return ROLES.filter((role) => !channelRoles.includes(role) && !all.some((r) => isInAudience(ROLE_AUDIENCE[role], r)));
}

/** A recipient as typed on the command line or in the web form; empty strings mean "not given". */
export interface RecipientInput {
  name: string;
  email: string;
  roles: string;
  language?: string;
  region?: string;
  quiet?: string;
  narratives?: string;
  /** A level, `none` for no threat mail; not given: medium for security recipients, none for others. */
  minThreat?: string;
  phone?: string;
  channels?: string;
}

/** Validates a recipient the same way wherever it is added (CLI, web form). */
export function recipientFromInput(input: RecipientInput): Omit<Recipient, 'id'> {
  const email = input.email.trim();
  if (!isValidEmail(email)) throw new RecipientInputError(`'${email}' is not a valid email address`);
  const language = input.language?.trim() || 'sv';
  if (!(LANGUAGES as readonly string[]).includes(language)) throw new RecipientInputError(`language must be one of ${LANGUAGES.join(', ')}`);
  const name = input.name.trim();
  if (!name) throw new RecipientInputError('a recipient needs a name');
  const roles = parseRoles(input.roles);
  const phone = input.phone?.trim() ? parsePhone(input.phone) : null;
  const minThreat = input.minThreat?.trim();
  return {
    name,
    email,
    language: language as RecipientLanguage,
    roles,
    region: input.region?.trim() || null,
    quietHours: input.quiet?.trim() ? parseQuietHours(input.quiet) : null,
    narratives: (input.narratives ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    minThreatLevel: minThreat === 'none' ? null : minThreat ? parseThreatLevel(minThreat) : roles.includes('security') ? 'medium' : null,
    phone,
    channels: parsePersonalChannels(input.channels?.trim() || 'email', phone),
  };
}
