import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeWord } from '../../src/language/index.js';
import { maskWatchlistValue, nameSkeleton, watchlistMatchKeys, WatchlistValueError } from '../../src/threats/index.js';

describe('name skeletons', () => {
  it.each([
    ['Mohammed', 'محمد'],
    ['Muhammad', 'محمد'],
    ['Khalid', 'خالد'],
    ['Yusuf', 'يوسف'],
    ['Sarah', 'سارة'],
    ['Ahmed', 'أحمد'],
    ['Omar', 'عمر'],
    ['Ibrahim', 'إبراهيم'],
    ['Abdullah', 'عبدالله'],
    ['Fatima', 'فاطمة'],
    ['Saeed', 'سعيد'],
    ['Johansson', 'يوهانسون'],
    ['Lena', 'لينا'],
    ['Berg', 'بيرغ'],
  ])('spells %s and %s alike', (latin, arabic) => {
    expect(nameSkeleton(normalizeWord(latin))).toBe(nameSkeleton(normalizeWord(arabic)));
  });

  it('keeps different names apart', () => {
    expect(nameSkeleton('lena')).not.toBe(nameSkeleton('elin'));
    expect(nameSkeleton('berg')).not.toBe(nameSkeleton('bergström'));
  });
});

describe('watchlist match keys', () => {
  const key = randomBytes(32);

  it('contain keyed hashes, never the name or its skeleton', () => {
    const keys = watchlistMatchKeys('Lena Berg', key);
    const stored = JSON.stringify(keys);
    for (const secret of ['lena', 'berg', 'ln', 'brg']) expect(stored.toLowerCase()).not.toContain(`"${secret}"`);
    expect(keys.tokens).toHaveLength(2);
  });

  it('differ under another key', () => {
    expect(watchlistMatchKeys('Lena Berg', randomBytes(32))).not.toEqual(watchlistMatchKeys('Lena Berg', key));
  });

  it('refuse values too short or empty to match safely', () => {
    expect(() => watchlistMatchKeys('Bo', key)).toThrow(WatchlistValueError);
    expect(() => watchlistMatchKeys('  ', key)).toThrow(WatchlistValueError);
  });

  it('need the exact spelling for a lone short alias', () => {
    expect(watchlistMatchKeys('Lennartsson', key).exact).toBeNull();
    expect(watchlistMatchKeys('Lenis', key).exact).not.toBeNull();
  });
});

describe('masking', () => {
  it.each([
    ['Lena Berg', 'L*** B***'],
    ['محمد الحسن', 'م*** ا***'],
    ['Storgatan 12', 'S*** 1***'],
  ])('shows %s as %s', (value, masked) => {
    expect(maskWatchlistValue(value)).toBe(masked);
  });
});
