import { describe, expect, it } from 'vitest';
import { audienceRecipients, isValidEmail, parseQuietHours, parseRoles, quietUntil, recipientFromInput, rolesWithoutRecipient, type Recipient } from '../../src/alerts/index.js';

const TZ = 'Europe/Stockholm';
const quiet = { start: '22:00', end: '07:00' };

describe('quiet hours', () => {
  it.each([
    ['before they start', '2026-11-23T20:59:00Z', null], // 21:59 CET
    ['at the start', '2026-11-23T21:00:00Z', '2026-11-24T06:00:00.000Z'], // 22:00 → 07:00 next morning
    ['after midnight', '2026-11-23T23:30:00Z', '2026-11-24T06:00:00.000Z'],
    ['at the end', '2026-11-24T06:00:00Z', null],
    ['in summer time', '2026-07-01T21:30:00Z', '2026-07-02T05:00:00.000Z'], // 23:30 CEST → 07:00 CEST
    ['on the night clocks go forward', '2026-03-28T23:00:00Z', '2026-03-29T05:00:00.000Z'], // 00:00 CET → 07:00 CEST
    ['on the night clocks go back', '2026-10-24T22:30:00Z', '2026-10-25T06:00:00.000Z'], // 00:30 CEST → 07:00 CET
  ])('%s', (_name, now, until) => {
    expect(quietUntil(quiet, new Date(now), TZ)?.toISOString() ?? null).toBe(until);
  });

  it('handles quiet hours within one day', () => {
    expect(quietUntil({ start: '12:00', end: '13:00' }, new Date('2026-11-23T11:30:00Z'), TZ)?.toISOString()).toBe('2026-11-23T12:00:00.000Z');
    expect(quietUntil({ start: '12:00', end: '13:00' }, new Date('2026-11-23T13:30:00Z'), TZ)).toBeNull();
  });

  it('parses and refuses quiet hours', () => {
    expect(parseQuietHours(' 22:30-06:15 ')).toEqual({ start: '22:30', end: '06:15' });
    expect(() => parseQuietHours('22-7')).toThrow(/22:00-07:00/);
    expect(() => parseQuietHours('07:00-07:00')).toThrow(/same time/);
  });
});

describe('who gets what', () => {
  const r = (id: number, extra: Partial<Recipient>): Recipient => ({
    id,
    name: `r${id}`,
    email: `r${id}@example.se`,
    language: 'sv',
    roles: ['communications'],
    region: null,
    quietHours: null,
    narratives: [],
    minThreatLevel: null,
    phone: null,
    channels: ['email'],
    ...extra,
  });
  const all = [
    r(1, {}),
    r(2, { narratives: ['foster-abuse'] }),
    r(3, { roles: ['security'], minThreatLevel: 'medium' }),
    r(4, { roles: ['security'], minThreatLevel: 'critical' }),
    r(5, { roles: ['communications'], minThreatLevel: 'high' }),
  ];

  it.each([
    ['child-kidnapping', [1, 5]],
    ['foster-abuse', [1, 2, 5]],
  ])('surges of %s go to communicators following it', (slug, ids) => {
    expect(audienceRecipients(all, { role: 'communications', narrative: slug, urgent: false }).map((x) => x.id)).toEqual(ids);
  });

  it.each([
    ['medium', [3]],
    ['high', [3, 5]],
    ['critical', [3, 4, 5]],
  ] as const)('a %s threat goes to everyone whose minimum it reaches', (level, ids) => {
    expect(audienceRecipients(all, { role: 'security', minLevel: level, urgent: false }).map((x) => x.id)).toEqual(ids);
  });

  it.each([
    ['anna.berg@kommun.se', true],
    ['a+tag@sub.example.co', true],
    ['no-at-sign', false],
    ['a@b', false],
    ['a b@example.se', false],
    ['a@example.se\nBcc: x@y.se', false],
    ['<a@example.se>', false],
  ])('validates %j', (email, ok) => {
    expect(isValidEmail(email)).toBe(ok);
  });

  it('names the roles nobody receives alerts for, counting channels that serve them', () => {
    expect(rolesWithoutRecipient([], [])).toEqual(['communications', 'security', 'admin']);
    expect(rolesWithoutRecipient([r(1, {})], ['admin'])).toEqual(['security']);
    expect(rolesWithoutRecipient([r(1, { minThreatLevel: 'critical' })], ['admin'])).toEqual([]);
  });

  it('builds a recipient from typed input: security gets threats from medium, sms needs a phone', () => {
    expect(recipientFromInput({ name: ' Sara ', email: 'sara@kommun.se', roles: 'security' })).toMatchObject({ name: 'Sara', minThreatLevel: 'medium', channels: ['email'], phone: null });
    expect(recipientFromInput({ name: 'K', email: 'k@kommun.se', roles: 'communications', minThreat: 'none' }).minThreatLevel).toBeNull();
    expect(recipientFromInput({ name: 'S', email: 's@kommun.se', roles: 'security', phone: '070-123 45 67'.replace(/^0/, '+46'), channels: 'email,sms' })).toMatchObject({ phone: '+46701234567', channels: ['email', 'sms'] });
    expect(() => recipientFromInput({ name: 'S', email: 's@kommun.se', roles: 'security', channels: 'sms' })).toThrow(/needs a phone number/);
    expect(() => recipientFromInput({ name: 'S', email: 's@kommun.se', roles: 'security', phone: '12345' })).toThrow(/international number/);
  });

  it('refuses unknown roles by name', () => {
    expect(parseRoles('security, admin')).toEqual(['security', 'admin']);
    expect(() => parseRoles('security,boss')).toThrow("unknown role 'boss'; allowed: communications, security, admin");
  });
});
