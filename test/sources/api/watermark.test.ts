import { describe, expect, it } from 'vitest';
import { Watermark } from '../../../src/sources/api/index.js';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 10, minute));

describe('Watermark', () => {
  it('treats nothing as old on a first run and keeps the newest instant with the ids at it', () => {
    const watermark = new Watermark(null);
    for (const [id, minute] of [['b', 5], ['a', 5], ['c', 3]] as const) {
      expect(watermark.isOld(id, at(minute))).toBe(false);
      watermark.advance(id, at(minute));
    }
    expect(watermark.toCursor()).toEqual({ since: at(5).toISOString(), seenAtSince: ['b', 'a'] });
  });

  it.each([
    ['older than the stored instant', 'x', 4, true],
    ['at the stored instant and seen', 'a', 5, true],
    ['at the stored instant and not seen', 'n', 5, false],
    ['newer', 'y', 6, false],
  ])('decides an item %s', (_name, id, minute, old) => {
    const watermark = new Watermark({ since: at(5).toISOString(), seenAtSince: ['a'] });
    expect(watermark.isOld(id, at(minute))).toBe(old);
  });

  it('returns no cursor when nothing newer was seen', () => {
    const watermark = new Watermark({ since: at(5).toISOString(), seenAtSince: ['a'] });
    watermark.advance('a', at(5));
    expect(watermark.toCursor()).toBeNull();
    watermark.advance('n', at(5));
    expect(watermark.toCursor()).toEqual({ since: at(5).toISOString(), seenAtSince: ['a', 'n'] });
  });
});
