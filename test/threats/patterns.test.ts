import { describe, expect, it } from 'vitest';
import { findPatterns, MAX_PATTERN_MATCHES } from '../../src/threats/index.js';

const found = (text: string) => findPatterns(text).map((m) => `${m.kind}:${text.slice(m.start, m.end)}`);

describe('phone numbers', () => {
  it.each(['070-123 45 67', '0701234567', '+46 70 123 45 67', '+46701234567', '+46(0)8-123 456 78', '0046 8 123 456 78', '(08) 123 45 67', '08-123 45 67', '031-12 34 56', '+961 3 123 456'])(
    'finds %s',
    (phone) => {
      expect(found(`ring ${phone} nu`)).toEqual([`phone:${phone}`]);
    },
  );

  it.each(['2024-01-15', '01-02-2024', 'öppet 09.00-17.00', '20 000 barn', 'org.nr 212000-1234', 'år 2022', '3.50 kr', 'ärende 123456'])('finds no phone in "%s"', (text) => {
    expect(found(text).filter((f) => f.startsWith('phone:'))).toEqual([]);
  });

  it('reads Arabic-Indic digits and keeps offsets into the original text', () => {
    expect(found('رقمها ٠٧٠١٢٣٤٥٦٧ فقط')).toEqual(['phone:٠٧٠١٢٣٤٥٦٧']);
  });

  it(`stops at ${MAX_PATTERN_MATCHES} matches of a kind`, () => {
    expect(findPatterns('070-123 45 67 '.repeat(1000)).filter((m) => m.kind === 'phone')).toHaveLength(MAX_PATTERN_MATCHES);
  });
});

describe('street addresses', () => {
  it.each([
    ['Hon bor på Storgatan 12B i Uppsala', 'Storgatan 12B'],
    ['adress: Björkvägen 7, 811 31 Sandviken', 'Björkvägen 7, 811 31 Sandviken'],
    ['He lives at 14 Birch Road now', '14 Birch Road'],
    ['تسكن في شارع النصر رقم ٥', 'شارع النصر رقم ٥'],
  ])('finds the address in "%s"', (text, address) => {
    expect(found(text)).toContain(`address:${address}`);
  });

  it('does not take "in 2 days way" or a street without a number for an address', () => {
    expect(found('we will see in 2 days way ahead; Storgatan is long')).toEqual([]);
  });
});

describe('clock times', () => {
  it.each(['kl 10', 'klockan 13', '9:00', 'at 1pm', '10am', 'الساعة 10'])('finds %s', (time) => {
    expect(found(`samling ${time} utanför`)).toEqual([`time:${time}`]);
  });

  it('does not read the house number of "lives at 12 Main Street" as a time', () => {
    expect(found('she lives at 12 Main Street')).toEqual(['address:12 Main Street']);
  });
});
