import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/language/index.js';
import { createWatchlistMatcher, MAX_SIGNALS, watchlistMatchKeys, type ThreatDetector, type WatchlistEntryKeys } from '../../src/threats/index.js';
import { shippedDetector } from './rules.js';

const key = randomBytes(32);
const entries: WatchlistEntryKeys[] = [
  { id: 1, kind: 'name', keys: watchlistMatchKeys('Lena Berg', key) },
  { id: 2, kind: 'name', keys: watchlistMatchKeys('محمد الحسن', key) },
  { id: 3, kind: 'address', keys: watchlistMatchKeys('Storgatan 12', key) },
];

const matcher = createWatchlistMatcher(entries, key);
let detector: ThreatDetector;
let plain: ThreatDetector;
beforeAll(async () => {
  detector = await shippedDetector(matcher);
  plain = await shippedDetector();
});

const watchlistHits = (text: string) => matcher.match(analyzeText(text)).map((h) => ({ entry: h.entryId, text: text.slice(h.start, h.end) }));

describe('watchlist names inside longer words', () => {
  it.each(['Lenaberg är en vacker ort.', 'Bergström och Lenander skrev en rapport.', 'Vi åkte till Bergslagen med Helena Bergkvist.'])(
    'finds no staff name in "%s"',
    (text) => {
      expect(watchlistHits(text)).toEqual([]);
    },
  );

  it('finds the name as words, any case, reversed, with a small spelling difference', () => {
    expect(watchlistHits('lena berg jobbar på soc')).toEqual([{ entry: 1, text: 'lena berg' }]);
    expect(watchlistHits('BERG, LENA på socialen')).toEqual([{ entry: 1, text: 'BERG, LENA' }]);
    expect(watchlistHits('Leena Bergh på socialen')).toEqual([{ entry: 1, text: 'Leena Bergh' }]);
  });

  it('finds an office address but not the same street with another number', () => {
    expect(watchlistHits('Samling på Storgatan 12 imorgon')).toEqual([{ entry: 3, text: 'Storgatan 12' }]);
    expect(watchlistHits('Samling på Storgatan 120 imorgon')).toEqual([]);
  });
});

describe('names in Arabic script and Latin transliteration', () => {
  it.each(['Mohammed al-Hassan', 'Muhammad Alhassan', 'Mohamad El Hassan', 'محمد الحسن'])('matches the entry «محمد الحسن» written %s', (name) => {
    expect(watchlistHits(`${name} är handläggaren`)).toEqual([{ entry: 2, text: name }]);
  });

  it('matches a Latin entry written in Arabic script', () => {
    expect(watchlistHits('الموظفة لينا بيرغ هي المسؤولة')).toEqual([{ entry: 1, text: 'لينا بيرغ' }]);
  });

  it('raises a named staff member with her phone number to doxxing', () => {
    const result = detector.assess({ text: 'لينا بيرغ رقمها 0701234567' });
    expect(result.level).toBe('high');
    expect(result.categories).toContain('doxxing');
  });
});

describe('phone numbers in many formats', () => {
  it.each(['070-123 45 67', '0701234567', '+46 70 123 45 67', '+46(0)70-123 45 67', '0046 70 123 45 67', '08-123 456 78', '(08) 123 45 67', '070.123.45.67', '٠٧٠١٢٣٤٥٦٧'])(
    'makes "hennes nummer är %s" doxxing next to a staff name',
    (phone) => {
      const result = detector.assess({ text: `Lena Berg, hennes nummer är ${phone}` });
      expect(result.level).toBe('high');
      expect(result.signals.find((s) => s.kind === 'phone')?.text.replace(/\P{Nd}/gu, '').length).toBeGreaterThanOrEqual(8);
    },
  );

  it('leaves an office switchboard in municipal news alone', () => {
    expect(plain.assess({ text: 'Socialtjänsten nås på 08-508 000 00 vardagar 8–17.' }).level).toBe('none');
  });
});

describe('a post quoting a threat in order to condemn it', () => {
  it.each([
    'Någon skrev ”vi ska bränna ner socialkontoret ikväll” i en kommentar. Vidrigt. Vi står bakom vår personal.',
    'A man wrote "we will kill every social worker in Malmö" on Facebook. We condemn this and have filed a police report.',
    'كتب أحدهم «سنقتل موظفي السوسيال» ونحن ندين هذا التهديد',
  ])('stays none: %s', (text) => {
    expect(plain.assess({ text }).level).toBe('none');
  });
});

describe('threats split by invisible characters or spaced letters', () => {
  it.each([
    'Vi ska b r ä n n a ner socialkontoret ikväll',
    'Vi ska b-r-ä-n-n-a ner socialkontoret ikväll',
    'Vi ska brä\u200bnna ner social\u200dkontoret ikväll',
    'Vi ska b\u00adränna ner socialkontoret i\u2060kväll',
    'We will k i l l the social workers tonight',
  ])('still finds the critical threat in "%s"', (text) => {
    expect(plain.assess({ text }).level).toBe('critical');
  });
});

describe('10,000 signals in one post', () => {
  it('caps the signals and still flags the post', () => {
    const text = `Vi vet var ni bor, socialsekreterare. ${'Ring 070-123 45 67 ikväll! '.repeat(10_000)}`;
    const result = plain.assess({ text });
    expect(result.level).toBe('critical');
    expect(result.signals.length).toBeLessThanOrEqual(MAX_SIGNALS);
    expect(result.signals[0]?.kind).toBe('menace');
  });

  it('flags a post made of ten thousand threat words', () => {
    const result = plain.assess({ text: `Socialsekreterare: ${'vi ska döda er '.repeat(10_000)}` });
    expect(result.level).toBe('high');
    expect(result.signals.length).toBeLessThanOrEqual(MAX_SIGNALS);
  });
});
